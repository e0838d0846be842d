import DumpStore
import Foundation
import Hummingbird
import NIOCore

/// Reading a request's JSON body: its declared type, its size and how long it may take.
enum RequestBody {
    /// 415 `unsupported_media_type` unless the body is declared `application/json` (any
    /// parameters, such as `charset=utf-8`, are fine): a form, text or XML is not a worry.
    static func requireJSON(_ request: Request) throws {
        guard JSONBody.mediaType(of: request.headers[.contentType]) == "application/json" else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "Send the worry as JSON, with Content-Type: application/json.")
        }
    }

    /// The request body, at most `limit` bytes (413 past that), all of it within `seconds` of
    /// the head (408 after that; both close the connection).
    static func collect(_ request: Request, upTo limit: Int, within seconds: TimeInterval) async throws -> ByteBuffer {
        let body = request.body
        let collected: ByteBuffer? = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do {
                    return try await body.collect(upTo: limit)
                } catch is NIOTooManyBytesError {
                    throw ErrorMiddleware.bodyTooLarge()
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let collected else {
            throw APIError(
                .requestTimeout, code: "body_timeout",
                message: "The request body took too long to arrive.", headers: [.connection: "close"])
        }
        return collected
    }

    /// Whether the writer reads Korean: their first `Accept-Language` is Korean.
    static func prefersKorean(_ request: Request) -> Bool {
        let first =
            request.headers[.acceptLanguage]?.split(separator: ",").first?
            .split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return first.hasPrefix("ko")
    }
}

extension DumpRequestContext {
    /// The worry id in the route's `{id}`, or 404.
    func worryID() throws -> WorryID {
        guard let text = parameters.get("id"), let id = WorryID(text) else {
            throw APIError.notFound("There is no worry with this id.")
        }
        return id
    }
}
