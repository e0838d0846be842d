import Foundation

/// A text folded for the verdict's lexicon: the usual tricks undone, then two views to match.
///
/// Folding, in order:
/// - NFKC and lowercase (full-width and styled letters become plain: `ｋｉｌｌ` → `kill`);
/// - the text cut into *words*: runs of letters (any script), plus digits and the symbols
///   `@ $ ! | * #` inside a word; apostrophes vanish (`don't` → `dont`); combining marks are
///   skipped; everything else (spaces, punctuation, the masks' `•`) separates words;
/// - in a word with Latin letters, leetspeak read as letters (`0`→o `1`→i `3`→e `4`→a `5`→s
///   `7`→t `8`→b `9`→g `@`→a `$`→s `!`→i `|`→l), and `*` / `#` inside it kept as a wildcard
///   (`f*ggot`); in a word without Latin letters digits and symbols separate (`한1남충`);
/// - runs of two or more one-letter words joined into one (`한 남 충`, `한.남.충`, `n i g g a`,
///   `죽 고 싶 다`);
/// - every run of one repeated letter kept as the letter and its count (`죽고싶다아아`,
///   `kiiiill`), which the match compares with "at least" (see `Term`).
///
/// The two views: `words` is `" word word "` with single spaces, for terms with word edges
/// (`" kill myself"`, `" retard "`) or that must stay inside one word; `joined` is every word
/// run together, for Korean phrases whose spacing varies (`죽고싶` in `죽고 싶다`, `죽고싶다`).
struct MatchView: Sendable {
    /// One run of a repeated scalar.
    struct Run: Equatable, Sendable {
        var scalar: UInt32
        var count: Int
    }

    static let space: UInt32 = 0x20
    static let wildcard: UInt32 = 0x2A

    /// `" word word "`, as runs.
    let words: [Run]
    /// The words run together, as runs.
    let joined: [Run]
    /// Where each scalar's runs are in `words` and in `joined`, so a term is only tried where
    /// its first letter is.
    let wordsIndex: [UInt32: [Int]]
    let joinedIndex: [UInt32: [Int]]

    /// The folded views of `text`.
    init(_ text: String) {
        let tokens = MatchView.mergedSingles(MatchView.tokens(of: text))
        var spaced: [UInt32] = [MatchView.space]
        for token in tokens {
            spaced.append(contentsOf: token)
            spaced.append(MatchView.space)
        }
        words = MatchView.runs(spaced)
        joined = MatchView.runs(tokens.flatMap { $0 })
        wordsIndex = MatchView.index(words)
        joinedIndex = MatchView.index(joined)
    }

    /// The positions of each scalar's runs.
    static func index(_ runs: [Run]) -> [UInt32: [Int]] {
        var index: [UInt32: [Int]] = [:]
        for (position, run) in runs.enumerated() where run.scalar != space {
            index[run.scalar, default: []].append(position)
        }
        return index
    }

    /// The folded words of `text`, each as scalar values.
    static func tokens(of text: String) -> [[UInt32]] {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var tokens: [[UInt32]] = []
        var current: [Unicode.Scalar] = []
        for scalar in folded.unicodeScalars {
            if isApostrophe(scalar) || isMark(scalar) { continue }
            if isLetter(scalar) || isInWordSymbol(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(contentsOf: finished(current))
                current = []
            }
        }
        if !current.isEmpty { tokens.append(contentsOf: finished(current)) }
        return tokens
    }

    /// A raw word finished: leetspeak read in Latin words, split at digits and symbols in others.
    static func finished(_ raw: [Unicode.Scalar]) -> [[UInt32]] {
        let isLatin = raw.contains { ("a"..."z").contains($0) }
        guard isLatin else {
            return raw.split { !isLetter($0) }.map { $0.map(\.value) }
        }
        // Symbols at the edges of a word are punctuation, not letters ("die!!", "#sad").
        var start = 0
        var end = raw.count
        while start < end, isEdgeSymbol(raw[start]) { start += 1 }
        while end > start, isEdgeSymbol(raw[end - 1]) { end -= 1 }
        let word = raw[start..<end].map { scalar -> UInt32 in
            if let letter = leet[scalar] { return letter.value }
            if scalar == "*" || scalar == "#" { return wildcard }
            return scalar.value
        }
        return word.contains(where: { $0 != wildcard }) ? [word] : []
    }

    /// Two or more one-letter words in a row joined into one word.
    static func mergedSingles(_ tokens: [[UInt32]]) -> [[UInt32]] {
        var result: [[UInt32]] = []
        var singles: [UInt32] = []
        func flush() {
            if !singles.isEmpty { result.append(singles) }
            singles = []
        }
        for token in tokens {
            if token.count == 1 {
                singles.append(token[0])
            } else {
                flush()
                result.append(token)
            }
        }
        flush()
        return result
    }

    /// Scalars as runs of one repeated scalar.
    static func runs(_ scalars: [UInt32]) -> [Run] {
        var runs: [Run] = []
        for scalar in scalars {
            if let last = runs.last, last.scalar == scalar {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Run(scalar: scalar, count: 1))
            }
        }
        return runs
    }

    /// Leetspeak digits and symbols read as letters, inside Latin words.
    static let leet: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
        "@": "a", "$": "s", "!": "i", "|": "l",
    ]

    /// A letter of any script (Unicode Alphabetic), quick for ASCII and Hangul syllables.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61...0x7A, 0x41...0x5A, 0xAC00...0xD7A3: return true
        case 0..<0x80, 0x1F000...0x1FAFF: return false
        default: return scalar.properties.isAlphabetic
        }
    }

    static func isInWordSymbol(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || isEdgeSymbol(scalar)
    }

    static func isEdgeSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "@", "$", "!", "|", "*", "#": return true
        default: return false
        }
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x60, 0x2018, 0x2019, 0x02BC: return true
        default: return false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0xAC00...0xD7A3, 0x1F000...0x1FAFF: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return !scalar.properties.isAlphabetic
        default: return false
        }
    }

    // MARK: - Matching

    /// Whether `term` occurs in its view.
    func contains(_ term: Term) -> Bool {
        !matches(of: term, limit: 1).isEmpty
    }

    /// The run ranges where `term` occurs in its view (at most `limit` of them).
    func matches(of term: Term, limit: Int = .max) -> [Range<Int>] {
        let text = term.inWords ? words : joined
        let index = term.inWords ? wordsIndex : joinedIndex
        let pattern = term.runs
        guard term.anchor < pattern.count, pattern.count <= text.count else { return [] }
        var found: [Range<Int>] = []
        let anchored = index[pattern[term.anchor].scalar] ?? []
        let wildcards = pattern.count >= 4 ? index[MatchView.wildcard] ?? [] : []
        for candidates in [anchored, wildcards] {
            for position in candidates {
                let start = position - term.anchor
                guard start >= 0, start + pattern.count <= text.count,
                    MatchView.matches(pattern, text, at: start)
                else { continue }
                found.append(start..<(start + pattern.count))
                if found.count >= limit { return found }
            }
        }
        return found
    }

    /// Whether `term` occurs in the joined view starting exactly at run `start`; the end.
    func joinedMatch(of term: Term, at start: Int) -> Int? {
        guard !term.inWords, start + term.runs.count <= joined.count,
            MatchView.matches(term.runs, joined, at: start)
        else { return nil }
        return start + term.runs.count
    }

    /// Whether `pattern` matches `text` at `start`: the same scalars, each text run at least as
    /// long as the pattern's, and at most one wildcard standing for one letter run when the
    /// pattern has four or more.
    static func matches(_ pattern: [Run], _ text: [Run], at start: Int) -> Bool {
        var wildcards = 0
        for (offset, wanted) in pattern.enumerated() {
            let run = text[start + offset]
            if run.scalar == wanted.scalar {
                if run.count < wanted.count { return false }
            } else if run.scalar == wildcard, wanted.scalar != space, pattern.count >= 4, wildcards == 0 {
                wildcards += 1
            } else {
                return false
            }
        }
        return true
    }
}

/// A lexicon entry, folded like the text it is looked for in.
///
/// `Term.loose("죽고싶")` matches across spacing in the joined view; `Term.word(" kill myself")`
/// matches in the words view, where a space in the term is a word edge (a term with no space at
/// all must sit inside one word: `Term.word("자살")` finds `동반자살` but not `가자 살자`).
struct Term: Sendable {
    /// Whether the term is looked for in the words view (else the joined view).
    let inWords: Bool
    let runs: [MatchView.Run]
    /// The first run that is not a word edge: where the match is looked up in the index.
    let anchor: Int

    init(inWords: Bool, runs: [MatchView.Run]) {
        self.inWords = inWords
        self.runs = runs
        anchor = runs.firstIndex { $0.scalar != MatchView.space } ?? runs.count
    }

    /// A Korean phrase matched whatever its spacing.
    static func loose(_ phrase: String) -> Term {
        Term(inWords: false, runs: MatchView.runs(MatchView.tokens(of: phrase).flatMap { $0 }))
    }

    /// A phrase matched on word edges: leading and trailing spaces require a word to start or
    /// end there.
    static func word(_ phrase: String) -> Term {
        var scalars: [UInt32] = phrase.hasPrefix(" ") ? [MatchView.space] : []
        scalars.append(contentsOf: MatchView.tokens(of: phrase).map { $0 }.joined(separator: [MatchView.space]))
        if phrase.hasSuffix(" ") { scalars.append(MatchView.space) }
        return Term(inWords: true, runs: MatchView.runs(scalars))
    }
}
