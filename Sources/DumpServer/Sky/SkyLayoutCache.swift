import DumpEngine
import DumpStore
import Foundation

/// Keeps the live sky's layout and its JSON, recomputing only when the store's revision moved
/// (a worry was added or swept) or the earliest worry expired.
///
/// Requests that need a newer sky while one is being computed wait for it, and then share one
/// further computation: under a burst of posts the layout is computed once per wave, not once
/// per request.
actor SkyLayoutCache {
    private let store: any WorryStore
    private let engine: SkyEngine
    private let clock: any WorryClock
    private var snapshot: SkySnapshot?
    private var computing: (id: Int, task: Task<SkySnapshot, any Error>)?
    private var nextID = 0

    /// How many layouts were computed (tests check GETs do not recompute).
    private(set) var computations = 0

    init(store: any WorryStore, engine: SkyEngine, clock: any WorryClock) {
        self.store = store
        self.engine = engine
        self.clock = clock
    }

    /// The sky of every live worry now.
    func current() async throws -> SkySnapshot {
        let store = self.store
        let revision = try await Blocking.run { try store.revision() }
        return try await snapshot(atLeast: revision)
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
            let task = Task { [store, engine, clock] in
                try await Self.compute(store: store, engine: engine, now: clock.now(), serial: id)
            }
            computing = (id, task)
            computations += 1
        }
    }

    /// The last computed sky, if any (for metrics; never triggers work).
    var latest: SkySnapshot? { snapshot }

    private func install(_ computed: SkySnapshot, from id: Int) {
        if computing?.id == id { computing = nil }
        if (snapshot?.serial ?? 0) < computed.serial { snapshot = computed }
    }

    /// Lists the live worries and lays them out, on the blocking pool.
    private static func compute(store: any WorryStore, engine: SkyEngine, now: Date, serial: Int) async throws -> SkySnapshot {
        try await Blocking.run {
            let revision = try store.revision()
            let worries = try store.liveWorries(now: now)
            let layout = engine.layout(worries.map(SkyWorry.init), now: now)
            let json = try [UInt8](SkyLayout.jsonEncoder().encode(layout))
            return SkySnapshot(
                serial: serial, revision: revision,
                validUntil: worries.lazy.map(\.expiresAt).min() ?? .distantFuture,
                layout: layout, json: json, worryCount: worries.count)
        }
    }
}

extension SkyWorry {
    /// The sky engine's view of a stored worry.
    init(_ worry: Worry) {
        self.init(id: worry.id.rawValue, text: worry.text, createdAt: worry.createdAt)
    }
}
