import Foundation

/// What the similarity knows of one worry: a sparse vector of weighted features (topics,
/// words, syllable pairs, jamo triples), the worry's theme, and the words that could name
/// the constellation of that theme.
///
/// Korean first: particles and verb endings are stripped one at a time ("회사에서도" →
/// "회사", "싫어요" → "싫"), inflected finals are undone in jamo ("아팠" → "아파"), words
/// run together without spaces are found inside the run ("회사가기싫어" → 회사, 싫), and
/// a word the lists do not know still compares by its syllable pairs and jamo. English is
/// stemmed; other scripts compare by words, and Chinese and Japanese by character pairs.
/// A pure function of the text: the same text always gives equal features.
public struct WorryFeatures: Sendable, Equatable {
    /// Feature keys, ascending.
    public internal(set) var keys: [UInt64] = []
    /// Weight of each key (positive), in the order of `keys`.
    public internal(set) var weights: [Double] = []
    /// Euclidean length of `weights`.
    public internal(set) var norm: Double = 0
    /// The strongest topic or word, if the worry says anything the lists do not drop.
    public internal(set) var theme: WorryTheme?
    /// Words that could name the theme's constellation, as shown ("회사", "팀장"), in order.
    public internal(set) var themeWords: [String] = []

    /// Weights of the kinds of features (the similarity's only knobs besides the lists).
    public enum Weight {
        /// A topic of the word lists, for its first word in the worry.
        public static let topic: Double = 2.4
        /// Each further word of the same topic adds this, up to `topicMax`.
        public static let topicRepeat: Double = 0.8
        /// Most weight a topic can reach.
        public static let topicMax: Double = 4.0
        /// A known word that belongs to a topic ("회사").
        public static let topicWord: Double = 1.0
        /// A feeling ("힘들다"): shared by worries of every kind, so it weighs little.
        public static let feeling: Double = 0.45
        /// An unknown word of two or more syllables or three or more letters.
        public static let word: Double = 1.0
        /// An unknown word of one syllable or one or two letters.
        public static let shortWord: Double = 0.5
        /// A pair of adjacent syllables of an unknown Korean word.
        public static let syllablePair: Double = 0.25
        /// A triple of adjacent jamo of an unknown Korean word.
        public static let jamoTriple: Double = 0.1
        /// A pair of adjacent Chinese or Japanese characters.
        public static let characterPair: Double = 0.7
    }

    /// The features of `text` (any text; it is normalised as `SkyText` does first).
    public init(text: String) {
        self.init(normalisedText: SkyText.normalised(text))
    }

    /// The features of a text already through `SkyText.normalised` (case folded, NFC), as
    /// the sky engine has it: skips normalising again.
    public init(normalisedText: String) {
        var reader = WorryReader()
        reader.read(normalisedText)
        self = reader.finish()
    }

    /// Empty features (filled in by `WorryReader`).
    init() {}
}
