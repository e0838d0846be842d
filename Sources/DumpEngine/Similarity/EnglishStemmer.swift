import Foundation

/// A small suffix stripper for English words, so "sleeping", "slept" and "sleep" or
/// "worries" and "worried" compare as one word. Deliberately crude (a few of Porter's first
/// steps); the lexicon's English words pass through the same function, so both sides agree.
enum EnglishStemmer {
    /// The stem of a lowercase ASCII word.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        var w = word
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return w.count > s.count && w.suffix(s.count).elementsEqual(s)
        }
        func isVowel(_ c: UInt8) -> Bool { "aeiouy".utf8.contains(c) }
        func undouble() {
            // "stopp" → "stop", "gett" → "get"; but "fall", "miss", "buzz" keep theirs.
            if w.count >= 3, w[w.count - 1] == w[w.count - 2], !"lsz".utf8.contains(w[w.count - 1]), !isVowel(w[w.count - 1]) {
                w.removeLast()
            }
        }
        if ends("sses") {
            w.removeLast(2)
        } else if ends("ies") && w.count > 4 {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
        } else if ends("s") && w.count > 3 && !ends("ss") && !ends("us") && !ends("is") {
            w.removeLast()
        }
        if ends("ing") && w.count > 5 {
            w.removeLast(3)
            undouble()
        } else if ends("ied") && w.count > 4 {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
        } else if ends("ed") && w.count > 4 {
            w.removeLast(2)
            undouble()
        }
        return w
    }
}
