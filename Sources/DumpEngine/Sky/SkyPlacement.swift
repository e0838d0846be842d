import Foundation

/// Where a star rests, its colour and its drift: a pure function of (sky seed, node id,
/// theme).
///
/// A star with a theme (`WorryTheme`, one that passes the constellation threshold) rests
/// near its theme's anchor, so stars about the same thing gather; any other star rests
/// where its own hash puts it. Because nothing here looks at other stars, a new worry never
/// moves an existing star, and the same words under the same seed always land in the same spot.
struct SkyPlacement: Sendable, Equatable {
    /// Rest position, fraction of the sky's width.
    var x: Double
    /// Rest position, fraction of the sky's height.
    var y: Double
    /// One of `SkyPalette.colors`.
    var color: String
    /// The star's sway.
    var drift: SkyDrift

    /// Half the cluster's height: the cluster spans 0.08…0.92 of the sky's height.
    static let clusterRadius: Double = 0.42
    /// Plummer core radius as a fraction of `clusterRadius`; smaller packs the centre tighter.
    static let coreRadius: Double = 0.35
    /// Share of the (untruncated) projected Plummer profile that lies inside the cluster radius.
    static let truncatedShare: Double = 1 / (1 + coreRadius * coreRadius)

    /// Farthest a theme's anchor lies from the centre (so anchor + `themeReach` stays
    /// inside the cluster radius).
    static let anchorRadius: Double = 0.28
    /// Core radius of a theme's stars around its anchor (half of them lie within it).
    static let themeCore: Double = 0.03
    /// Farthest a themed star lies from its anchor.
    static let themeReach: Double = 0.14
    /// Share of the untruncated profile around an anchor that lies within `themeReach`.
    static let themeTruncatedShare: Double = themeReach * themeReach / (themeReach * themeReach + themeCore * themeCore)

    /// Places the star `nodeID` of the sky with `seed`, near its theme's `anchor` if given
    /// (`SkyAnchors`).
    ///
    /// The radius follows a projected Plummer profile, surface density ∝ (1 + r²/a²)⁻²,
    /// truncated and sampled exactly by inverting its cumulative share u = r² / (r² + a²):
    /// about the cluster's centre for a star without a theme, about its theme's anchor
    /// (a = `themeCore`, truncated at `themeReach`) for one with. A heavy-tailed profile keeps
    /// a constellation of three stars tight and lets one of a thousand spread out, with no
    /// star ever moved by the others. x is squeezed by 9/16 so the cluster is round on 16:9.
    init(nodeID: String, seed: UInt64, anchor: (x: Double, y: Double)? = nil) {
        var random = SplitMix64(seed: stableHash(nodeID, seed: seed))
        let unit = random.unit()
        let angle = 2 * Double.pi * random.unit()
        if let anchor {
            let u = unit * Self.themeTruncatedShare
            let r = min(Self.themeReach, Self.themeCore * (u / (1 - u)).squareRoot())
            x = anchor.x + r * cos(angle) / SkyLayout.aspectRatio
            y = anchor.y + r * sin(angle)
        } else {
            let u = unit * Self.truncatedShare
            let r = Self.coreRadius * (u / (1 - u)).squareRoot()
            let reach = Self.clusterRadius * min(r, 1)
            x = 0.5 + reach * cos(angle) / SkyLayout.aspectRatio
            y = 0.5 + reach * sin(angle)
        }
        color = SkyPalette.color(forUnit: random.unit())
        drift = SkyDrift(
            ax: random.double(in: 0.0015...0.005),
            ay: random.double(in: 0.0015...0.005),
            fx: 1 + random.index(below: 2),
            fy: 1 + random.index(below: 2),
            px: random.double(in: 0...(2 * Double.pi)),
            py: random.double(in: 0...(2 * Double.pi))
        )
    }

    /// Star radius for a group of `count` worries: 0.004 for one, growing with √count up to
    /// 0.02 (about 29 people), then with log₂ count (+0.006 per doubling), at most 0.045, so a
    /// worry shared by 96 people still outshines one shared by 60.
    static func radius(count: Int) -> Double {
        let root = 0.004 + 0.003 * Double(max(count - 1, 0)).squareRoot()
        guard root > 0.02 else { return root }
        return min(0.045, 0.02 + 0.006 * log2(Double(count) / rootLimitCount))
    }

    /// The count at which the √ growth reaches 0.02: 1 + (0.016 / 0.003)².
    static let rootLimitCount: Double = 1 + (0.016 / 0.003) * (0.016 / 0.003)

    /// The node id for a normalised text: "n" + 16 lowercase hex digits of its seeded hash.
    static func nodeID(normalisedText: String, seed: UInt64) -> String {
        "n" + hexDigits16(stableHash(normalisedText, seed: seed))
    }
}
