import Foundation

/// Step one of the door: the worry's text as clean Unicode, or the refusal that says why not.
///
/// In order:
/// 1. Unicode NFC.
/// 2. Line breaks unified: `"\r\n"`, `"\r"`, U+2028 and U+2029 become `"\n"`.
/// 3. Any other control character (general category Cc, so also U+0085, U+000B, U+000C …)
///    except `"\t"` refuses the text with `control_characters`.
/// 4. Invisible code points are dropped (see `InvisibleCharacters`): Bidi_Control, every
///    Default_Ignorable_Code_Point (zero-width spaces, word joiner, BOM, soft hyphen, the Hangul
///    fillers …), every other format character (Cf) and noncharacters, except the zero-width
///    joiner, the variation selectors U+FE0E/U+FE0F and the emoji tag characters while they sit
///    inside an emoji sequence.
/// 5. Combining marks (Mn, Mc, Me): at most `Door.maxMarksPerBase` on one base; the excess is
///    **dropped**, not refused, so a pasted "zalgo" text still gets through, readable. Marks
///    with no base (at the very start, or right after whitespace) are dropped too. Hangul
///    conjoining jamo are letters (Lo), never counted as marks.
/// 6. NFC again (dropping marks can bring a base and a mark together), whitespace and line
///    breaks trimmed at both ends, and runs of more than two blank lines cut to two.
/// 7. Nothing visible left (only whitespace, U+2800 braille blanks, or nothing at all) refuses
///    with `empty_text`; more than `Door.maxGraphemes` grapheme clusters with `text_too_long`.
///
/// Cleaning is idempotent: `clean(clean(x)) == clean(x)`.
enum TextCleaner {
    /// The cleaned text, or the refusal for a text that is empty, too long or holds control
    /// characters.
    static func clean(_ text: String) throws(DoorRefusal) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        let scalars = unifiedLineBreaks(Array(composed.unicodeScalars))
        if let control = scalars.first(where: isForbiddenControl) {
            let code = String(control.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw DoorRefusal(
                .controlCharacters,
                "The text holds a control character (U+\(padded)). Remove it and try again.")
        }
        let visible = limitedMarks(InvisibleCharacters.filtered(scalars))
        var cleaned = String(String.UnicodeScalarView(visible)).precomposedStringWithCanonicalMapping
        cleaned = collapsedBlankLines(cleaned.trimmingCharacters(in: .whitespacesAndNewlines))
        guard cleaned.unicodeScalars.contains(where: isVisible) else {
            throw DoorRefusal(.emptyText, "Write something before you dump it.")
        }
        let length = cleaned.count
        if length > Door.maxGraphemes {
            throw DoorRefusal(
                .textTooLong,
                "The worry is \(length) characters long; the limit is \(Door.maxGraphemes). Shorten it and try again.")
        }
        return cleaned
    }

    /// `"\r\n"`, a lone `"\r"`, U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR as `"\n"`.
    static func unifiedLineBreaks(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x0D:
                result.append("\n")
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            case 0x2028, 0x2029:
                result.append("\n")
            default:
                result.append(scalar)
            }
            index += 1
        }
        return result
    }

    /// Whether `scalar` is a control character (Cc) the door refuses: all but `"\n"` and `"\t"`.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0..<0x20, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Whether `scalar` is a combining mark the per-base limit counts (Mn, Mc, Me), leaving out
    /// the variation selectors (which the invisible filter already judged) and the Hangul
    /// conjoining jamo ranges, which are letters of a syllable, not marks.
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0xAC00...0xD7A3, 0x1F000...0x1FAFF: return false
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return false
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The scalars with at most `Door.maxMarksPerBase` combining marks on each base, and no
    /// mark without a base (at the start or right after whitespace).
    static func limitedMarks(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var marksOnBase = 0
        var hasBase = false
        for scalar in scalars {
            if isCombiningMark(scalar) {
                guard hasBase, marksOnBase < Door.maxMarksPerBase else { continue }
                marksOnBase += 1
                result.append(scalar)
            } else if InvisibleCharacters.isEmojiJoiner(scalar) {
                // Kept joiners, selectors and tags belong to the emoji before them.
                result.append(scalar)
            } else {
                hasBase = !isWhitespace(scalar)
                marksOnBase = 0
                result.append(scalar)
            }
        }
        return result
    }

    /// Whether `scalar` shows something: not whitespace and not a blank glyph (U+2800).
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        !isWhitespace(scalar) && scalar.value != 0x2800
    }

    /// Unicode White_Space, answered without a table lookup for ASCII and Hangul syllables.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0..<0x80, 0xAC00...0xD7A3, 0x1F000...0x1FAFF: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// `text` with every run of more than two blank (whitespace-only) lines cut to two.
    static func collapsedBlankLines(_ text: String) -> String {
        guard text.utf8.contains(0x0A) else { return text }
        var kept: [Substring] = []
        var blankRun = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                blankRun += 1
                if blankRun > 2 { continue }
            } else {
                blankRun = 0
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }
}
