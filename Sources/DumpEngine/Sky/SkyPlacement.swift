import Foundation

/// Where a star rests, its colour and its drift: a pure function of (sky seed, node id).
///
/// Because nothing here looks at other stars, a new worry never moves an existing star,
/// and the same words under the same seed always land in the same spot.
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

    /// Places the star `nodeID` of the sky with `seed`.
    ///
    /// The radius follows a projected Plummer profile, surface density ∝ (1 + r²/a²)⁻²,
    /// truncated at the cluster edge and sampled exactly by inverting its cumulative share
    /// u = r² / (r² + a²). x is squeezed by 9/16 so the cluster is round on a 16:9 canvas.
    init(nodeID: String, seed: UInt64) {
        var random = SplitMix64(seed: stableHash(nodeID, seed: seed))
        let u = random.unit() * Self.truncatedShare
        let r = Self.coreRadius * (u / (1 - u)).squareRoot()
        let angle = 2 * Double.pi * random.unit()
        let reach = Self.clusterRadius * min(r, 1)
        x = 0.5 + reach * cos(angle) / SkyLayout.aspectRatio
        y = 0.5 + reach * sin(angle)
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

    /// Star radius for a group of `count` worries: 0.004 for one, growing with √count, ≤ 0.02.
    static func radius(count: Int) -> Double {
        min(0.02, 0.004 + 0.003 * Double(max(count - 1, 0)).squareRoot())
    }

    /// The node id for a normalised text: "n" + 16 lowercase hex digits of its seeded hash.
    static func nodeID(normalisedText: String, seed: UInt64) -> String {
        let hex = String(stableHash(normalisedText, seed: seed), radix: 16)
        return "n" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
