import Foundation

/// The word lists of `WorryLexiconData`, read once into lookup tables keyed by Unicode
/// scalars, so a worry's words are looked up without building strings.
struct WorryLexicon: Sendable {
    /// What a known word does in a worry.
    enum Kind: UInt8, Sendable {
        /// A word about something (회사, 시험, 엄마): it belongs to a topic.
        case topic
        /// How a worry feels (싫다, 힘들다): light, and a theme only when nothing else is said.
        case feeling
        /// A word that says nothing about the worry (너무, 오늘, the): dropped.
        case stop
    }

    /// A known word: its name and what it does.
    struct Lemma: Sendable {
        /// The word as it names a constellation ("회사", "잠", "힘들다").
        var text: String
        var kind: Kind
        /// Index into `topics` for topic words.
        var topic: Int?
    }

    /// Topic keys ("work", "study", …), in `WorryLexiconData.concepts` order.
    let topics: [String]
    /// Every lemma; `lookup` answers indices into this list.
    let lemmas: [Lemma]
    /// Variant (as scalars) → lemma index, by the variant's stable hash.
    private let variants: [UInt64: (scalars: [UInt32], lemma: Int)]
    /// Korean endings by their last scalar, longest first.
    private let endingsByLast: [UInt32: [[UInt32]]]

    /// The lexicon every feature extraction uses.
    static let shared = WorryLexicon()

    private init() {
        var topics: [String] = []
        var lemmas: [Lemma] = []
        var variants: [UInt64: (scalars: [UInt32], lemma: Int)] = [:]

        func add(_ variant: String, lemma: Int) {
            let scalars = Self.scalars(of: variant)
            guard !scalars.isEmpty else { return }
            let key = Self.hash(scalars[...])
            if let existing = variants[key] {
                // The first list to name a variant keeps it; a true hash collision would be a bug.
                precondition(existing.scalars == scalars, "lexicon hash collision: \(variant)")
                return
            }
            variants[key] = (scalars, lemma)
        }

        /// Reads `lemma: variant …` lines; English variants go through the stemmer so they
        /// match the stemmed words of a worry.
        func read(_ block: String, kind: Kind, topic: Int?) {
            for line in block.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                let index = lemmas.count
                lemmas.append(Lemma(text: name, kind: kind, topic: topic))
                for variant in parts[1].split(separator: " ") {
                    add(Self.lexiconForm(String(variant)), lemma: index)
                }
                add(Self.lexiconForm(name), lemma: index)
            }
        }

        for (key, words) in WorryLexiconData.concepts {
            topics.append(key)
            read(words, kind: .topic, topic: topics.count - 1)
        }
        read(WorryLexiconData.feelings, kind: .feeling, topic: nil)
        let stopIndex = lemmas.count
        lemmas.append(Lemma(text: "", kind: .stop, topic: nil))
        for word in WorryLexiconData.stopwords.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            add(Self.lexiconForm(String(word)), lemma: stopIndex)
        }

        var endings: [UInt32: [[UInt32]]] = [:]
        for ending in Set(WorryLexiconData.endings.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)) {
            let scalars = Self.scalars(of: ending)
            endings[scalars.last!, default: []].append(scalars)
        }
        for key in endings.keys {
            endings[key]!.sort { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        }

        self.topics = topics
        self.lemmas = lemmas
        self.variants = variants
        self.endingsByLast = endings
    }

    /// The lemma index of `scalars`, if the lists know the word.
    @inline(__always)
    func lookup(_ scalars: ArraySlice<UInt32>) -> Int? {
        guard let found = variants[Self.hash(scalars)], found.scalars.elementsEqual(scalars) else { return nil }
        return found.lemma
    }

    /// The longest Korean ending `word` ends with that leaves at least one scalar, if any.
    @inline(__always)
    func longestEnding(of word: ArraySlice<UInt32>) -> Int? {
        guard let last = word.last, let candidates = endingsByLast[last] else { return nil }
        for ending in candidates where ending.count < word.count {
            if word.suffix(ending.count).elementsEqual(ending) { return ending.count }
        }
        return nil
    }

    /// A list word in the form worries' words are compared in: Hangul as is, Latin stemmed.
    static func lexiconForm(_ word: String) -> String {
        let lowered = word.lowercased()
        if lowered.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return String(decoding: EnglishStemmer.stem(Array(lowered.utf8)), as: UTF8.self)
        }
        return lowered
    }

    static func scalars(of text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value)
    }

    /// FNV-1a over the scalars' values, mixed once: the table key of a word.
    @inline(__always)
    static func hash(_ scalars: ArraySlice<UInt32>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in scalars {
            hash ^= UInt64(value)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 29
        return hash
    }
}
