import DumpDoor
import DumpEngine
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension SiteRoutes {
    /// The most worries `GET /api/worries` lists (the newest).
    static let myWorriesLimit = 100

    /// `POST /api/worries`, `GET /api/worries` (mine), `GET /api/worries/{id}`, `GET /api/stats`.
    func registerWorryRoutes(on table: RouteTable) {
        table.add(.post, "/api/worries") { request, context in
            try await postWorry(request, context: context)
        }
        table.add(.post, "/api/owner-tokens") { request, context in
            try await issueOwnerToken(request, context: context)
        }
        table.add(.get, "/api/worries") { request, _ in
            try await myWorries(request)
        }
        table.add(.get, "/api/worries/{id}") { request, context in
            // The token is optional here (a writer reads their own private worry); a malformed one is 401.
            _ = try await owners.optional(request)
            let id = try worryID(context)
            let (worry, state) = try await metrics.timeStore("read_worry") {
                (try await store.worry(id: id), try await store.clipState(worryID: id))
            }
            guard let worry, let state, try await isVisible(worry, to: request) else {
                throw APIError.notFound("There is no worry with this id.")
            }
            guard !worry.isExpired(at: clock.now()) else { throw APIError.expired() }
            let envelope = WorryEnvelope(worry: WorryDTO(worry), clip: ClipDTO(id: id, state: state, queue: renderQueue))
            return JSONBody.response(envelope, headers: [.cacheControl: "no-cache"])
        }
        table.add(.get, "/api/stats") { _, _ in
            let stats = try await store.stats()
            return JSONBody.response(stats, headers: [.cacheControl: "no-cache"])
        }
        table.add(.get, "/api/limits") { _, _ in
            // the door's rule, served: the page counts against this number, not a copy of it
            JSONBody.response(
                Limits(text: .init(maxCharacters: Door.maxGraphemes), bodyBytes: configuration.maxBodyBytes),
                headers: [.cacheControl: "public, max-age=3600"])
        }
    }

    /// 201 `{"token": …}`: a new owner token for a browser (kept in its localStorage, sent
    /// with its posts), counted against its network (429 past `--rate-limit-tokens` an hour).
    func issueOwnerToken(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let now = clock.now()
        if let wait = try await limits.admitTokenRequest(from: limitedAddress(request, context: context), now: now) {
            metrics.recordRateLimited("token")
            throw Self.rateLimited(wait, "Too many new browsers from this network; please wait a little.")
        }
        let token = try await owners.issue()
        return JSONBody.response(["token": token.secret], status: .created, headers: [.cacheControl: "no-store"])
    }

    /// Checks the token, the limits and the body, stores the worry durably, wakes a render
    /// worker, and answers 201 with the worry, its clip, its share link and the new sky.
    func postWorry(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let owner = try await owners.require(request)
        try Self.requireJSON(request)
        let idempotencyKey = try Self.idempotencyKey(request)
        let now = clock.now()
        let address = limitedAddress(request, context: context)
        if let wait = try await limits.admitAddress(address, now: now) {
            metrics.recordRateLimited("address")
            throw Self.rateLimited(wait, "Too many worries from this network; please wait a little.")
        }
        if let wait = try await limits.admitAddressToday(address, now: now) {
            metrics.recordRateLimited("address_day")
            throw Self.rateLimited(
                wait, "This network has dumped many worries today; the sky keeps room for everyone. Please come back tomorrow.")
        }
        if let wait = try await limits.admitOwner(owner, now: now) {
            metrics.recordRateLimited("owner")
            throw Self.rateLimited(wait, "You are dumping worries very fast; please wait a little.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodyBytes {
            throw ErrorMiddleware.bodyTooLarge()
        }
        guard !storage.isFull() else { throw StorageHealth.fullError() }
        let body = try await Self.collectBody(
            of: request, upTo: configuration.maxBodyBytes, within: configuration.bodyTimeout)
        let korean = Self.prefersKorean(request)
        let admission: Admission
        do {
            admission = try WorrySubmission.admit(try WorrySubmission.text(from: body), korean: korean)
        } catch let error as APIError where error.code == "not_allowed" {
            metrics.recordSafety("refused")
            throw error
        }
        let text = admission.text
        var draft = WorryDraft(
            text: text, owner: owner, ttl: configuration.ttl,
            clipKey: ClipKey(text: text, variant: configuration.clip.variant),
            star: engine.nodeID(text: text), visibility: admission.verdict == .open ? .public : .private)
        draft.idempotencyKey = idempotencyKey
        let (worry, revision) = try await metrics.timeStore("add_worry") { try await worryWriter.add(draft, now: now) }
        // The same key again: the first post's worry, stored once; other words with it are a mistake.
        let replayed = idempotencyKey != nil && abs(worry.createdAt.timeIntervalSince(now)) >= 0.001
        if replayed, worry.text != text {
            throw APIError(
                .unprocessableContent, code: "idempotency_key_reused",
                message: "This Idempotency-Key was already used for other words; send a new key for a new worry.")
        }
        metrics.notePosted(worry.clipKey)
        metrics.recordMasked(admission.masked.map(\.rawValue))
        switch admission.verdict {
        case .care: metrics.recordSafety("care")
        case .hate: metrics.recordSafety("hate")
        case .open: break
        }
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
            sky =
                await skyLayouts.latest?.json
                ?? ByteBuffer(bytes: engine.layout([], now: now).jsonBytes())
        }
        // Often queued; ready at once when the same words were dumped before (one clip per text).
        let id = worry.id
        let state = (try? await store.clipState(worryID: id)) ?? ClipState(key: worry.clipKey, status: .queued)
        if state.status == .ready { metrics.forgetPosted(state.key) }  // ready before this post: nothing to time
        let created = WorryCreated(
            worry: WorryDTO(worry), clip: ClipDTO(id: worry.id, state: state, queue: renderQueue),
            share: "/w/\(worry.id.rawValue)", masked: admission.masked.map(\.rawValue),
            visibility: worry.visibility.rawValue,
            care: admission.verdict == .care ? CareAnswer.answer(korean: korean || admission.isKorean) : nil)
        var headers: HTTPFields = [.location: "/api/worries/\(worry.id.rawValue)", .cacheControl: "no-store"]
        if replayed { headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
        return JSONBody.response(buffer: created.body(sky: sky), status: .created, headers: headers)
    }

    /// The live worries of the owner token sent, newest first, each with its clip, its share
    /// link and the id of its star in the sky (the page lists them under "내 고민" and opens a
    /// star's card from it). Private to the token: never cached.
    func myWorries(_ request: Request) async throws -> Response {
        let owner = try await owners.require(request)
        let now = clock.now()
        let (worries, total) = try await metrics.timeStore("my_worries") {
            try await store.liveWorries(owner: owner, now: now, limit: Self.myWorriesLimit)
        }
        var listed: [MyWorry] = []
        for worry in worries.reversed() {
            let state = try await store.clipState(worryID: worry.id) ?? ClipState(key: worry.clipKey, status: .queued)
            listed.append(
                MyWorry(
                    worry: WorryDTO(worry), clip: ClipDTO(id: worry.id, state: state, queue: renderQueue),
                    share: "/w/\(worry.id.rawValue)", star: engine.nodeID(text: worry.text),
                    visibility: worry.visibility.rawValue))
        }
        return JSONBody.response(
            MyWorries(worries: listed, total: total), headers: [.cacheControl: "private, no-store"])
    }

    /// Whether `request` may read `worry`: anyone when it is public; only its writer (by the
    /// `X-Owner-Token` header) when the door kept it private or its star was hidden.
    func isVisible(_ worry: Worry, to request: Request) async throws -> Bool {
        if worry.visibility == .public { return true }
        guard let value = request.headers[OwnerCredential.header], let owner = OwnerToken(value) else { return false }
        return try await store.owns(worryID: worry.id, owner: owner)
    }

    /// The `Idempotency-Key` header: 1–128 visible ASCII characters, or 400
    /// `invalid_idempotency_key`; nil when not sent. A client that retries a post (after a
    /// timeout, say) with the same key and token gets the first answer's worry, not a second one.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let value = request.headers[HTTPField.Name("Idempotency-Key")!] else { return nil }
        guard (1...128).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError.badRequest(
                "invalid_idempotency_key", "Idempotency-Key must be 1 to 128 visible ASCII characters.")
        }
        return value
    }

    /// Whether the writer reads Korean: their first `Accept-Language` is Korean.
    static func prefersKorean(_ request: Request) -> Bool {
        let first =
            request.headers[.acceptLanguage]?.split(separator: ",").first?
            .split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return first.hasPrefix("ko")
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

    /// What the per-address limits count for this request: the client's address (the nearest
    /// proxy's `X-Forwarded-For` entry behind `--trust-proxy`), IPv6 collapsed to its
    /// `--ipv6-prefix` network (`AddressKey`).
    func limitedAddress(_ request: Request, context: DumpRequestContext) -> String {
        let address = configuration.trustProxy ? (Self.forwardedFor(request) ?? context.clientAddress) : context.clientAddress
        return AddressKey.of(address ?? "unknown", ipv6Prefix: configuration.ipv6Prefix)
    }

    /// The client address the nearest proxy saw: the last entry of `X-Forwarded-For` (a
    /// client can write the earlier ones itself; the proxy appends the peer it saw).
    static func forwardedFor(_ request: Request) -> String? {
        guard let header = request.headers[HTTPField.Name("X-Forwarded-For")!] else { return nil }
        let last = header.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return last.isEmpty ? nil : last
    }

    /// 429 `rate_limited` with `Retry-After`.
    static func rateLimited(_ seconds: Int, _ message: String) -> APIError {
        APIError(.tooManyRequests, code: "rate_limited", message: message, headers: [.retryAfter: "\(seconds)"])
    }
}

/// `GET /api/limits`: what the door admits, for the page's counter.
struct Limits: Encodable {
    struct Text: Encodable {
        /// Most characters a worry may have, counted as grapheme clusters after cleaning.
        var maxCharacters: Int
    }

    var text: Text
    /// Largest request body accepted.
    var bodyBytes: Int
}
