import Foundation

/// How a constellation's name is set and how much room it takes, measured like star labels
/// (`SkyLabel`: wide units, no font) so the engine, the Cairo painters and the page agree.
///
/// Names are set apart from star labels the way star charts do it: a little larger, widely
/// letter-spaced, in light aqua instead of mint.
public enum SkyConstellationLabel {
    /// Font size relative to a one-worry star label.
    public static let scale: Double = 1.45
    /// Space added after every grapheme, in ems.
    public static let tracking: Double = 0.3
    /// Longest name, in wide units (including the "…").
    public static let maxWideUnits: Double = 8

    /// The name on one line, cut with "…" when wider than `maxWideUnits`.
    public static func text(for name: String) -> String {
        let oneLine = name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if SkyLabel.wideUnits(of: oneLine) <= maxWideUnits { return oneLine }
        var kept = ""
        var units = SkyLabel.narrowUnit
        for character in oneLine {
            let width = SkyLabel.wideUnits(of: character)
            if units + width > maxWideUnits { break }
            kept.append(character)
            units += width
        }
        return kept + "…"
    }

    /// The font size of a name as a fraction of the sky's width (multiply by the sky box's
    /// width in pixels).
    public static var fontSize: Double { SkyLabel.unitWidth * scale }

    /// The box of `name` centred on (`x`, `y`), in the sky's 0…1 coordinates.
    public static func box(for name: String, x: Double, y: Double) -> SkyLabelBox {
        let text = text(for: name)
        let graphemes = Double(text.count)
        let width = fontSize * (SkyLabel.wideUnits(of: text) + tracking * graphemes)
        let height = SkyLabel.lineHeight * scale
        return SkyLabelBox(minX: x - width / 2, minY: y - height / 2, maxX: x + width / 2, maxY: y + height / 2)
    }
}
