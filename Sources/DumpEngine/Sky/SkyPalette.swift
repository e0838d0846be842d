import Foundation

/// The four star colours of the sky and how often each appears.
public enum SkyPalette {
    /// Mint, deeper mint, light aqua, white — the product's glow colours, as `#rrggbb`.
    public static let colors: [String] = [Palette.mint, Palette.deepMint, Palette.aqua, Palette.white].map(\.hex)

    /// Cumulative shares of `colors` (40 %, 25 %, 20 %, 15 %).
    static let cumulativeShares: [Double] = [0.40, 0.65, 0.85, 1.0]

    /// The colour for a uniform sample `u` in 0..<1.
    static func color(forUnit u: Double) -> String {
        for (index, share) in cumulativeShares.enumerated() where u < share {
            return colors[index]
        }
        return colors[colors.count - 1]
    }
}
