import DumpStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Turns every error thrown below it — ours, Hummingbird's (404, 405, 413), decoding and
/// store failures — into the API's `{"error": {"code", "message"}}` shape.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = DumpRequestContext

    /// Told about writes that failed for lack of space.
    var storage: StorageHealth?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if StorageHealth.isDiskFull(error) { storage?.noteFull() }
            return Self.apiError(for: error, logger: context.logger).response()
        }
    }

    /// The API error an arbitrary error is answered with. Server-side failures are logged
    /// (their messages never hold owner tokens: nothing in this service puts one in an error).
    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError where error.status == .contentTooLarge:
            return bodyTooLarge()
        case let error as HTTPError:
            return APIError(
                error.status, code: code(for: error.status),
                message: error.body ?? message(for: error.status), headers: error.headers)
        case is NIOTooManyBytesError:
            return bodyTooLarge()
        case is DecodingError:
            return .badRequest("invalid_json", "The request body is not the JSON this endpoint expects.")
        case let error as RendererUnavailable:
            return .rendererUnavailable(error)
        case let error as StoreError:
            logger.error("store failure", metadata: ["error": "\(error.localizedDescription)"])
            switch error {
            case .diskFull:
                return StorageHealth.fullError()
            case .unavailable:
                return APIError(
                    .serviceUnavailable, code: "store_unavailable",
                    message: "The worry store cannot be reached right now; please try again in a moment.",
                    headers: [.retryAfter: "5"])
            case .busy, .readOnly:
                return APIError(
                    .serviceUnavailable, code: "store_unavailable",
                    message: "The worry store is busy right now; please try again in a moment.",
                    headers: [.retryAfter: "5"])
            default:
                return APIError(
                    .internalServerError, code: "store_error", message: "The worry store failed; please try again later.")
            }
        case is CancellationError:
            return APIError(
                .serviceUnavailable, code: "shutting_down", message: "The server is shutting down; please retry shortly.")
        case let error as any HTTPResponseError:
            return APIError(error.status, code: code(for: error.status), message: message(for: error.status))
        default:
            logger.error("unexpected failure", metadata: ["error.type": "\(type(of: error))"])
            return APIError(.internalServerError, code: "internal_error", message: "Something went wrong on our side.")
        }
    }

    /// 413 `body_too_large`. The connection is closed after it (`ConnectionGuard`): the rest of
    /// an oversized body is not worth reading.
    static func bodyTooLarge() -> APIError {
        APIError(
            .contentTooLarge, code: "body_too_large", message: "The request body is larger than this endpoint accepts.",
            headers: [.connection: "close"])
    }

    /// The code for a status Hummingbird raised itself.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 401: return "unauthorized"
        case 403: return "forbidden"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 408: return "request_timeout"
        case 413: return "body_too_large"
        case 415: return "unsupported_media_type"
        case 416: return "range_not_satisfiable"
        case 429: return "rate_limited"
        case 500: return "internal_error"
        case 501: return "not_implemented"
        case 503: return "unavailable"
        default: return "http_\(status.code)"
        }
    }

    /// A sentence for a status Hummingbird raised without one.
    static func message(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: return "There is nothing at this address."
        case 405: return "This method is not allowed here."
        case 413: return "The request body is larger than this endpoint accepts."
        default: return "The request failed: \(status.reasonPhrase.lowercased())."
        }
    }
}
