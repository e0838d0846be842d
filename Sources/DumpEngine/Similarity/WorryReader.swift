import Foundation

/// Reads one worry into `WorryFeatures`, walking its text once: Hangul runs through the ending
/// stripper and the word lists, other words through the English stemmer or as they are,
/// Chinese and Japanese as character pairs.
struct WorryReader {
    let lexicon = WorryLexicon.shared
    /// Feature key → weight (the largest offer wins: a repeated word does not count twice).
    var features: [UInt64: Double] = [:]
    /// Theme candidates by key.
    var candidates: [String: Candidate] = [:]
    /// Topic index → (distinct lemmas seen, first position).
    var topicHits: [Int: (lemmas: [Int], position: Int)] = [:]
    var position = 0

    struct Candidate {
        var weight: Double
        var position: Int
        var words: [String]
    }

    // Feature kinds seed the key hash so a word and a syllable pair never share a key.
    static let topicKind: UInt64 = 0x746F_7069
    static let lemmaKind: UInt64 = 0x6C65_6D6D
    static let wordKind: UInt64 = 0x776F_7264
    static let pairKind: UInt64 = 0x7061_6972
    static let jamoKind: UInt64 = 0x6A61_6D6F

    static func key(_ kind: UInt64, _ values: some Sequence<UInt32>) -> UInt64 {
        stableHash(values, seed: kind)
    }

    mutating func offer(_ key: UInt64, _ weight: Double) {
        if let existing = features[key], existing >= weight { return }
        features[key] = weight
    }

    mutating func offerCandidate(key: String, weight: Double, word: String) {
        if var existing = candidates[key] {
            existing.weight = max(existing.weight, weight)
            if !existing.words.contains(word) { existing.words.append(word) }
            candidates[key] = existing
        } else {
            candidates[key] = Candidate(weight: weight, position: position, words: [word])
        }
    }

    // MARK: the walk

    mutating func read(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        var i = 0
        while i < n {
            let value = scalars[i].value
            if Hangul.isSyllable(value) {
                var j = i
                while j < n && Hangul.isSyllable(scalars[j].value) { j += 1 }
                // "3일째", "10만원": a number's counter says nothing of the worry.
                let afterDigit = i > 0 && Self.isDigit(scalars[i - 1].value)
                if !afterDigit { readKorean(scalars[i..<j].map(\.value)) }
                position += 1
                i = j
            } else if Self.isHanOrKana(value) {
                var j = i
                while j < n && Self.isHanOrKana(scalars[j].value) { j += 1 }
                readCharacterPairs(scalars[i..<j].map(\.value))
                position += 1
                i = j
            } else if Self.isWordScalar(scalars[i]) {
                var j = i
                while j < n && Self.isWordScalar(scalars[j]) && !Hangul.isSyllable(scalars[j].value)
                    && !Self.isHanOrKana(scalars[j].value)
                { j += 1 }
                readWord(Array(scalars[i..<j]), next: Self.nextWord(in: scalars, from: j))
                position += 1
                i = j
            } else {
                i += 1
            }
        }
    }

    static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    static func isHanOrKana(_ value: UInt32) -> Bool {
        (value >= 0x4E00 && value <= 0x9FFF) || (value >= 0x3400 && value <= 0x4DBF)
            || (value >= 0x3041 && value <= 0x30FF) || (value >= 0xF900 && value <= 0xFAFF)
    }

    /// Letters and digits of any other script, and the apostrophe inside English words.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || isDigit(value) || value == 0x27
        }
        if value == 0x2019 { return true }  // ’
        if Hangul.isCompatibilityJamo(value) { return false }  // ㅠㅠ, ㅋㅋ: tone, not words
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The ASCII word that follows position `from` (for "broke up"), lowercased.
    static func nextWord(in scalars: [Unicode.Scalar], from: Int) -> [UInt8] {
        var i = from
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var out: [UInt8] = []
        while i < scalars.count, scalars[i].isASCII, scalars[i].properties.isAlphabetic {
            out.append(UInt8(scalars[i].value))
            i += 1
        }
        return out
    }

    // MARK: Korean

    mutating func readKorean(_ token: [UInt32]) {
        let word = token[...]
        // Every form the ending stripper leaves, longest first: 회사에서도, 회사에서, 회사.
        var lengths = [word.count]
        while lengths.count < 5, let ending = lexicon.longestEnding(of: word.prefix(lengths.last!)) {
            lengths.append(lengths.last! - ending)
        }
        // A known word, longest first. One-syllable words (잠, 돈, 일) only as the token itself
        // or before a single ending, so "일어나" is not "일".
        for (strips, length) in lengths.enumerated() where length >= 2 || strips <= 1 {
            if let lemma = lexicon.lookup(word.prefix(length)) {
                addLemma(lemma)
                return
            }
        }
        // An inflected final undone in jamo: 아팠 → 아파, 힘든 → 힘드.
        for length in lengths where length >= 2 {
            var stem = Array(word.prefix(length))
            if let bare = Hangul.withoutInflectionTail(stem[length - 1]) {
                stem[length - 1] = bare
                if let lemma = lexicon.lookup(stem[...]) {
                    addLemma(lemma)
                    return
                }
            }
        }
        // Words written without spaces: known words inside the run, once its endings are off.
        let stripped = word.prefix(lengths.last!)
        if stripped.count >= 3, segment(stripped) { return }
        // An unknown word: its shortest stripped form of two or more syllables, so 고양이가,
        // 고양이를 and 고양이 agree; but a one-syllable noun and its particle ("집에", "집이")
        // is the noun.
        var length = lengths.last(where: { $0 >= 2 }) ?? lengths.last!
        if word.count == 2, lengths.count > 1, lengths[1] == 1, Self.nounParticles.contains(word[word.startIndex + 1]) {
            length = 1
        }
        let stem = Array(word.prefix(length))
        addUnknownKorean(
            stem, display: Self.display(of: word, stemLength: length, firstStrip: lengths.count > 1 ? lengths[1] : nil))
    }

    /// The word as a constellation would show it: the token without one trailing particle.
    static func display(of token: ArraySlice<UInt32>, stemLength: Int, firstStrip: Int?) -> String {
        var kept = token.count
        if stemLength == 1 {
            kept = 1
        } else if let firstStrip, firstStrip >= stemLength,
            displayParticles.contains(Array(token.suffix(token.count - firstStrip)))
        {
            kept = firstStrip
        }
        return String(String.UnicodeScalarView(token.prefix(kept).compactMap(Unicode.Scalar.init)))
    }

    /// Particles a shown word loses ("고양이가" → "고양이"); "이" is not one of them, so
    /// "고양이" stays whole.
    static let displayParticles: Set<[UInt32]> = Set(
        [
            "은", "는", "을", "를", "가", "도", "만", "에", "의", "와", "과", "랑", "로", "으로", "에서", "에게", "한테", "까지",
            "부터", "이랑", "이나", "님", "들", "이가", "이를", "이는", "이도", "이랑", "이한테",
        ].map { $0.unicodeScalars.map(\.value) })

    /// One-syllable particles after a one-syllable noun ("집에", "방이").
    static let nounParticles: Set<UInt32> = Set("이가을를도은는만에의와과랑로".unicodeScalars.map(\.value))

    /// Particles that may follow a one-syllable word inside a run ("돈이없어", "잠이안와").
    static let runParticles: Set<UInt32> = Set("이가을를도은는만에".unicodeScalars.map(\.value))

    /// Finds known words inside a run written without spaces ("회사가기싫", "잠이안"): the
    /// longest known word at each place, left to right. A one-syllable word counts only at the
    /// run's end or before a particle ("잠이…"). True, with the topic and feeling words added,
    /// when it found at least one such word and known words cover at least half the run.
    mutating func segment(_ word: ArraySlice<UInt32>) -> Bool {
        let start = word.startIndex, n = word.count
        var i = 0, covered = 0
        var found: [Int] = []
        while i < n {
            var matched = 0
            var length = min(5, n - i)
            while length >= 2 {
                if let lemma = lexicon.lookup(word[(start + i)..<(start + i + length)]) {
                    found.append(lemma)
                    matched = length
                    break
                }
                length -= 1
            }
            if matched == 0, let lemma = lexicon.lookup(word[(start + i)..<(start + i + 1)]) {
                if lexicon.lemmas[lemma].kind == .stop {
                    matched = 1
                } else if i + 1 == n {
                    found.append(lemma)
                    matched = 1
                } else if Self.runParticles.contains(word[start + i + 1]) {
                    found.append(lemma)
                    matched = 2
                }
            }
            covered += matched
            i += max(1, matched)
        }
        let content = found.filter { lexicon.lemmas[$0].kind != .stop }
        guard !content.isEmpty, covered * 2 >= n else { return false }
        for lemma in content { addLemma(lemma) }
        return true
    }

    mutating func addLemma(_ index: Int) {
        let lemma = lexicon.lemmas[index]
        switch lemma.kind {
        case .stop:
            return
        case .feeling:
            offer(Self.key(Self.lemmaKind, [UInt32(index)]), WorryFeatures.Weight.feeling)
            offerCandidate(key: "word:" + lemma.text, weight: WorryFeatures.Weight.feeling, word: lemma.text)
        case .topic:
            offer(Self.key(Self.lemmaKind, [UInt32(index)]), WorryFeatures.Weight.topicWord)
            guard let topic = lemma.topic else { return }
            var hit = topicHits[topic] ?? (lemmas: [], position: position)
            if !hit.lemmas.contains(index) { hit.lemmas.append(index) }
            topicHits[topic] = hit
        }
    }

    mutating func addUnknownKorean(_ stem: [UInt32], display: String) {
        let weight = stem.count >= 2 ? WorryFeatures.Weight.word : WorryFeatures.Weight.shortWord
        offer(Self.key(Self.wordKind, stem), weight)
        offerCandidate(
            key: "word:" + String(String.UnicodeScalarView(stem.compactMap(Unicode.Scalar.init))), weight: weight, word: display)
        if stem.count >= 2 {
            for k in 0..<(stem.count - 1) {
                offer(Self.key(Self.pairKind, stem[k...(k + 1)]), WorryFeatures.Weight.syllablePair)
            }
        }
        let jamo = Hangul.jamo(of: stem)
        if jamo.count >= 3 {
            for k in 0..<(jamo.count - 2) {
                offer(Self.key(Self.jamoKind, jamo[k...(k + 2)]), WorryFeatures.Weight.jamoTriple)
            }
        }
    }

    // MARK: other scripts

    mutating func readCharacterPairs(_ run: [UInt32]) {
        guard run.count >= 2 else {
            offer(Self.key(Self.wordKind, run), WorryFeatures.Weight.shortWord)
            return
        }
        for k in 0..<(run.count - 1) {
            let pair = run[k...(k + 1)]
            offer(Self.key(Self.pairKind, pair), WorryFeatures.Weight.characterPair)
            let text = String(String.UnicodeScalarView(pair.compactMap(Unicode.Scalar.init)))
            offerCandidate(key: "word:" + text, weight: WorryFeatures.Weight.characterPair, word: text)
        }
    }

    mutating func readWord(_ scalars: [Unicode.Scalar], next: [UInt8]) {
        if scalars.allSatisfy(\.isASCII) || scalars.contains(where: { $0.value == 0x2019 }) {
            readEnglish(scalars.map { $0.value == 0x2019 ? 0x27 : UInt8(truncatingIfNeeded: $0.value) }, next: next)
            return
        }
        let values = scalars.map(\.value)
        if values.allSatisfy(Self.isDigit) { return }
        if let lemma = lexicon.lookup(values[...]) {
            addLemma(lemma)
            return
        }
        let weight = scalars.count >= 3 ? WorryFeatures.Weight.word : WorryFeatures.Weight.shortWord
        offer(Self.key(Self.wordKind, values), weight)
        let text = String(String.UnicodeScalarView(scalars))
        if scalars.count >= 3 { offerCandidate(key: "word:" + text, weight: weight, word: text) }
    }

    mutating func readEnglish(_ bytes: [UInt8], next: [UInt8]) {
        // "can't" → "can", "boss's" → "boss": the part before the apostrophe carries the word.
        var word = bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        if let apostrophe = word.firstIndex(of: 0x27) { word = Array(word[..<apostrophe]) }
        guard !word.isEmpty, !word.allSatisfy({ Self.isDigit(UInt32($0)) }) else { return }
        // "broke up", "break up": the one phrase whose words mean something else alone.
        if ["broke", "break", "breaking", "broken"].contains(String(decoding: word, as: UTF8.self)), next == Array("up".utf8) {
            word = Array("breakup".utf8)
        }
        let stem = EnglishStemmer.stem(word)
        let values = stem.map(UInt32.init)
        if let lemma = lexicon.lookup(values[...]) {
            addLemma(lemma)
            return
        }
        let weight = stem.count >= 3 ? WorryFeatures.Weight.word : WorryFeatures.Weight.shortWord
        offer(Self.key(Self.wordKind, values), weight)
        if stem.count >= 3 {
            offerCandidate(
                key: "word:" + String(decoding: stem, as: UTF8.self), weight: weight, word: String(decoding: word, as: UTF8.self))
        }
    }

    // MARK: the result

    mutating func finish() -> WorryFeatures {
        for (topic, hit) in topicHits {
            let weight = min(
                WorryFeatures.Weight.topicMax,
                WorryFeatures.Weight.topic + WorryFeatures.Weight.topicRepeat * Double(hit.lemmas.count - 1))
            offer(Self.key(Self.topicKind, [UInt32(topic)]), weight)
            candidates["topic:" + lexicon.topics[topic]] = Candidate(
                weight: weight, position: hit.position, words: hit.lemmas.map { lexicon.lemmas[$0].text })
        }
        var result = WorryFeatures()
        let sorted = features.sorted { $0.key < $1.key }
        result.keys = sorted.map(\.key)
        result.weights = sorted.map(\.value)
        result.norm = result.weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // The heaviest candidate; ties go to the one said first, then to the key.
        let best = candidates.min { a, b in
            if a.value.weight != b.value.weight { return a.value.weight > b.value.weight }
            if a.value.position != b.value.position { return a.value.position < b.value.position }
            return a.key < b.key
        }
        if let best, result.norm > 0 {
            result.theme = WorryTheme(key: best.key, share: min(1, best.value.weight / result.norm))
            result.themeWords = best.value.words
        }
        return result
    }
}
