import Foundation
import NIOCore

/// Reads one string member of a JSON object body (`{"text": …}`, `{"reason": …}`), answering
/// every way it can be wrong with a 400 and a code: `invalid_utf8`, `invalid_json`,
/// `missing_<field>`, `invalid_<field>`.
struct JSONStringField {
    /// The member's name.
    var name: String
    /// What the member holds, for the missing-member message ("your worry").
    var holding: String
    /// An example body for the not-an-object message.
    var example: String

    /// The member's value, as sent.
    func value(in body: ByteBuffer) throws -> String {
        let bytes = body.readableBytesView
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.badRequest("invalid_utf8", "The request body is not valid UTF-8 text.")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw APIError.badRequest("invalid_json", "The request body is not valid JSON.")
        }
        guard let object = json as? [String: Any] else {
            throw APIError.badRequest("invalid_json", "The body must be a JSON object such as \(example).")
        }
        guard let member = object[name] else {
            throw APIError.badRequest("missing_\(name)", "The body needs a \"\(name)\" field holding \(holding).")
        }
        guard !(member is NSNull) else {
            throw APIError.badRequest("invalid_\(name)", "\"\(name)\" must be a string, not null.")
        }
        guard let string = member as? String else {
            throw APIError.badRequest("invalid_\(name)", "\"\(name)\" must be a string.")
        }
        return string
    }
}
