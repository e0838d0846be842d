import Foundation
import NIOCore

/// Reads and checks the body of `POST /api/worries`: valid UTF-8, a JSON object with a string
/// `text`, no control characters but newline and tab, 1…500 grapheme clusters once trimmed.
enum WorrySubmission {
    /// Most grapheme clusters (what a person sees as characters) a worry may have.
    static let maxLength = 500

    /// The trimmed text of a valid body, or the 400 that explains what is wrong.
    static func text(from body: ByteBuffer) throws -> String {
        let bytes = body.readableBytesView
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.badRequest("invalid_utf8", "The request body is not valid UTF-8 text.")
        }
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch DecodingError.keyNotFound {
            throw APIError.badRequest("missing_text", "The body needs a \"text\" field holding your worry.")
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            throw APIError.badRequest("invalid_text", "\"text\" must be a string.")
        } catch DecodingError.valueNotFound {
            throw APIError.badRequest("invalid_text", "\"text\" must be a string, not null.")
        } catch DecodingError.typeMismatch {
            throw APIError.badRequest("invalid_json", "The body must be a JSON object such as {\"text\": \"...\"}.")
        } catch {
            throw APIError.badRequest("invalid_json", "The request body is not valid JSON.")
        }
        let text = decoded.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: isForbiddenControl) {
            throw APIError.badRequest(
                "control_characters", "The text may not contain control characters other than newlines and tabs.")
        }
        guard !text.isEmpty else {
            throw APIError.badRequest("empty_text", "Write something before you dump it.")
        }
        guard text.count <= maxLength else {
            throw APIError.badRequest(
                "text_too_long", "A worry can be at most \(maxLength) characters; this one has \(text.count).")
        }
        return text
    }

    /// Control characters (category Cc) other than line feed and tab.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
    }

    private struct Body: Decodable {
        var text: String
    }
}
