import DumpEngine
import DumpStore
import Foundation
import NIOCore

/// Keeps the live sky's layout and its JSON, recomputing only when the store's revision moved
/// (a worry was added or swept) or the earliest worry expired.
///
/// Two kinds serve the service: with a `LiveSkyFeed`, the sky pages download (the view of the
/// live sky kept up to date change by change: posts, polls, first visits); without, the whole
/// sky laid out from scratch from every live worry (the pictures and the loop, which show
/// every star and are painted at most once per revision and size, in the background).
///
/// Requests that need a newer sky while one is being computed wait for it, and then share one
/// further computation: under a burst of posts the layout is computed once per wave, not once
/// per request.
actor SkyLayoutCache: ForgetsOldCopies {
    private let store: any WorryStore
    private let engine: SkyEngine
    private let clock: any WorryClock
    private let metrics: ServiceMetrics?
    private let live: LiveSkyFeed?
    private var snapshot: SkySnapshot?
    private var computing: (id: Int, task: Task<SkySnapshot, any Error>)?
    private var nextID = 0
    /// Each live worry's normalised text, kept between layouts (computations run one at a time).
    private let keys = NormalisedTexts()

    /// How many layouts were computed (tests check GETs do not recompute).
    private(set) var computations = 0
    /// The last few skies served, oldest first, by version: what a page may still hold and
    /// ask a delta against (`answer(since:)`).
    private var history: [(version: String, layout: SkyLayout, side: DeltaSideOnce, installedAt: Date)] = []
    /// Deltas made against the current sky, by the version they start from (made once, served
    /// to every page that holds that version).
    private var deltas: (version: String, made: [String: Task<ByteBuffer, any Error>]) = ("", [:])

    /// How many past layouts are kept for deltas: as many as fit a budget of stars (about
    /// 250 bytes each), at least 16 and at most 64. A page polls every 1.5 s; under a stream of
    /// posts the service lays the sky out once per wave (sequential posts on a 3,000-worry sky
    /// took 50 ms each: twenty layouts between two polls), and a page that falls out of the
    /// history downloads the whole sky again. 3,000 stars keep 64 layouts; 10,000 keep 20.
    static func historyLimit(stars: Int) -> Int {
        min(64, max(16, historyStarBudget / max(1, stars)))
    }

    /// Stars the history may hold in all (about 50 MB).
    static let historyStarBudget = 200_000

    /// Seconds a past sky is kept once a newer one replaced it: a page that slept longer gets
    /// the whole sky, and no worry gone from the sky (expired, deleted, hidden) stays in this
    /// process's memory for longer.
    static let historyMaxAge: TimeInterval = 600

    init(
        store: any WorryStore, engine: SkyEngine, clock: any WorryClock, metrics: ServiceMetrics? = nil,
        live: LiveSkyFeed? = nil
    ) {
        self.store = store
        self.metrics = metrics
        self.live = live
        self.engine = engine
        self.clock = clock
    }

    /// The sky of every live worry now.
    func current() async throws -> SkySnapshot {
        let revision = try await store.revision()
        return try await snapshot(atLeast: revision)
    }

    /// The sky a page polling or visiting gets: the current one, except while a newer one is
    /// being computed, when the last one (still valid now) is served at once rather than after
    /// that computation. A page polls every 1.5 s and gets the newer sky then; a post waits
    /// for its own worry (`snapshot(atLeast:)`), and a node with nothing being computed
    /// computes, so every change reaches every node's pages by their next poll.
    func served() async throws -> SkySnapshot {
        let revision = try await store.revision()
        if computing != nil, let snapshot, clock.now() < snapshot.validUntil { return snapshot }
        return try await self.snapshot(atLeast: revision)
    }

    /// A sky computed from a store at `revision` or later, still valid now.
    func snapshot(atLeast revision: Int64) async throws -> SkySnapshot {
        while true {
            if let snapshot, snapshot.isCurrent(revision: revision, now: clock.now()) {
                return snapshot
            }
            if let (id, task) = computing {
                do {
                    install(try await task.value, from: id)
                } catch {
                    if computing?.id == id { computing = nil }
                    throw error
                }
                continue
            }
            nextID += 1
            let id = nextID
            let task = Task { [store, engine, clock, keys, metrics, live] in
                if let live {
                    return try await Self.update(live, store: store, now: clock.now(), serial: id, metrics: metrics)
                }
                return try await Self.compute(
                    store: store, engine: engine, keys: keys, now: clock.now(), serial: id, metrics: metrics)
            }
            computing = (id, task)
            computations += 1
        }
    }

    /// The last computed sky, if any (for metrics; never triggers work).
    var latest: SkySnapshot? { snapshot }

    private func install(_ computed: SkySnapshot, from id: Int) {
        if computing?.id == id { computing = nil }
        guard (snapshot?.serial ?? 0) < computed.serial else { return }
        snapshot = computed
        if history.last?.version != computed.version {
            history.removeAll { $0.version == computed.version }
            history.append((computed.version, computed.layout, computed.side, clock.now()))
            let limit = Self.historyLimit(stars: computed.layout.nodes.count)
            if history.count > limit { history.removeFirst(history.count - limit) }
        }
        forgetOldSkies()
    }

    /// Drops the past skies replaced more than `historyMaxAge` seconds ago.
    private func forgetOldSkies() {
        let cutoff = clock.now().addingTimeInterval(-Self.historyMaxAge)
        while history.count > 1, history[1].installedAt < cutoff { history.removeFirst() }
    }

    /// Brings the sky kept up to date (after a sweep, the expired worries leave it even when
    /// no page asks; a process that never laid a sky out lays none out here) and drops the
    /// past skies replaced long ago.
    func forgetOldCopies(now: Date) async {
        if snapshot != nil { _ = try? await current() }
        forgetOldSkies()
    }

    /// Whether a sky this process keeps (current or past) shows `text` (tests check expired
    /// worries leave memory).
    func holds(text: String) -> Bool {
        history.contains { $0.layout.nodes.contains { $0.text == text } }
            || snapshot?.layout.nodes.contains { $0.text == text } == true
    }

    /// What a page holding the sky `since` (a `SkySnapshot.version`) needs to show the current
    /// one: a delta when this process still keeps that sky, otherwise the whole sky.
    ///
    /// Versions name content (a store revision and a hash of the layout), so a delta is right
    /// whichever process of a fleet made the page's sky; a process that never saw it answers
    /// with the whole sky.
    func answer(since: String?, atLeast revision: Int64? = nil) async throws -> SkyAnswer {
        let current: SkySnapshot
        if let revision {
            current = try await snapshot(atLeast: revision)
        } else {
            // A page whose sky this process does not know (made by a newer node of the fleet)
            // waits for the newest here, so that its own new star does not flicker away.
            let known = since.map { since in history.contains { $0.version == since } } ?? true
            current = known ? try await served() : try await self.current()
        }
        forgetOldSkies()
        guard let since, let base = history.last(where: { $0.version == since })?.side else {
            return .full(current)
        }
        if deltas.version != current.version { deltas = (current.version, [:]) }
        let task: Task<ByteBuffer, any Error>
        if let made = deltas.made[since] {
            task = made
        } else {
            let store = self.store
            task = Task {
                let delta = try await Blocking.run { SkyLayoutDelta(from: base.side, to: current.side.side) }
                var fields: [(key: String, json: String)] = [
                    ("full", "false"), ("revision", String(current.revision)),
                    ("since", SkyAnswer.jsonString(since)), ("version", SkyAnswer.jsonString(current.version)),
                ]
                if !delta.isEmpty {
                    let stats = try await store.stats()
                    fields.append(("stats", String(decoding: JSONBody.data(stats), as: UTF8.self)))
                }
                return ByteBuffer(bytes: delta.jsonBytes(fields: fields))
            }
            deltas.made[since] = task
        }
        do {
            return .delta(try await task.value, current)
        } catch {
            if deltas.version == current.version { deltas.made[since] = nil }
            throw error
        }
    }

    /// Applies the store's changes to the live sky and lays its view out.
    private static func update(
        _ live: LiveSkyFeed, store: any WorryStore, now: Date, serial: Int, metrics: ServiceMetrics?
    ) async throws -> SkySnapshot {
        let start = ContinuousClock.now
        let view = try await live.view(store: store, now: now)
        metrics?.recordSkyLayout(seconds: (ContinuousClock.now - start).seconds, nodes: view.layout.nodes.count)
        let layout = view.layout, cache = live.jsonCache
        return SkySnapshot(
            serial: serial, revision: view.revision, validUntil: view.validUntil, layout: layout,
            worryCount: view.worryCount, etag: view.etag, json: { layout.jsonBytes(cache: cache) })
    }

    /// Lists the live worries (the revision first, so the list is at least that new) and lays
    /// them out on the blocking pool.
    private static func compute(
        store: any WorryStore, engine: SkyEngine, keys: NormalisedTexts, now: Date, serial: Int, metrics: ServiceMetrics?
    ) async throws -> SkySnapshot {
        let revision = try await store.revision()
        let worries = try await store.liveWorries(now: now)
        return try await Blocking.run {
            let start = ContinuousClock.now
            let layout = engine.layout(worries.map(SkyWorry.init), keys: keys.keys(for: worries), now: now)
            metrics?.recordSkyLayout(seconds: (ContinuousClock.now - start).seconds, nodes: layout.nodes.count)
            let json = layout.jsonBytes()
            return SkySnapshot(
                serial: serial, revision: revision,
                validUntil: worries.lazy.map(\.expiresAt).min() ?? .distantFuture,
                layout: layout, json: json, worryCount: worries.count)
        }
    }
}

/// The sky a page asked for with `since`: the changes, or the whole sky.
enum SkyAnswer: Sendable {
    /// The delta's JSON (`SkyLayoutDelta.jsonBytes`, with `full: false`, `revision`, `since`,
    /// `version` and, when anything changed, `stats`), and the sky it leads to.
    case delta(ByteBuffer, SkySnapshot)
    /// The page's sky is unknown here: the whole current sky.
    case full(SkySnapshot)

    /// The sky the answer leads to.
    var snapshot: SkySnapshot {
        switch self {
        case .delta(_, let snapshot), .full(let snapshot): snapshot
        }
    }

    /// The body: the delta, or the whole layout with `full: true`, `revision` and `version` first.
    var body: ByteBuffer {
        switch self {
        case .delta(let json, _): json
        case .full(let snapshot): snapshot.versionedJSON
        }
    }

    /// `text` as a JSON string.
    static func jsonString(_ text: String) -> String {
        String(decoding: JSONBody.data(text), as: UTF8.self)
    }
}

/// `SkyText.normalised` of each worry's text by id, remembered between layouts: texts never
/// change, and normalising thousands of them again for every post was a tenth of the work.
/// Forgets worries that are no longer live.
final class NormalisedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var byID: [String: String] = [:]

    /// The normalised texts of `worries`, in order.
    func keys(for worries: [Worry]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var next: [String: String] = [:]
        next.reserveCapacity(worries.count)
        let keys = worries.map { worry in
            let id = worry.id.rawValue
            let key = byID[id] ?? next[id] ?? SkyText.normalised(worry.text)
            next[id] = key
            return key
        }
        byID = next
        return keys
    }
}

extension SkyWorry {
    /// The sky engine's view of a stored worry.
    init(_ worry: Worry) {
        self.init(id: worry.id.rawValue, text: worry.text, createdAt: worry.createdAt)
    }
}
