import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /clips/{id}.mp4`, `.png`, `.webm` and `GET /clips/story/{id}.mp4`.
    func registerClipRoutes(on table: RouteTable) {
        for format in [ClipFileFormat.mp4, .png, .webm] {
            table.add(.get, "/clips/{id}.\(format.rawValue)") { request, context in
                try await clip(format, request: request, context: context)
            }
        }
        table.add(.get, "/clips/story/{id}.mp4") { request, context in
            try await clip(.story, request: request, context: context)
        }
    }

    /// How long a cache may keep a clip file before asking again.
    static let clipCacheSeconds = 60

    /// A ready clip file (with ranges); 202 with the progress while it is queued or rendering;
    /// 404 unknown, 410 expired. A format made on request (WebM, story) is rendered by the first
    /// request for it, which waits; later ones get the file.
    func clip(_ format: ClipFileFormat, request: Request, context: DumpRequestContext) async throws -> Response {
        let id = try worryID(context)
        let (worry, state) = (try await store.worry(id: id), try await store.clipState(worryID: id))
        // A hidden star's clips are gone from the public with it (a private worry's clip stays
        // its writer's: only they hold its unguessable link).
        guard let worry, let state, worry.visibility != .hidden else {
            throw APIError.notFound("There is no clip with this id.")
        }
        let now = clock.now()
        guard !worry.isExpired(at: now) else { throw APIError.expired() }
        switch state.status {
        case .queued, .rendering:
            let clip = ClipDTO(id: id, state: state, queue: renderQueue)
            return JSONBody.response(
                clip.progressBody, status: .accepted,
                headers: [.retryAfter: "\(min(10, max(1, clip.waitSeconds ?? 1)))", .cacheControl: "no-store"])
        case .failed:
            // A failure may have passed (space freed, a worker fixed): ask again, once per half minute.
            if try await store.retryFailedClip(worryID: id, after: 30, now: now) {
                renderQueue.announce()
                let clip = ClipDTO(id: id, state: ClipState(key: state.key, status: .queued), queue: renderQueue)
                return JSONBody.response(
                    clip.progressBody, status: .accepted, headers: [.retryAfter: "5", .cacheControl: "no-store"])
            }
            throw APIError(.internalServerError, code: "render_failed", message: "This clip could not be rendered.")
        case .ready:
            if store.keepsClipFiles, !clipDirectory.has(state.key, format: format) {
                try await copyFromStore(format, of: state.key)
            }
            if format.isMadeOnRequest, !clipDirectory.has(state.key, format: format) {
                guard clips.isAvailable else { throw RendererUnavailable("\(format.rawValue) clips") }
                let key = state.key
                guard let text = try await store.clipText(key: key) else {
                    throw APIError.notFound("There is no clip with this id.")
                }
                do {
                    try await formatsOnRequest.make(format, of: key, text: text)
                    if store.keepsClipFiles {
                        // so every other node serves this very file instead of making its own
                        let file = clipDirectory.files(for: key).url(for: format)
                        let data = try await Blocking.run { try Data(contentsOf: file) }
                        try await store.saveClipFile(key: key, name: format.fileName, data: data)
                    }
                } catch {
                    if StorageHealth.isDiskFull(error) { throw error }
                    let reason = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
                    context.logger.error("a clip format made on request failed", metadata: [
                        "format": "\(format.rawValue)", "error": "\(reason)",
                    ])
                    throw APIError(
                        .internalServerError, code: "render_failed",
                        message: "This format of the clip could not be made; please try again in a moment.")
                }
            }
            // Caches (a browser, the nginx of deploy/) keep a clip at most a minute, revalidating
            // with its ETag after that: a worry deleted by its writer or hidden by reports stops
            // being served everywhere within that minute, not at the end of its day.
            let remaining = min(Self.clipCacheSeconds, max(0, Int(worry.expiresAt.timeIntervalSince(now))))
            let file = clipDirectory.files(for: state.key).url(for: format)
            if let response = try await files.response(
                for: file, contentType: format.contentType,
                cacheControl: "public, max-age=\(remaining)", request: request, context: context,
                stableTag: "\(state.key.rawValue.prefix(16))\(format.rawValue)")
            {
                if request.method != .head { metrics.recordClipBytesServed(response.body.contentLength ?? 0, format: format) }
                return response
            }
            context.logger.error("a ready clip has no file", metadata: ["format": "\(format.rawValue)"])
            throw APIError(.internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
        }
    }

    /// Copies `format` of clip `key` from the store (PostgreSQL keeps clip files) into this
    /// node's clips folder, when the store has it; the copy is then served like any file.
    func copyFromStore(_ format: ClipFileFormat, of key: ClipKey) async throws {
        guard let data = try await store.clipFile(key: key, name: format.fileName) else { return }
        let directory = clipDirectory
        try await Blocking.run { try directory.storeCopy(data, of: key, format: format) }
    }
}
