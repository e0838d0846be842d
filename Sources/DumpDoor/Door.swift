import Foundation

/// The one text rule every worry passes before anything is stored or drawn: clean Unicode,
/// personal data masked, and a verdict on whether the words may be shown to everyone.
///
/// The service, the CLI's `render` and every test go through `Door.admit`; nothing else
/// decides what a worry's text is.
public enum Door {
    /// Longest accepted worry, in grapheme clusters after cleaning.
    public static let maxGraphemes = 500
    /// Most combining marks kept on one base character; the excess is dropped.
    public static let maxMarksPerBase = 4

    /// The cleaned, masked text and its verdict, or the refusal that explains why not.
    public static func admit(_ text: String) throws(DoorRefusal) -> Admission {
        let cleaned = try TextCleaner.clean(text)
        let masking = PersonalDataMasker.mask(cleaned)
        let verdict = try VerdictReader.verdict(of: masking.text)
        return Admission(text: masking.text, masked: masking.kinds, verdict: verdict)
    }
}

/// What the door lets through.
public struct Admission: Sendable, Equatable {
    /// The text to store and draw: cleaned, with personal data masked.
    public var text: String
    /// The kinds of personal data that were masked, each once, in order of first appearance.
    public var masked: [PersonalData]
    /// Whether the worry may be shown to everyone.
    public var verdict: Verdict

    public init(text: String, masked: [PersonalData], verdict: Verdict) {
        self.text = text
        self.masked = masked
        self.verdict = verdict
    }

    /// Whether the text is Korean (has Hangul): the care answer leads with Korea's lines.
    public var isKorean: Bool { Door.isKorean(text) }
}

extension Door {
    /// Whether `text` holds Hangul syllables or jamo.
    public static func isKorean(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (0xAC00...0xD7A3).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value)
                || (0x3130...0x318F).contains(scalar.value)
        }
    }
}

/// Who may see a worry, as the door judged it.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// Shown in the public sky and on the share page.
    case open
    /// Words of self-harm or suicide intent: dumped, answered with care, shown only to the writer.
    case care
    /// Slurs or threats aimed at people or groups: dumped, shown only to the writer.
    case hate
}

/// A kind of personal data the door masks before anything is stored.
public enum PersonalData: String, Sendable, Equatable, CaseIterable, Codable {
    case phone
    case email
    case residentNumber = "resident_number"
    case card
    case link
}

/// Why the door refused a text.
public struct DoorRefusal: Error, Equatable, LocalizedError, Sendable {
    public enum Code: String, Sendable, Equatable {
        /// Nothing visible is left after cleaning.
        case emptyText = "empty_text"
        /// More than `Door.maxGraphemes` characters after cleaning.
        case textTooLong = "text_too_long"
        /// Control characters other than line breaks and tabs.
        case controlCharacters = "control_characters"
        /// Recruits others to self-harm or describes methods: refused, answered with care.
        case notAllowed = "not_allowed"
    }

    public var code: Code
    /// A sentence a person can act on (English; the page shows its own words per language).
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the refusal comes with the care answer (crisis content).
    public var needsCare: Bool { code == .notAllowed }

    public var errorDescription: String? { message }
}
