import DumpEngine
import DumpStore
import Foundation
import NIOCore

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
    private let metrics: ServiceMetrics?
    private var snapshot: SkySnapshot?
    private var computing: (id: Int, task: Task<SkySnapshot, any Error>)?
    private var nextID = 0
    /// Each live worry's normalised text, kept between layouts (computations run one at a time).
    private let keys = NormalisedTexts()

    /// How many layouts were computed (tests check GETs do not recompute).
    private(set) var computations = 0

    init(store: any WorryStore, engine: SkyEngine, clock: any WorryClock, metrics: ServiceMetrics? = nil) {
        self.store = store
        self.metrics = metrics
        self.engine = engine
        self.clock = clock
    }

    /// The sky of every live worry now.
    func current() async throws -> SkySnapshot {
        let revision = try await store.revision()
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
            let task = Task { [store, engine, clock, keys, metrics] in
                try await Self.compute(store: store, engine: engine, keys: keys, now: clock.now(), serial: id, metrics: metrics)
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
