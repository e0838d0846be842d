import Foundation

/// The view of a text that personal data is looked for in: one byte per grapheme cluster of
/// the original, so a span found in the view is the same span of the original's characters.
///
/// Each character folds on its own, never the whole text (an NFKC of the text would change
/// "ㅋㅋ" and the full-width letters people typed on purpose; the original is only ever cut
/// where something is masked):
/// - ASCII stays itself; full-width ASCII U+FF01–U+FF5E (`０１０`, `＠`, `．`) becomes ASCII;
/// - any decimal digit of any script (Arabic-Indic, mathematical bold …) becomes `0`–`9`;
/// - mathematical, circled, parenthesized and super/subscript letters and digits whose
///   compatibility form is one ASCII character become it (`𝟎` → `0`, `ⓐ` → `a`);
/// - every Unicode space (Zs, such as U+3000 and U+00A0) and the tab become a space;
/// - dashes (U+2010–U+2015, U+2212, U+2043, U+02D7, U+FE58, U+FE63, U+30FC …) become `-`;
/// - dots (U+3002, U+FF61, U+00B7, U+2024, U+2027, U+30FB, U+FF65) become `.`, and U+FE6B `﹫` `@`;
/// - a character made of a base and combining marks or selectors (`1️⃣`, `0̲`) folds as its base;
/// - everything else becomes `DetectionFold.other`, a byte that matches nothing.
enum DetectionFold {
    /// The byte for a character that is none of the above (a Hangul syllable, an emoji …).
    static let other: UInt8 = 0x80

    /// One byte per character of `characters`.
    static func fold(_ characters: [Character]) -> [UInt8] {
        characters.map(fold)
    }

    /// The byte `character` is looked at as.
    static func fold(_ character: Character) -> UInt8 {
        if let ascii = character.asciiValue { return ascii == 0x09 ? 0x20 : ascii }
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return other }
        if isPlainLetter(base) { return other }
        let rest = scalars.dropFirst()
        let onlyMarks = rest.allSatisfy { scalar in
            TextCleaner.isCombiningMark(scalar) || InvisibleCharacters.isEmojiJoiner(scalar)
                || (0xFE00...0xFE0F).contains(scalar.value)
        }
        guard onlyMarks else { return other }
        return fold(base)
    }

    /// Whether `scalar` is a Hangul syllable or jamo, which never folds to anything.
    static func isPlainLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3131...0x318E: return true
        default: return false
        }
    }

    /// The byte a single scalar is looked at as.
    static func fold(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        if value < 0x80 { return value == 0x09 ? 0x20 : UInt8(value) }
        if (0xFF01...0xFF5E).contains(value) { return UInt8(value - 0xFEE0) }
        if dashes.contains(value) { return UInt8(ascii: "-") }
        if dots.contains(value) { return UInt8(ascii: ".") }
        if value == 0xFE6B { return UInt8(ascii: "@") }
        let properties = scalar.properties
        if properties.generalCategory == .spaceSeparator { return 0x20 }
        if properties.numericType == .decimal, let number = properties.numericValue,
            number >= 0, number <= 9
        {
            return UInt8(ascii: "0") + UInt8(number)
        }
        if compatibilityRanges.contains(where: { $0.contains(value) }) {
            let mapped = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
            if mapped.count == 1, let only = mapped.first, only.isASCII, only.value > 0x20 {
                return UInt8(only.value)
            }
        }
        return other
    }

    /// Dash-like scalars read as `-`.
    static let dashes: Set<UInt32> = [
        0x02D7, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2E3A, 0x2E3B,
        0x30FC, 0xFE31, 0xFE32, 0xFE58, 0xFE63, 0xFF70,
    ]

    /// Dot-like scalars read as `.` (not U+2022 `•`, the door's own mask).
    static let dots: Set<UInt32> = [0x00B7, 0x2024, 0x2027, 0x3002, 0x30FB, 0xFF61, 0xFF65]

    /// Blocks whose letters and digits have a one-character ASCII compatibility form.
    static let compatibilityRanges: [ClosedRange<UInt32>] = [
        0x00B2...0x00B9, 0x2070...0x209F, 0x2460...0x24FF, 0x1D400...0x1D7FF, 0x1F100...0x1F1FF,
    ]
}
