import Foundation

/// How a star's label is worded and how much room it takes, estimated without a font.
///
/// The engine must decide which labels fit before anything is drawn, and the page and the
/// Cairo painters must agree with it, so the size comes from a simple grapheme count:
/// a Hangul/CJK/emoji grapheme is one "wide unit", any other grapheme 0.55.
public enum SkyLabel {
    /// Width of one wide unit at font scale 1, as a fraction of the sky's width (16:9 canvas).
    public static let unitWidth: Double = 0.0085
    /// Height of a label line at font scale 1, as a fraction of the sky's height.
    public static let lineHeight: Double = 0.03
    /// Gap between the bottom of a star and the top of its label, as a fraction of height.
    public static let gap: Double = 0.006
    /// Longest label, in wide units (including the "…"); longer texts are cut.
    public static let maxWideUnits: Double = 14
    /// Width, in wide units, of a grapheme that is not Hangul/CJK/emoji.
    public static let narrowUnit: Double = 0.55

    /// The label for `text`: whitespace runs (newlines too) become one space, and a text
    /// wider than `maxWideUnits` is cut at a grapheme boundary and ends with "…".
    public static func text(for text: String) -> String {
        let oneLine = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if wideUnits(of: oneLine) <= maxWideUnits { return oneLine }
        var kept = ""
        var units = narrowUnit  // room for the "…"
        for character in oneLine {
            let width = wideUnits(of: character)
            if units + width > maxWideUnits { break }
            kept.append(character)
            units += width
        }
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + "…"
    }

    /// The width of `text` in wide units.
    public static func wideUnits(of text: String) -> Double {
        text.reduce(0) { $0 + wideUnits(of: $1) }
    }

    /// The width of one grapheme: 1 for Hangul, CJK, full-width forms and emoji, else 0.55.
    public static func wideUnits(of character: Character) -> Double {
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F || isWide(scalar) { return 1 }
        }
        return narrowUnit
    }

    /// Label size grows gently with the star's count: 1 for a single worry, at most 1.5.
    public static func fontScale(count: Int) -> Double {
        min(1.5, 1 + 0.1 * log2(Double(max(count, 1))))
    }

    /// Where a label may sit around its star.
    public enum Place: String, Codable, Sendable, CaseIterable, Hashable {
        /// Centred under the star (the usual place; `SkyNode.labelAt` is nil for it).
        case below
        /// Centred above the star.
        case above
        /// To the right of the star, centred on it vertically.
        case right
        /// To the left of the star, centred on it vertically.
        case left
    }

    /// The label's box at rest, at `node.labelAt` (under the star when nil).
    public static func box(for node: SkyNode) -> SkyLabelBox {
        box(for: node, at: node.labelAt ?? .below)
    }

    /// The label's box at rest if it sat at `place`.
    public static func box(for node: SkyNode, at place: Place) -> SkyLabelBox {
        let scale = fontScale(count: node.count)
        return box(
            for: node, at: place, width: unitWidth * scale * wideUnits(of: text(for: node.text)), height: lineHeight * scale)
    }

    /// A `width × height` box at `place` around `node` (radius is of the height; x of the width).
    static func box(for node: SkyNode, at place: Place, width: Double, height: Double) -> SkyLabelBox {
        let radiusX = node.radius / SkyLayout.aspectRatio, gapX = gap / SkyLayout.aspectRatio
        switch place {
        case .below:
            let top = node.y + node.radius + gap
            return SkyLabelBox(minX: node.x - width / 2, minY: top, maxX: node.x + width / 2, maxY: top + height)
        case .above:
            let bottom = node.y - node.radius - gap
            return SkyLabelBox(minX: node.x - width / 2, minY: bottom - height, maxX: node.x + width / 2, maxY: bottom)
        case .right:
            let left = node.x + radiusX + gapX
            return SkyLabelBox(minX: left, minY: node.y - height / 2, maxX: left + width, maxY: node.y + height / 2)
        case .left:
            let right = node.x - radiusX - gapX
            return SkyLabelBox(minX: right - width, minY: node.y - height / 2, maxX: right, maxY: node.y + height / 2)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return scalar.value >= 0x2300 && scalar.properties.isEmojiPresentation
        }
    }
}
