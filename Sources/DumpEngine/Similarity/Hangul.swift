import Foundation

/// Arithmetic on precomposed Hangul syllables (U+AC00…U+D7A3): split into jamo, drop the
/// final consonant, and tell syllables from the compatibility jamo people type as "ㅠㅠ".
///
/// Unicode lays the 11,172 syllables out as lead × vowel × tail, so all of this is integer
/// arithmetic on the scalar value; no table is needed.
enum Hangul {
    static let firstSyllable: UInt32 = 0xAC00
    static let lastSyllable: UInt32 = 0xD7A3
    static let vowelCount: UInt32 = 21
    static let tailCount: UInt32 = 28

    /// True for a precomposed syllable such as "회".
    @inline(__always)
    static func isSyllable(_ value: UInt32) -> Bool {
        value >= firstSyllable && value <= lastSyllable
    }

    /// True for a compatibility jamo (ㄱ…ㅣ, U+3131…U+318E): the "ㅠㅠ" and "ㅋㅋ" of chat.
    @inline(__always)
    static func isCompatibilityJamo(_ value: UInt32) -> Bool {
        value >= 0x3131 && value <= 0x318E
    }

    /// The syllable's lead (0…18), vowel (0…20) and tail (0 = none, 1…27) indices.
    @inline(__always)
    static func parts(_ syllable: UInt32) -> (lead: UInt32, vowel: UInt32, tail: UInt32) {
        let index = syllable - firstSyllable
        return (index / (vowelCount * tailCount), (index % (vowelCount * tailCount)) / tailCount, index % tailCount)
    }

    /// The syllable built from lead, vowel and tail indices.
    @inline(__always)
    static func syllable(lead: UInt32, vowel: UInt32, tail: UInt32) -> UInt32 {
        firstSyllable + (lead * vowelCount + vowel) * tailCount + tail
    }

    /// Tail indices of the finals that Korean verb endings add to a stem: ㄴ (adnominal "아픈"),
    /// ㄹ (future "아플"), ㅁ (nominal "아픔"), ㅂ (formal "아픕니다"), ㅆ (past "아팠").
    static let inflectionTails: Set<UInt32> = [4, 8, 16, 17, 20]

    /// The syllable without its final consonant when that final is an inflection
    /// (`inflectionTails`); nil otherwise. "팠" → "파", "픈" → "프".
    static func withoutInflectionTail(_ syllable: UInt32) -> UInt32? {
        guard isSyllable(syllable) else { return nil }
        let (lead, vowel, tail) = parts(syllable)
        guard inflectionTails.contains(tail) else { return nil }
        return Self.syllable(lead: lead, vowel: vowel, tail: 0)
    }

    /// The jamo of `syllables` as small integers (lead 1…19, vowel 101…121, tail 201…227),
    /// so "아파" and "아팠" share most of their jamo n-grams. Non-syllables are kept as is.
    static func jamo<S: Sequence>(of syllables: S) -> [UInt32] where S.Element == UInt32 {
        var out: [UInt32] = []
        for value in syllables {
            guard isSyllable(value) else {
                out.append(value)
                continue
            }
            let (lead, vowel, tail) = parts(value)
            out.append(1 + lead)
            out.append(101 + vowel)
            if tail > 0 { out.append(200 + tail) }
        }
        return out
    }
}
