import Foundation

/// The rules every worry's text obeys, shared by the CLI and the service.
public enum WorryText {
    /// Longest accepted worry, in grapheme clusters (what a person counts as characters).
    public static let maxGraphemes = 500

    /// Why a text was refused.
    public enum Problem: Error, Equatable, LocalizedError {
        case empty
        case tooLong(graphemes: Int)
        case controlCharacters

        /// A stable machine-readable code for APIs.
        public var code: String {
            switch self {
            case .empty: return "text_empty"
            case .tooLong: return "text_too_long"
            case .controlCharacters: return "text_control_characters"
            }
        }

        public var errorDescription: String? {
            switch self {
            case .empty: return "the worry is empty: write at least one visible character"
            case .tooLong(let count): return "the worry is \(count) characters long; the limit is \(WorryText.maxGraphemes)"
            case .controlCharacters: return "the worry contains control characters (only line breaks and tabs are allowed)"
            }
        }
    }

    /// The text trimmed of surrounding whitespace, or the reason it cannot be a worry.
    ///
    /// Control characters other than line feed, carriage return and tab are refused rather
    /// than silently dropped, so what is stored is exactly what was typed.
    public static func validated(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let visible = trimmed.unicodeScalars.contains { scalar in
            !scalar.properties.isWhitespace && !scalar.properties.isDefaultIgnorableCodePoint
                && scalar.properties.generalCategory != .format && scalar.properties.generalCategory != .control
        }
        guard !trimmed.isEmpty, visible else { throw .empty }
        let hasControl = trimmed.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(scalar)
        }
        if hasControl { throw .controlCharacters }
        let count = trimmed.count
        if count > maxGraphemes { throw .tooLong(graphemes: count) }
        return trimmed
    }
}
