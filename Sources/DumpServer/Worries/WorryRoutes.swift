import DumpEngine
import DumpStore
import Foundation
import Hummingbird
import NIOCore

extension SiteRoutes {
    /// `POST /api/worries`, `GET /api/worries/{id}`, `GET /api/stats`.
    func registerWorryRoutes(on table: RouteTable) {
        table.add(.post, "/api/worries") { request, context in
            try await postWorry(request, context: context)
        }
        table.add(.get, "/api/worries/{id}") { _, context in
            let id = try worryID(context)
            let (worry, state) = try await withStore { store in
                (try store.worry(id: id), try store.clipState(worryID: id))
            }
            guard let worry, let state else { throw APIError.notFound("There is no worry with this id.") }
            guard !worry.isExpired(at: clock.now()) else { throw APIError.expired() }
            let envelope = WorryEnvelope(worry: WorryDTO(worry), clip: ClipDTO(id: id, state: state, queue: renderQueue))
            return JSONBody.response(envelope, headers: [.cacheControl: "no-cache"])
        }
        table.add(.get, "/api/stats") { _, _ in
            let stats = try await withStore { try $0.stats() }
            return JSONBody.response(stats, headers: [.cacheControl: "no-cache"])
        }
    }

    /// Checks the token, the limits and the body, stores the worry durably, wakes a render
    /// worker, and answers 201 with the worry, its clip, its share link and the new sky.
    func postWorry(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let owner = try OwnerCredential.require(request)
        try Self.requireJSON(request)
        let now = clock.now()
        if let wait = addressLimiter.admit(context.clientAddress ?? "unknown", now: now) {
            metrics.recordRateLimited("address")
            throw Self.rateLimited(wait, "Too many worries from this network; please wait a little.")
        }
        if let wait = ownerLimiter.admit(owner.secret, now: now) {
            metrics.recordRateLimited("owner")
            throw Self.rateLimited(wait, "You are dumping worries very fast; please wait a little.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodyBytes {
            throw ErrorMiddleware.bodyTooLarge()
        }
        guard !storage.isFull() else { throw StorageHealth.fullError() }
        let body = try await Self.collectBody(
            of: request, upTo: configuration.maxBodyBytes, within: configuration.bodyTimeout)
        let text = try WorrySubmission.text(from: body)
        let draft = WorryDraft(
            text: text, owner: owner, ttl: configuration.ttl,
            clipKey: ClipKey(text: text, variant: configuration.clip.variant))
        let (worry, revision) = try await worryWriter.add(draft, now: now)
        renderQueue.announce()

        let sky: ByteBuffer
        do {
            // `?since=<version>`: the page holds that sky and wants only what changed.
            if let since = request.uri.queryParameters.get("since") {
                sky = try await skyLayouts.answer(since: since, atLeast: revision).body
            } else {
                sky = try await skyLayouts.snapshot(atLeast: revision).json
            }
        } catch {
            // The worry is stored; answer 201 with the last known sky rather than an error
            // that would make the client post it twice.
            context.logger.error("sky layout failed after a post", metadata: ["error": "\(error.localizedDescription)"])
            sky = await skyLayouts.latest?.json
                ?? ByteBuffer(bytes: engine.layout([], now: now).jsonBytes())
        }
        // Often queued; ready at once when the same words were dumped before (one clip per text).
        let id = worry.id
        let state = (try? await withStore { try $0.clipState(worryID: id) }) ?? ClipState(key: worry.clipKey, status: .queued)
        let created = WorryCreated(
            worry: WorryDTO(worry), clip: ClipDTO(id: worry.id, state: state, queue: renderQueue),
            share: "/w/\(worry.id.rawValue)")
        return JSONBody.response(
            buffer: created.body(sky: sky), status: .created,
            headers: [.location: "/api/worries/\(worry.id.rawValue)", .cacheControl: "no-store"])
    }

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
    static func collectBody(of request: Request, upTo limit: Int, within seconds: TimeInterval) async throws -> ByteBuffer {
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

    /// 429 `rate_limited` with `Retry-After`.
    static func rateLimited(_ seconds: Int, _ message: String) -> APIError {
        APIError(.tooManyRequests, code: "rate_limited", message: message, headers: [.retryAfter: "\(seconds)"])
    }
}
