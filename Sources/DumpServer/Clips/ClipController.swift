import DumpStore
import Foundation
import Hummingbird

/// `GET /clips/{id}.mp4`, `.png`, `.webm` and `GET /clips/story/{id}.mp4`: a worry's clip in
/// each of its versions. A web node never renders on a request: a version not made yet is a
/// job for the workers.
struct ClipController: Sendable {
    /// How long a cache may keep a clip file before asking again.
    static let cacheSeconds = 60

    let store: any WorryStore
    let directory: ClipDirectory
    let renderQueue: RenderQueue
    let files: FileResponder
    let clock: any WorryClock
    let metrics: ServiceMetrics

    var endpoints: RouteCollection<DumpRequestContext> {
        let routes = RouteCollection(context: DumpRequestContext.self)
        for format in [ClipFileFormat.mp4, .png, .webm] {
            routes.get(RouterPath("/clips/{id}.\(format.rawValue)")) { request, context in
                try await clip(format, request: request, context: context)
            }
        }
        return routes.get("/clips/story/{id}.mp4") { request, context in
            try await clip(.story, request: request, context: context)
        }
    }

    /// A ready clip file (with ranges); 202 with the progress while it is queued or rendering;
    /// 404 unknown, 410 expired. A version made later (WebM, story) is queued for the workers
    /// by the first request for it: 202 + `Retry-After` until it is ready.
    func clip(_ format: ClipFileFormat, request: Request, context: DumpRequestContext) async throws -> Response {
        let id = try context.worryID()
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
            guard try await store.retryFailedClip(worryID: id, after: 30, now: now) else {
                throw APIError.renderFailed("This clip could not be rendered.")
            }
            renderQueue.announce()
            return notReady(ClipDTO(id: id, state: ClipState(key: state.key, status: .queued), queue: renderQueue))
        case .ready:
            if !(try await holds(format, of: state.key)) {
                guard format.isMadeOnRequest else { throw missing(format, context: context) }
                if let answer = try await version(format, of: state.key, id: id, now: now) { return answer }
            }
            return try await file(format, of: state.key, worry: worry, now: now, request: request, context: context)
        }
    }

    /// Whether this node holds `format` of clip `key`, copying it from the store first when
    /// the store keeps clip files (PostgreSQL) and the node has none yet.
    private func holds(_ format: ClipFileFormat, of key: ClipKey) async throws -> Bool {
        if !directory.has(key, format: format), store.keepsClipFiles,
            let data = try await store.clipFile(key: key, name: format.fileName)
        {
            let directory = directory
            try await Blocking.run { try directory.storeCopy(data, of: key, format: format) }
        }
        return directory.has(key, format: format)
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
            // is in the data folder every process shares
            guard try await holds(format, of: key) else {
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
    private func file(
        _ format: ClipFileFormat, of key: ClipKey, worry: Worry, now: Date, request: Request, context: DumpRequestContext
    ) async throws -> Response {
        let remaining = min(Self.cacheSeconds, max(0, Int(worry.expiresAt.timeIntervalSince(now))))
        guard
            let response = try await files.response(
                for: directory.files(for: key).url(for: format), contentType: format.contentType,
                cacheControl: "public, max-age=\(remaining)", request: request, context: context,
                stableTag: "\(key.rawValue.prefix(16))\(format.rawValue)")
        else { throw missing(format, context: context) }
        if request.method != .head { metrics.recordClipBytesServed(response.body.contentLength ?? 0, format: format) }
        return response
    }

    /// 500 `clip_missing`, logged: a ready clip whose file is on no disk and in no store.
    private func missing(_ format: ClipFileFormat, context: DumpRequestContext) -> APIError {
        context.logger.error("a ready clip has no file", metadata: ["format": "\(format.rawValue)"])
        return APIError(.internalServerError, code: "clip_missing", message: "This clip's file is missing on the server.")
    }
}
