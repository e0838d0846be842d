import DumpEngine
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import DumpStore

/// A draft by owner `n` for star `star`, public or kept private by the door.
private func starDraft(
    _ text: String, star: String, owner n: Int = 1, ttl: TimeInterval = 3600, visibility: WorryVisibility = .public
) -> WorryDraft {
    WorryDraft(text: text, owner: token(n), ttl: ttl, star: star, visibility: visibility)
}

private let starA = "n0000000000000a01"
private let starB = "n0000000000000b02"

/// A web node's in-memory sky kept by the feed: what it holds, and the revision it saw last.
private struct FeedClient {
    var sky: [WorryID: Worry] = [:]
    var revision: Int64 = 0
    /// How many answers were complete, and how many sent it back to `liveWorries(now:)`.
    var complete = 0
    var restarts = 0

    /// Reads the changes after `revision` and applies them as a web node would: insert or
    /// replace `shown`, remove `gone`, drop what expired; when the answer is not complete, reads
    /// every live worry and starts over from the answer's revision. Returns the answer.
    @discardableResult
    mutating func sync(_ store: any WorryStore, now: Date) async throws -> SkyChanges {
        let changes = try await store.skyChanges(after: revision, now: now)
        if changes.complete {
            complete += 1
            for worry in changes.shown { sky[worry.id] = worry }
            for id in changes.gone { sky[id] = nil }
        } else {
            restarts += 1
            #expect(changes.shown.isEmpty && changes.gone.isEmpty)
            sky = Dictionary(uniqueKeysWithValues: try await store.liveWorries(now: now).map { ($0.id, $0) })
        }
        sky = sky.filter { !$0.value.isExpired(at: now) }
        revision = changes.revision
        return changes
    }
}

/// Checks the promises every answer keeps whatever it lists: `shown` public, alive and oldest
/// first, `gone` sorted, neither sharing an id.
private func expectWellFormed(_ changes: SkyChanges, now: Date, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(changes.shown.allSatisfy { $0.visibility == .public && !$0.isExpired(at: now) }, sourceLocation: sourceLocation)
    #expect(
        zip(changes.shown, changes.shown.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt },
        sourceLocation: sourceLocation)
    #expect(changes.gone.map(\.rawValue) == changes.gone.map(\.rawValue).sorted(), sourceLocation: sourceLocation)
    #expect(Set(changes.shown.map(\.id)).isDisjoint(with: changes.gone), sourceLocation: sourceLocation)
}

@Suite("The sky change feed: what changed after a revision")
struct SkyFeedTests {
    @Test(arguments: StoreKind.allCases)
    func afterZeroOnAFreshStoreListsEveryLiveWorry(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            #expect(try await store.skyChanges(after: 0, now: t0) == SkyChanges(revision: 0, complete: true, shown: [], gone: []))

            _ = try await store.addWorry(starDraft("하나", star: starA), now: t0)
            _ = try await store.addWorries([
                (starDraft("둘", star: starB, owner: 2), t0.addingTimeInterval(1)),
                (starDraft("비밀", star: starB, owner: 2, visibility: .private), t0.addingTimeInterval(2)),
                (starDraft("셋", star: starA, owner: 3), t0.addingTimeInterval(3)),
            ])
            let now = t0.addingTimeInterval(4)

            let changes = try await store.skyChanges(after: 0, now: now)
            #expect(changes.complete)
            #expect(changes.shown == (try await store.liveWorries(now: now)))
            #expect(changes.shown.map(\.text) == ["하나", "둘", "셋"])
            #expect(changes.gone.isEmpty)  // a private worry is not even listed as gone
            #expect(changes.revision == (try await store.revision()))
            expectWellFormed(changes, now: now)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func afterARevisionOnlyWhatCameSinceIsListed(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            for n in 0..<3 {
                _ = try await store.addWorry(starDraft("old \(n)", star: starA, owner: n), now: t0.addingTimeInterval(Double(n)))
            }
            let seen = try await store.revision()
            let new = try await store.addWorries([
                (starDraft("new 1", star: starB, owner: 7), t0.addingTimeInterval(10)),
                (starDraft("new 2", star: starB, owner: 8), t0.addingTimeInterval(11)),
            ])
            let now = t0.addingTimeInterval(12)

            let changes = try await store.skyChanges(after: seen, now: now)
            #expect(changes == SkyChanges(revision: try await store.revision(), complete: true, shown: new, gone: []))
            #expect(changes.revision > seen)
            // Nothing after the newest revision.
            #expect(
                try await store.skyChanges(after: changes.revision, now: now)
                    == SkyChanges(revision: changes.revision, complete: true, shown: [], gone: []))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aPrivateWorryNeverShowsAndADeletedOneIsGone(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let open = try await store.addWorry(starDraft("회사 싫어", star: starA), now: t0)
            let seen = try await store.revision()
            let care = try await store.addWorry(starDraft("사라지고 싶어", star: starB, visibility: .private), now: t0)
            let stays = try await store.addWorry(starDraft("남을 고민", star: starB, owner: 2), now: t0)

            var changes = try await store.skyChanges(after: seen, now: t0)
            #expect(changes.shown == [stays])
            #expect(changes.gone.isEmpty)

            let beforeDeletes = try await store.revision()
            #expect(try await store.deleteWorry(id: open.id, owner: token(1), now: t0.addingTimeInterval(1)) != nil)
            #expect(try await store.deleteWorry(id: care.id, owner: token(1), now: t0.addingTimeInterval(1)) != nil)
            changes = try await store.skyChanges(after: beforeDeletes, now: t0.addingTimeInterval(1))
            #expect(changes == SkyChanges(revision: try await store.revision(), complete: true, shown: [], gone: [open.id]))
            // From the start: the deleted worry is gone, the private one never anywhere.
            changes = try await store.skyChanges(after: 0, now: t0.addingTimeInterval(1))
            #expect(changes.shown == [stays])
            #expect(changes.gone == [open.id])
            #expect(!changes.shown.map(\.id).contains(care.id) && !changes.gone.contains(care.id))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func hidingAStarTakesAllItsWorriesRestoringBringsThemBack(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let first = try await store.addWorry(starDraft("같은 별", star: starA, owner: 1), now: t0)
            let second = try await store.addWorry(starDraft("같은 별", star: starA, owner: 2), now: t0.addingTimeInterval(1))
            let secret = try await store.addWorry(
                starDraft("같은 별", star: starA, owner: 3, visibility: .private), now: t0.addingTimeInterval(2))
            let other = try await store.addWorry(starDraft("다른 별", star: starB, owner: 4), now: t0.addingTimeInterval(3))
            let now = t0.addingTimeInterval(5)

            var seen = try await store.revision()
            #expect(try await store.moderate(star: starA, hidden: true, now: now))
            var changes = try await store.skyChanges(after: seen, now: now)
            #expect(changes.complete && changes.shown.isEmpty)
            #expect(changes.gone == [first.id, second.id].sorted { $0.rawValue < $1.rawValue })
            #expect(!changes.gone.contains(secret.id))

            // A new worry of the hidden star is listed, but not in the sky.
            seen = try await store.revision()
            let late = try await store.addWorry(starDraft("같은 별", star: starA, owner: 5), now: now)
            changes = try await store.skyChanges(after: seen, now: now)
            #expect(changes.shown.isEmpty && changes.gone == [late.id])

            seen = try await store.revision()
            #expect(try await store.moderate(star: starA, hidden: false, now: now))
            changes = try await store.skyChanges(after: seen, now: now)
            #expect(changes.shown.map(\.id) == [first.id, second.id, late.id])
            #expect(changes.gone.isEmpty)
            #expect(changes.revision == (try await store.revision()))

            // Reports that hide a star (one personal-information report) move it out too.
            seen = try await store.revision()
            #expect(try await store.report(star: starB, reporter: token(10), reason: .personalInfo, now: now).hidNow)
            changes = try await store.skyChanges(after: seen, now: now)
            #expect(changes.shown.isEmpty && changes.gone == [other.id])
            #expect(try await store.liveWorries(now: now).map(\.id) == [first.id, second.id, late.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiredWorryIsNotShownAndIsGoneOnceSwept(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let short = try await store.addWorry(starDraft("잠깐", star: starA, ttl: 10), now: t0)
            let long = try await store.addWorry(starDraft("오래", star: starB, ttl: 3600), now: t0)
            let later = t0.addingTimeInterval(20)

            var changes = try await store.skyChanges(after: 0, now: later)
            #expect(changes.shown == [long])
            #expect(changes.gone == [short.id])  // expired, not yet swept: not in the sky at `later`

            let seen = try await store.revision()
            #expect(try await store.skyChanges(after: seen, now: later).gone.isEmpty)
            #expect(try await store.deleteExpired(now: later).worries == [short.id])
            changes = try await store.skyChanges(after: seen, now: later)
            #expect(changes == SkyChanges(revision: try await store.revision(), complete: true, shown: [], gone: [short.id]))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRevisionOlderThanTheFeedKeepsIsIncomplete(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let brief = try await store.addWorry(starDraft("곧 지나갈", star: starA, ttl: 600), now: t0)
            let old = try await store.revision()
            let lasting = try await store.addWorry(starDraft("오래 남을", star: starB, owner: 2, ttl: 4 * 3600), now: t0)
            let pruned = try await store.revision()
            let now = t0.addingTimeInterval(2 * 3600)

            #expect(try await store.deleteExpired(now: now).worries == [brief.id])
            let current = try await store.revision()
            #expect(current > pruned)

            // Both revisions' rows are older than an hour: pruned, so a node that saw less than
            // the newest of them must read the whole sky again.
            for after in [0, old] {
                #expect(
                    try await store.skyChanges(after: after, now: now)
                        == SkyChanges(revision: current, complete: false, shown: [], gone: []))
            }
            // From the newest pruned revision on, the feed is whole.
            #expect(
                try await store.skyChanges(after: pruned, now: now)
                    == SkyChanges(revision: current, complete: true, shown: [], gone: [brief.id]))
            #expect(
                try await store.skyChanges(after: current, now: now)
                    == SkyChanges(revision: current, complete: true, shown: [], gone: []))
            // A revision this store never had (another database) is no base either.
            #expect(try await !store.skyChanges(after: current + 1, now: now).complete)

            // Starting over from the incomplete answer's revision.
            var client = FeedClient(revision: old)
            try await client.sync(store, now: now)
            #expect(client.restarts == 1 && client.revision == current)
            #expect(Array(client.sky.values) == [lasting])
            let next = try await store.addWorry(starDraft("새 고민", star: starA, owner: 3), now: now)
            try await client.sync(store, now: now)
            #expect(client.complete == 1)
            #expect(Set(client.sky.values) == [lasting, next])
        }
    }

    /// About 200 random posts (public, private, of hidden stars), deletes, hides, restores,
    /// reports, sweeps and clock jumps (a fixed seed): two nodes, one reading the feed after
    /// almost every operation, one only now and then (so its revision falls out of the feed and
    /// it starts over), always hold exactly the public sky.
    @Test(arguments: StoreKind.allCases)
    func aClientApplyingTheFeedAlwaysHoldsTheLiveSky(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            var random = SplitMix64(seed: 0x5EED_F33D)
            let stars = (0..<5).map { "n00000000000000" + String(format: "%02x", $0) }
            var now = t0
            var ids: [WorryID] = []
            var eager = FeedClient()
            var lazy = FeedClient()
            // the lazy node's reads: close together (its revision is still in the feed), then after
            // hours (it is not)
            let lazySteps: Set<Int> = [10, 20, 30, 100, 110, 199]
            var checks = 0

            func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

            for step in 0..<200 {
                switch random.next() % 100 {
                case 0..<40:
                    let drafts = (0..<(1 + Int(random.next() % 3))).map { n in
                        (
                            starDraft(
                                "worry \(step).\(n)", star: pick(stars), owner: Int(random.next() % 9),
                                ttl: 60 + Double(random.next() % 5400),
                                visibility: random.next() % 6 == 0 ? .private : .public),
                            now
                        )
                    }
                    ids += try await store.addWorries(drafts).map(\.id)
                case 40..<52:
                    if !ids.isEmpty { _ = try await store.deleteWorry(id: pick(ids), owner: nil, now: now) }
                case 52..<66:
                    _ = try await store.moderate(star: pick(stars), hidden: random.next() % 2 == 0, now: now)
                case 66..<72:
                    _ = try await store.report(
                        star: pick(stars), reporter: token(100 + Int(random.next() % 4)), reason: pick(ReportReason.allCases),
                        now: now)
                case 72..<86:
                    now = now.addingTimeInterval(Double(random.next() % 1800))
                default:
                    _ = try await store.deleteExpired(now: now)
                }

                let changes = try await eager.sync(store, now: now)
                expectWellFormed(changes, now: now)
                #expect(changes.revision == (try await store.revision()))
                if lazySteps.contains(step) { try await lazy.sync(store, now: now) }
                if step % 5 == 4 || lazySteps.contains(step) {
                    let live = Set(try await store.liveWorries(now: now))
                    #expect(Set(eager.sky.values) == live, "the eager node at step \(step)")
                    if lazySteps.contains(step) { #expect(Set(lazy.sky.values) == live, "the lazy node at step \(step)") }
                    checks += 1
                }
            }
            #expect(checks == 45)
            #expect(eager.complete == 200 && eager.restarts == 0)
            #expect(lazy.restarts >= 1 && lazy.complete >= 1)
            #expect(now.timeIntervalSince(t0) > 2 * SkyChanges.retention)
        }
    }

    /// Writers on many connections at once while a node follows the feed: every answer's
    /// revision is at least the last one's, and once the writers are done, the node holds
    /// exactly the public sky (no change committed under a revision it had already passed).
    @Test(arguments: StoreKind.allCases)
    func aClientFollowingConcurrentWritersMissesNothing(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let base = try await store.addWorry(starDraft("먼저", star: starA), now: t0)
            let done = Flag()
            async let writers: Void = withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<6 {
                    group.addTask {
                        for i in 0..<15 {
                            let star = [starA, starB][(task + i) % 2]
                            let worry = try await store.addWorry(
                                starDraft("task \(task) worry \(i)", star: star, owner: task), now: t0)
                            if i % 5 == 4 { _ = try await store.moderate(star: star, hidden: task % 2 == 0, now: t0) }
                            if i % 7 == 6 { _ = try await store.deleteWorry(id: worry.id, owner: nil, now: t0) }
                        }
                    }
                }
                try await group.waitForAll()
                done.set()
            }
            var client = FeedClient()
            var last: Int64 = 0
            var reads = 0
            while !done.isSet {
                let changes = try await client.sync(store, now: t0)
                #expect(changes.revision >= last)
                last = changes.revision
                reads += 1
            }
            try await writers
            try await client.sync(store, now: t0)
            #expect(client.restarts == 0 && reads > 0)
            #expect(Set(client.sky.values) == Set(try await store.liveWorries(now: t0)))
            #expect(try await store.worry(id: base.id) != nil)
        }
    }
}

/// PostgreSQL only: the order in which concurrent writers take their revisions.
@Suite("The sky change feed under concurrent PostgreSQL writers")
struct SkyFeedOrderingTests {
    /// A hide that queues behind a post of the same star on the revision row must still list
    /// the post's worry: it reads the star's worries only once it holds its revision, so it
    /// sees the post that committed under the revision before. (Had it read them before
    /// waiting, it would have missed the worry, and a node that saw the post's revision would
    /// keep that worry in its sky although its star is hidden.)
    @Test(.enabled(if: PostgresScratch.serverURL != nil))
    func aHideQueuedBehindAPostOfItsStarListsThePostsWorry() async throws {
        let db = try await StoreFixture(.postgres)
        defer { db.remove() }
        let store = try await db.open()
        let address = try #require(db.postgres)
        let logger = Logger(label: "test")
        let holder = try await PostgresConnection.connect(
            configuration: try address.connectionConfiguration(), id: 91, logger: logger)
        let watcher = try await PostgresConnection.connect(
            configuration: try address.connectionConfiguration(), id: 92, logger: logger)
        /// Waits until `count` sessions of this database wait for a lock.
        func waitForLockWaiters(_ count: Int) async throws {
            for _ in 0..<250 {
                let waiting = try await watcher.query(
                    """
                    SELECT COUNT(*)::int FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """, logger: logger
                ).collect().first?.decode(Int.self)
                if waiting == count { return }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("\(count) sessions never waited for a lock")
        }

        let first = try await store.addWorry(starDraft("먼저 온 별", star: starA), now: t0)
        let before = try await store.revision()
        // Hold the revision row, so the post and then the hide queue behind it in that order.
        try await holder.query("BEGIN", logger: logger)
        try await holder.query("SELECT value FROM counter WHERE name = 'revision' FOR UPDATE", logger: logger)
        async let post = store.addWorry(starDraft("먼저 온 별", star: starA, owner: 2), now: t0)
        try await waitForLockWaiters(1)
        async let hide = store.moderate(star: starA, hidden: true, now: t0)
        try await waitForLockWaiters(2)
        try await holder.query("ROLLBACK", logger: logger)
        let (late, hidden) = try await (post, hide)
        try await holder.close()
        try await watcher.close()

        #expect(hidden)
        #expect(try await store.revision() == before + 2)
        // A node that saw the post's revision (the late worry then public) learns that both left.
        let changes = try await store.skyChanges(after: before + 1, now: t0)
        #expect(changes.shown.isEmpty)
        #expect(changes.gone == [first.id, late.id].sorted { $0.rawValue < $1.rawValue })
        #expect(try await store.liveWorries(now: t0).isEmpty)
    }
}

/// A flag one task raises and another reads.
private final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)

    func set() { raised.store(true, ordering: .sequentiallyConsistent) }

    var isSet: Bool { raised.load(ordering: .sequentiallyConsistent) }
}
