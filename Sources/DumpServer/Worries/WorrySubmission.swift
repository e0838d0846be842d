import DumpDoor
import Foundation
import NIOCore

/// Reads the body of `POST /api/worries` (valid UTF-8, a JSON object with a string `text`) and
/// hands the text to the door (`Door.admit`), the one text rule.
enum WorrySubmission {
    /// Most grapheme clusters (what a person sees as characters) a worry may have.
    static let maxLength = Door.maxGraphemes

    /// The `text` of a valid body, as sent, or the 400 that explains what is wrong.
    static func text(from body: ByteBuffer) throws -> String {
        try JSONStringField(name: "text", holding: "your worry", example: "{\"text\": \"...\"}").value(in: body)
    }

    /// The door's verdict on `text` (cleaned, masked, judged), or the 4xx that explains why
    /// not: 400 for empty, too long or control characters, 422 `not_allowed` with the care
    /// answer (`korean`: the writer reads Korean) for words that recruit or describe methods.
    static func admit(_ text: String, korean: Bool) throws -> Admission {
        do {
            return try Door.admit(text)
        } catch let refusal {
            switch refusal.code {
            case .notAllowed:
                var error = APIError(
                    .unprocessableContent, code: refusal.code.rawValue,
                    message:
                        "We can't put these words in the sky. You don't have to carry this alone; someone can listen right now.")
                error.care = CareAnswer.answer(korean: korean || Door.isKorean(text))
                throw error
            case .emptyText:
                throw APIError.badRequest(refusal.code.rawValue, "Write something before you dump it.")
            case .textTooLong, .controlCharacters:
                throw APIError.badRequest(refusal.code.rawValue, refusal.message)
            }
        }
    }
}
