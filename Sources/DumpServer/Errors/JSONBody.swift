import DumpEngine
import Foundation
import Hummingbird
import NIOCore

/// How every JSON body of the API is written: sorted keys, unescaped slashes (as the sky
/// JSON), and ISO-8601 dates with milliseconds — exactly what the store keeps, so a client
/// that trusts `expiresAt` never sees a worry alive after it.
enum JSONBody {
    /// The media type of every JSON body.
    static let contentType = "application/json; charset=utf-8"

    /// The encoded bytes of `value`. Encoding our own DTOs cannot fail; if it ever did, that
    /// is a bug worth a crash in tests rather than a silent empty body.
    static func data(_ value: some Encodable) -> Data {
        do {
            return try encoder().encode(value)
        } catch {
            preconditionFailure("JSON encoding of a response failed: \(error)")
        }
    }

    /// The media type of a `Content-Type` value, without parameters, lowercased
    /// (`"Application/JSON; charset=UTF-8"` → `"application/json"`); empty when there is none.
    static func mediaType(of contentType: String?) -> String {
        let type = contentType?.split(separator: ";", maxSplits: 1).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The API's encoder.
    static func encoder() -> JSONEncoder {
        let encoder = SkyLayout.jsonEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(iso8601Milliseconds(date))
        }
        return encoder
    }

    /// `2026-11-25T10:00:00.123Z`: UTC, to the millisecond (rounded to the nearest).
    static func iso8601Milliseconds(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, thousandths) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let base = Date(timeIntervalSince1970: TimeInterval(wholeSeconds)).ISO8601Format()
        let digits = String(thousandths)
        return base.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// A response with `value` as its JSON body.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        response(bytes: data(value), status: status, headers: headers)
    }

    /// A response whose body is already-encoded JSON.
    static func response(bytes: some Collection<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response
    {
        response(buffer: ByteBuffer(bytes: bytes), status: status, headers: headers)
    }

    /// A response whose body is already-encoded JSON in a buffer: shared, not copied (a sky
    /// of 10,000 worries is 3.5 MB).
    static func response(buffer: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }
}

extension JSONBody {
    /// 202 with `Retry-After` and `{"status": ...}`: the thing exists but is still being made.
    static func notYet(retryAfter: Int, status: String) -> Response {
        response(["status": status], status: .accepted, headers: [.retryAfter: "\(retryAfter)", .cacheControl: "no-store"])
    }
}
