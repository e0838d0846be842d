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
    /// 404 unknown, 410 expired. A version made later (WebM, story) is a job for the workers,
    /// queued by the first request for it: 202 + `Retry-After` until it is ready. A web node
    /// never renders on a request.
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
            return notReady(ClipDTO(id: id, state: state, queue: renderQueue))
        case .failed:
            // A failure may have passed (space freed, a worker fixed): ask again, once per half minute.
            if try await store.retryFailedClip(worryID: id, after: 30, now: now) {
                renderQueue.announce()
                return notReady(ClipDTO(id: id, state: ClipState(key: state.key, status: .queued), queue: renderQueue))
            }
            throw APIError.renderFailed("This clip could not be rendered.")
        case .ready:
            if !clipDirectory.has(state.key, format: format), store.keepsClipFiles {
                try await copyFromStore(format, of: state.key)
            }
            if !clipDirectory.has(state.key, format: format) {
                guard format.isMadeOnRequest else {
                    context.logger.error("a ready clip has no file", metadata: ["format": "\(format.rawValue)"])
                    throw APIError(
                        .internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
                }
                if let answer = try await version(format, of: state.key, id: id, now: now) { return answer }
            }
            return try await clipFile(format, of: state.key, worry: worry, now: now, request: request, context: context)
        }
    }

    /// The answer for version `format` of a ready clip not yet on this node: queued for the
    /// workers (202); nil when a worker made it meanwhile and this node now holds its copy.
    private func version(_ format: ClipFileFormat, of key: ClipKey, id: WorryID, now: Date) async throws -> Response? {
        guard
            let version = try await store.requestClipVersion(of: key, version: format.rawValue, retryAfter: 30, now: now)
        else { throw APIError.notFound("There is no clip with this id.") }
        switch version.status {
        case .queued, .rendering:
            renderQueue.announce()
            return notReady(ClipDTO(id: id, state: version, queue: renderQueue))
        case .failed:
            throw APIError.renderFailed("This format of the clip could not be made; please try again in a minute.")
        case .ready:
            // made by a worker just now: its file is in the store (PostgreSQL); with SQLite it
            // would be in the data folder every process shares, so it is missing
            if store.keepsClipFiles { try await copyFromStore(format, of: key) }
            guard clipDirectory.has(key, format: format) else {
                throw APIError(.internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
            }
            return nil
        }
    }

    /// 202 with the clip's progress and a `Retry-After` from the estimated wait.
    private func notReady(_ clip: ClipDTO) -> Response {
        JSONBody.response(
            clip.progressBody, status: .accepted,
            headers: [.retryAfter: "\(min(10, max(1, clip.waitSeconds ?? 1)))", .cacheControl: "no-store"])
    }

    /// The published file of `format`, with ranges and validators. Caches (a browser, the nginx
    /// of deploy/) keep a clip at most a minute, revalidating with its ETag after that: a worry
    /// deleted by its writer or hidden by reports stops being served everywhere within that
    /// minute, not at the end of its day.
    private func clipFile(
        _ format: ClipFileFormat, of key: ClipKey, worry: Worry, now: Date, request: Request, context: DumpRequestContext
    ) async throws -> Response {
        let remaining = min(Self.clipCacheSeconds, max(0, Int(worry.expiresAt.timeIntervalSince(now))))
        let file = clipDirectory.files(for: key).url(for: format)
        if let response = try await files.response(
            for: file, contentType: format.contentType,
            cacheControl: "public, max-age=\(remaining)", request: request, context: context,
            stableTag: "\(key.rawValue.prefix(16))\(format.rawValue)")
        {
            if request.method != .head { metrics.recordClipBytesServed(response.body.contentLength ?? 0, format: format) }
            return response
        }
        context.logger.error("a ready clip has no file", metadata: ["format": "\(format.rawValue)"])
        throw APIError(.internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
    }

    /// Copies `format` of clip `key` from the store (PostgreSQL keeps clip files) into this
    /// node's clips folder, when the store has it; the copy is then served like any file.
    func copyFromStore(_ format: ClipFileFormat, of key: ClipKey) async throws {
        guard let data = try await store.clipFile(key: key, name: format.fileName) else { return }
        let directory = clipDirectory
        try await Blocking.run { try directory.storeCopy(data, of: key, format: format) }
    }
}
