import Foundation

/// When stars gather into a constellation: each star has at most one theme (`WorryTheme`,
/// the topic or word it is mostly about); a star joins its theme's constellation when its
/// similarity to the theme alone (the theme's `share`) reaches the threshold; a theme with
/// at least two stars is a constellation.
///
/// So any two stars of one constellation are at least threshold² similar
/// (`WorrySimilarity`), and whether a star belongs depends on its own words only: a new
/// worry can join a constellation or found one, never split or reshuffle another.
public enum ConstellationRule {
    /// The share a theme must reach, chosen on the development half of the evaluation set
    /// (README, "Constellations").
    public static let defaultThreshold: Double = 0.5

    /// Fewest stars a constellation has.
    public static let minimumStars = 2

    /// The theme a star with `features` gathers under, or nil when its strongest theme is too
    /// small a part of it (or it has none).
    public static func theme(of features: WorryFeatures, threshold: Double = defaultThreshold) -> WorryTheme? {
        theme(features.theme, threshold: threshold)
    }

    /// `theme` if its share reaches `threshold`.
    static func theme(_ theme: WorryTheme?, threshold: Double) -> WorryTheme? {
        guard let theme, theme.share >= threshold else { return nil }
        return theme
    }

    /// The constellation id of `themeKey` under the sky seed: "c" + 16 hex digits.
    static func id(themeKey: String, seed: UInt64) -> String {
        "c" + hexDigits16(stableHash(themeKey, seed: seed ^ 0x636F_6E73_7465))
    }
}
