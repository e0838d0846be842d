import Foundation

/// The rule that decides when two worries are "the same words" and become one star.
///
/// Worries merge when their normalised texts are equal: Unicode NFC, case folded, whitespace
/// runs collapsed to one space and trimmed, trailing punctuation (`.!?…~。！？` and the like,
/// repeated) dropped. The normalised text also seeds the star's id, position, colour and drift,
/// so this function must never change silently: every existing sky would rearrange.
public enum SkyText {
    /// The normalised form of `text`; equal results mean the worries share one star.
    ///
    /// A text made only of punctuation keeps its punctuation (so "???" and "!!!" stay apart);
    /// a text made only of whitespace normalises to "".
    public static func normalised(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive], locale: nil)
        let composed = isSurelyNFC(folded) ? folded : folded.precomposedStringWithCanonicalMapping

        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }

        let collapsed = scalars
        var end = collapsed.endIndex
        while end > collapsed.startIndex {
            let before = collapsed.index(before: end)
            let scalar = collapsed[before]
            if scalar == " " || trailingPunctuation.contains(scalar.value) {
                end = before
            } else if scalar.value == 0xFE0F, before > collapsed.startIndex,
                trailingPunctuation.contains(collapsed[collapsed.index(before: before)].value)
            {
                // An emoji-style "❗️" is the mark plus a variation selector: drop both.
                end = collapsed.index(before: before)
            } else {
                break
            }
        }
        if end == collapsed.startIndex { return String(collapsed) }
        return String(collapsed[collapsed.startIndex..<end])
    }

    /// Marks that carry tone, not meaning, at the end of a worry ("싫어요!!" = "싫어요").
    static let trailingPunctuation: Set<UInt32> = [
        0x2E, 0x21, 0x3F, 0x7E, 0x2C, 0x3B, 0x3A,  // . ! ? ~ , ; :
        0x2026, 0x2025, 0x22EF,  // … ‥ ⋯
        0x203C, 0x2047, 0x2048, 0x2049,  // ‼ ⁇ ⁈ ⁉
        0x3002, 0x3001, 0x301C, 0xFF61, 0xFF64,  // 。 、 〜 ｡ ､
        0xFF01, 0xFF1F, 0xFF0E, 0xFF5E, 0xFF0C, 0xFF1B, 0xFF1A,  // ！ ？ ． ～ ， ； ：
        0xFE52, 0xFE56, 0xFE57,  // ﹒ ﹖ ﹗
        0x2753, 0x2754, 0x2755, 0x2757,  // ❓ ❔ ❕ ❗
    ]

    /// True when every scalar lies in a range that is already in NFC whatever follows it,
    /// so the (comparatively slow) Foundation normalisation can be skipped.
    ///
    /// Conservative: Latin-1 and Latin Extended (below the combining marks at U+0300),
    /// precomposed Hangul syllables, compatibility jamo, kana, CJK ideographs and punctuation,
    /// full-width forms, common punctuation and emoji. Anything else takes the slow path.
    static func isSurelyNFC(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x300,
                0x2010...0x2027, 0x200D, 0x2030...0x205E,
                0x3000...0x3029, 0x3041...0x3096, 0x30A1...0x30FF, 0x3131...0x318E,
                0x4E00...0x9FFF, 0xAC00...0xD7A3,
                0xFE0F, 0xFF01...0xFF5E,
                0x1F000...0x1FAFF:
                continue
            default:
                return false
            }
        }
        return true
    }
}
