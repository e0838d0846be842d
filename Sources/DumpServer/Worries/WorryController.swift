import DumpDoor
import DumpEngine
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A writer's worries: `POST /api/worries` (dump one), `GET /api/worries` (mine),
/// `GET /api/worries/{id}` (one, with its clip) and `DELETE /api/worries/{id}` (take it back).
struct WorryController: Sendable {
    /// The most worries `GET /api/worries` lists (the newest).
    static let myWorriesLimit = 100

    let store: any WorryStore
    let writer: WorryWriter
    let owners: OwnerCredential
    let admission: RequestAdmission
    let engine: SkyEngine
    let skyLayouts: SkyLayoutCache
    let renderQueue: RenderQueue
    let clipDirectory: ClipDirectory
    let clock: any WorryClock
    let metrics: ServiceMetrics
    /// How long a worry lives (`--ttl`).
    let ttl: TimeInterval
    /// The look of the clips, part of each clip's key.
    let clipVariant: String

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self)
            .post("/api/worries", use: post)
            .get("/api/worries", use: mine)
            .get("/api/worries/{id}", use: read)
            .delete("/api/worries/{id}", use: delete)
    }

    /// Checks the token, the limits and the body, stores the worry durably, wakes a render
    /// worker, and answers 201 with the worry, its clip, its share link and the new sky.
    @Sendable func post(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let owner = try await owners.require(request)
        try RequestBody.requireJSON(request)
        let idempotencyKey = try Self.idempotencyKey(request)
        let now = clock.now()
        let body = try await admission.worryBody(request, context: context, owner: owner, now: now)
        let korean = RequestBody.prefersKorean(request)
        let admitted = try admit(body, korean: korean)
        let (worry, revision, replayed) = try await add(admitted, owner: owner, idempotencyKey: idempotencyKey, now: now)
        recordPosted(worry, admitted)
        renderQueue.announce()
        let sky = await sky(after: revision, since: request.uri.queryParameters.get("since"), now: now, logger: context.logger)
        // Often queued; ready at once when the same words were dumped before (one clip per text).
        let state = (try? await store.clipState(worryID: worry.id)) ?? ClipState(key: worry.clipKey, status: .queued)
        if state.status == .ready { metrics.forgetPosted(state.key) }  // ready before this post: nothing to time
        let created = WorryCreated(
            worry: WorryDTO(worry), clip: ClipDTO(id: worry.id, state: state, queue: renderQueue),
            share: "/w/\(worry.id.rawValue)", masked: admitted.masked.map(\.rawValue),
            visibility: worry.visibility.rawValue,
            care: admitted.verdict == .care ? CareAnswer.answer(korean: korean || admitted.isKorean) : nil)
        var headers: HTTPFields = [.location: "/api/worries/\(worry.id.rawValue)", .cacheControl: "no-store"]
        if replayed { headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
        return JSONBody.response(buffer: created.body(sky: sky), status: .created, headers: headers)
    }

    /// The live worries of the owner token sent, newest first, each with its clip, its share
    /// link and the id of its star in the sky (the page lists them under "내 고민" and opens a
    /// star's card from it). Private to the token: never cached.
    @Sendable func mine(_ request: Request, context: DumpRequestContext) async throws -> Response {
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
        return JSONBody.response(MyWorries(worries: listed, total: total), headers: [.cacheControl: "private, no-store"])
    }

    /// One worry with its clip's state: anyone's when public, only its writer's otherwise.
    @Sendable func read(_ request: Request, context: DumpRequestContext) async throws -> Response {
        // The token is optional here (a writer reads their own private worry); a malformed one is 401.
        _ = try await owners.optional(request)
        let id = try context.worryID()
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

    /// 204 when the token's writer deleted the worry; 404 for any id that is not theirs, so
    /// nobody learns whether someone else's worry exists. Its clip files go when no other
    /// worry shows the same clip (the store deleted its own copy with the clip); every node's
    /// sky drops the star at its next poll.
    @Sendable func delete(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let owner = try await owners.require(request)
        let id = try context.worryID()
        guard let deleted = try await store.deleteWorry(id: id, owner: owner, now: clock.now()) else {
            throw APIError.notFound("There is no worry of yours with this id.")
        }
        if let key = deleted.clip {
            let directory = clipDirectory
            try await Blocking.run { directory.delete(key) }
        }
        metrics.recordSafety("deleted")
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// The door's verdict on the body's text (400/422 when it refuses it).
    private func admit(_ body: ByteBuffer, korean: Bool) throws -> Admission {
        do {
            return try WorrySubmission.admit(try WorrySubmission.text(from: body), korean: korean)
        } catch let error as APIError where error.code == "not_allowed" {
            metrics.recordSafety("refused")
            throw error
        }
    }

    /// Stores the admitted worry durably; `replayed` when the same `Idempotency-Key` already
    /// stored it (422 when that key came with other words).
    private func add(
        _ admitted: Admission, owner: OwnerToken, idempotencyKey: String?, now: Date
    ) async throws -> (worry: Worry, revision: Int64, replayed: Bool) {
        let text = admitted.text
        var draft = WorryDraft(
            text: text, owner: owner, ttl: ttl, clipKey: ClipKey(text: text, variant: clipVariant),
            star: engine.nodeID(text: text), visibility: admitted.verdict == .open ? .public : .private)
        draft.idempotencyKey = idempotencyKey
        let (worry, revision) = try await metrics.timeStore("add_worry") { try await writer.add(draft, now: now) }
        // The same key again: the first post's worry, stored once; other words with it are a mistake.
        let replayed = idempotencyKey != nil && abs(worry.createdAt.timeIntervalSince(now)) >= 0.001
        if replayed, worry.text != text {
            throw APIError(
                .unprocessableContent, code: "idempotency_key_reused",
                message: "This Idempotency-Key was already used for other words; send a new key for a new worry.")
        }
        return (worry, revision, replayed)
    }

    private func recordPosted(_ worry: Worry, _ admitted: Admission) {
        metrics.notePosted(worry.clipKey)
        metrics.recordMasked(admitted.masked.map(\.rawValue))
        switch admitted.verdict {
        case .care: metrics.recordSafety("care")
        case .hate: metrics.recordSafety("hate")
        case .open: break
        }
    }

    /// The sky that holds the new worry: the delta since the page's `?since=<version>`, or the
    /// whole sky. When the layout fails the worry is stored all the same: the last known sky,
    /// rather than an error that would make the client post it twice.
    private func sky(after revision: Int64, since: String?, now: Date, logger: Logger) async -> ByteBuffer {
        do {
            if let since {
                let answer = try await skyLayouts.answer(since: since, atLeast: revision)
                if case .full(let snapshot) = answer { return try await snapshot.withJSON().versionedJSON }
                return answer.body
            }
            return try await skyLayouts.snapshot(atLeast: revision).withJSON().json
        } catch {
            logger.error("sky layout failed after a post", metadata: ["error": "\(error.localizedDescription)"])
            return await skyLayouts.latest?.json ?? ByteBuffer(bytes: engine.layout([], now: now).jsonBytes())
        }
    }

    /// Whether `request` may read `worry`: anyone when it is public; only its writer (by the
    /// `X-Owner-Token` header) when the door kept it private or its star was hidden.
    private func isVisible(_ worry: Worry, to request: Request) async throws -> Bool {
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
}
