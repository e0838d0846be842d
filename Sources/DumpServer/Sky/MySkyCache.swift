import Crypto
import DumpStore
import Foundation

/// The skies of one writer's own worries (`GET /api/sky?scope=mine`), laid out at most once
/// per store revision and writer, and kept at most `maxAge` seconds: a page polling its
/// writer's sky costs a revision read, not a layout. Bounded: `capacity` writers at once, the
/// least recently asked dropped first. Keys are hashes of the tokens (of their own domain,
/// unlike the store's), never tokens.
actor MySkyCache: ForgetsOldCopies {
    private struct Entry {
        var revision: Int64
        var madeAt: Date
        var json: [UInt8]
        var used: UInt64
    }

    private let store: any WorryStore
    private let clock: any WorryClock
    private let capacity: Int
    private let maxAge: TimeInterval
    private var entries: [String: Entry] = [:]
    private var uses: UInt64 = 0

    /// How many layouts were made (tests check the cache holds).
    private(set) var layouts = 0

    /// How many writers' skies are kept (tests check they go).
    var count: Int { entries.count }

    init(store: any WorryStore, clock: any WorryClock, capacity: Int = 512, maxAge: TimeInterval = 30) {
        self.store = store
        self.clock = clock
        self.capacity = max(1, capacity)
        self.maxAge = maxAge
    }

    /// The sky of `owner`'s worries: the kept one when the store has not changed since it was
    /// made (and it is young), else `make(now)`.
    func json(for owner: OwnerToken, make: @Sendable (Date) async throws -> [UInt8]) async throws -> [UInt8] {
        let key = SHA256.hash(data: Array("dumpit.mysky.v1:\(owner.secret)".utf8)).map { String(format: "%02x", $0) }.joined()
        let now = clock.now()
        let revision = try await store.revision()
        uses += 1
        if var entry = entries[key], entry.revision == revision, now >= entry.madeAt, now.timeIntervalSince(entry.madeAt) < maxAge
        {
            entry.used = uses
            entries[key] = entry
            return entry.json
        }
        forgetOldCopies(now: now)
        let json = try await make(now)
        layouts += 1
        entries[key] = Entry(revision: revision, madeAt: now, json: json, used: uses)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            entries[oldest.key] = nil
        }
        return json
    }

    /// Drops the skies older than `maxAge`: a writer's expired or deleted worries leave memory too.
    func forgetOldCopies(now: Date) {
        entries = entries.filter { now < $0.value.madeAt || now.timeIntervalSince($0.value.madeAt) < maxAge }
    }
}
