import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /clips/{id}.webm`, `.mp4`, `.png`.
    func registerClipRoutes(on table: RouteTable) {
        for format in ClipFileFormat.allCases {
            table.add(.get, "/clips/{id}.\(format.rawValue)") { request, context in
                try await clip(format, request: request, context: context)
            }
        }
    }

    /// A ready clip file (with ranges), 202 while it renders, 404 unknown, 410 expired.
    func clip(_ format: ClipFileFormat, request: Request, context: DumpRequestContext) async throws -> Response {
        let id = try worryID(context)
        let (worry, status) = try await withStore { store in
            (try store.worry(id: id), try store.clipStatus(worryID: id))
        }
        guard let worry else { throw APIError.notFound("There is no clip with this id.") }
        let now = clock.now()
        guard !worry.isExpired(at: now) else { throw APIError.expired() }
        switch status ?? .pending {
        case .pending:
            return Self.notYet(retryAfter: max(1, Int(configuration.clip.seconds.rounded(.up))), status: "pending")
        case .failed:
            throw APIError(.internalServerError, code: "render_failed", message: "This clip could not be rendered.")
        case .ready:
            let remaining = max(0, Int(worry.expiresAt.timeIntervalSince(now)))
            let file = clipDirectory.files(for: id).url(for: format)
            if let response = try await files.response(
                for: file, contentType: format.contentType,
                cacheControl: "public, max-age=\(remaining), immutable", request: request, context: context)
            {
                return response
            }
            context.logger.error("a ready clip has no file", metadata: ["format": "\(format.rawValue)"])
            throw APIError(.internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
        }
    }
}
