import DumpEngine
import Foundation
import Hummingbird
import NIOCore

/// How every JSON body of the API is written: ISO-8601 dates, sorted keys, unescaped slashes
/// (the same encoder as the sky JSON, so bytes are stable).
enum JSONBody {
    /// The media type of every JSON body.
    static let contentType = "application/json; charset=utf-8"

    /// The encoded bytes of `value`. Encoding our own DTOs cannot fail; if it ever did, that
    /// is a bug worth a crash in tests rather than a silent empty body.
    static func data(_ value: some Encodable) -> Data {
        do {
            return try SkyLayout.jsonEncoder().encode(value)
        } catch {
            preconditionFailure("JSON encoding of a response failed: \(error)")
        }
    }

    /// A response with `value` as its JSON body.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        response(bytes: data(value), status: status, headers: headers)
    }

    /// A response whose body is already-encoded JSON.
    static func response(bytes: some Collection<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
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
