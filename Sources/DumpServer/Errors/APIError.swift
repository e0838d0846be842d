import DumpDoor
import Foundation
import Hummingbird
import NIOCore

/// An error the API answers with: a status, a snake_case code, a sentence, and extra headers
/// (`Retry-After`, `Allow`, `Content-Range`).
///
/// Its body is always `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status (4xx or 5xx).
    public var status: HTTPResponse.Status
    /// A stable, machine-readable code.
    public var code: String
    /// A sentence for people.
    public var message: String
    /// Headers sent with the error.
    public var headers: HTTPFields
    /// The care answer sent beside the error when the words were of crisis (`not_allowed`).
    public var care: CareAnswer?

    /// Creates an error answer.
    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The JSON error response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// `{"error": {"code", "message"}}` as bytes.
    func jsonBuffer() -> ByteBuffer {
        ByteBuffer(bytes: JSONBody.data(ErrorEnvelope(error: .init(code: code, message: message), care: care)))
    }

    /// The JSON error response, built without a request.
    func response() -> Response {
        var response = JSONBody.response(buffer: jsonBuffer(), status: status)
        response.headers.append(contentsOf: headers)
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }

    /// `{"error": {...}}`.
    struct ErrorEnvelope: Encodable {
        struct Body: Encodable {
            var code: String
            var message: String
        }
        var error: Body
        var care: CareAnswer?
    }
}

extension APIError {
    /// 404 `not_found`.
    static func notFound(_ message: String = "There is nothing at this address.") -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    /// 410 `expired`: the worry flew away.
    static func expired() -> APIError {
        APIError(.gone, code: "expired", message: "This worry has flown away; worries live for a day.")
    }

    /// 400 with `code`.
    /// 500 `render_failed`: a clip (or a version of it) could not be rendered.
    static func renderFailed(_ message: String) -> APIError {
        APIError(.internalServerError, code: "render_failed", message: message)
    }

    static func badRequest(_ code: String, _ message: String) -> APIError {
        APIError(.badRequest, code: code, message: message)
    }

    /// 202-style "not yet" is not an error; this is 503 `renderer_unavailable`.
    static func rendererUnavailable(_ error: RendererUnavailable) -> APIError {
        APIError(
            .serviceUnavailable, code: "renderer_unavailable",
            message: error.errorDescription ?? "This server cannot render that yet.")
    }
}
