/// The invisible code points the door drops, and the emoji sequences it keeps whole.
///
/// Dropped: every Bidi_Control code point (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), every Default_Ignorable_Code_Point (U+200B, U+2060, U+FEFF, U+00AD, U+180E,
/// U+034F, the Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the variation selectors
/// U+FE00–U+FE0D and U+E0100–U+E01EF …), every other format character (Cf, such as U+FFF9 or
/// U+0600) and the noncharacters.
///
/// Kept, only inside an emoji sequence:
/// - U+200D ZERO WIDTH JOINER between two pictographic scalars (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻);
/// - U+FE0E / U+FE0F right after a base that takes them, an emoji scalar (❤️, ☺︎) or a keycap
///   base (`0`–`9`, `#`, `*`: 1️⃣);
/// - the tag characters U+E0020–U+E007E after a pictographic base, when the run ends with
///   U+E007F CANCEL TAG (the subdivision flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿).
///
/// A joiner, selector or tag anywhere else is dropped.
enum InvisibleCharacters {
    static let zeroWidthJoiner: UInt32 = 0x200D
    static let cancelTag: UInt32 = 0xE007F

    /// `scalars` without the invisible code points, emoji sequences kept whole.
    static func filtered(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        // Whether the scalar being built on is a pictographic emoji, so a joiner may follow.
        var inPictograph = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if value == zeroWidthJoiner {
                if inPictograph, index + 1 < scalars.count, isPictographic(scalars[index + 1]) {
                    result.append(scalar)
                }
                inPictograph = false
                index += 1
            } else if value == 0xFE0E || value == 0xFE0F {
                if let base = result.last, takesVariationSelector(base) { result.append(scalar) }
                index += 1
            } else if (0xE0020...cancelTag).contains(value) {
                let end = tagRunEnd(scalars, from: index)
                if inPictograph, let end {
                    result.append(contentsOf: scalars[index...end])
                    index = end + 1
                } else {
                    index += 1
                }
            } else if isDropped(scalar) {
                index += 1
            } else {
                result.append(scalar)
                let keepsBase = TextCleaner.isCombiningMark(scalar) || (0x1F3FB...0x1F3FF).contains(value)
                if !keepsBase { inPictograph = isPictographic(scalar) }
                index += 1
            }
        }
        return result
    }

    /// The index of the CANCEL TAG that ends the tag run starting at `start`, or nil when the
    /// run is not terminated (or is only a cancel tag).
    static func tagRunEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count, (0xE0020..<cancelTag).contains(scalars[index].value) { index += 1 }
        guard index > start, index < scalars.count, scalars[index].value == cancelTag else { return nil }
        return index
    }

    /// Whether `scalar` is a joiner, presentation selector or tag: the invisible parts of an
    /// emoji sequence that survive the filter.
    static func isEmojiJoiner(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == zeroWidthJoiner || value == 0xFE0E || value == 0xFE0F
            || (0xE0020...cancelTag).contains(value)
    }

    /// Whether `scalar` is a pictographic emoji (not the ASCII digits, `#` and `*` that are
    /// emoji only as keycap bases).
    static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0xA9, 0xAC00...0xD7A3: return false
        default: return scalar.properties.isEmoji
        }
    }

    /// Whether a presentation selector may follow `base`: an emoji or keycap base, but not a
    /// skin-tone modifier, a joiner or another selector.
    static func takesVariationSelector(_ base: Unicode.Scalar) -> Bool {
        base.properties.isEmoji && !base.properties.isEmojiModifier && !isEmojiJoiner(base)
    }

    /// The Hangul fillers and other blanks that must go whatever their properties say.
    static let explicitlyDropped: Set<UInt32> = [
        0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C, 0x200E,
        0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
        0x2066, 0x2067, 0x2068, 0x2069, 0x3164, 0xFEFF, 0xFFA0,
    ]

    /// Whether `scalar` is dropped outside emoji sequences: Bidi_Control, default-ignorable,
    /// format (Cf), a noncharacter, or one of `explicitlyDropped`.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7F, 0xAC00...0xD7A3, 0x1F000...0x1FAFF: return false
        default: break
        }
        if explicitlyDropped.contains(scalar.value) { return true }
        let properties = scalar.properties
        return properties.isBidiControl || properties.isDefaultIgnorableCodePoint
            || properties.generalCategory == .format || properties.isNoncharacterCodePoint
    }
}
