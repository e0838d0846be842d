import Foundation
import GRDB
import Testing

@testable import DumpStore

@Suite("Clip renders")
struct RenderJobTests {
    @Test(arguments: StoreKind.allCases)
    func newWorryHasAQueuedClip(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()

        let worry = try store.addWorry(draft("render me"), now: t0)

        #expect(try store.clipStatus(worryID: worry.id) == .queued)
        #expect(try store.clipState(worryID: worry.id) == ClipState(key: worry.clipKey, status: .queued, queuedAhead: 0))
        #expect(try store.pendingJobCount() == 1)
        #expect(try store.clipStatus(worryID: WorryID.random()) == nil)
        #expect(try store.clipText(key: worry.clipKey) == "render me")
    }

    @Test(arguments: StoreKind.allCases)
    func claimedClipRendersOnceThenCompletes(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("render me"), now: t0)

        let job = try #require(try store.claimRenderJob(now: t0))
        #expect(job == RenderJob(key: worry.clipKey, text: "render me", attempts: 1))
        #expect(try store.claimRenderJob(now: t0) == nil)
        #expect(try store.clipStatus(worryID: worry.id) == .rendering)
        #expect(try store.pendingJobCount() == 1)

        try store.completeRenderJob(key: worry.clipKey, now: t0)
        #expect(try store.clipStatus(worryID: worry.id) == .ready)
        #expect(try store.pendingJobCount() == 0)
        #expect(try store.claimRenderJob(now: t0) == nil)

        // A late failure report cannot undo a finished clip.
        try store.failRenderJob(key: worry.clipKey, error: "late", maxAttempts: 3, now: t0)
        #expect(try store.clipStatus(worryID: worry.id) == .ready)
    }

    @Test(arguments: StoreKind.allCases)
    func theSameClipKeyIsRenderedOnceForEveryWorryShowingIt(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let key = ClipKey(text: "회사 가기 싫어요", variant: "test")
        let first = try store.addWorry(
            WorryDraft(text: "회사 가기 싫어요", owner: OwnerToken(String(repeating: "a", count: 43))!, ttl: 60, clipKey: key), now: t0)
        let second = try store.addWorry(
            WorryDraft(text: "회사 가기 싫어요", owner: OwnerToken(String(repeating: "b", count: 43))!, ttl: 3600, clipKey: key),
            now: t0.addingTimeInterval(1))
        #expect(first.clipKey == key && second.clipKey == key)
        #expect(try store.pendingJobCount() == 1)

        let job = try #require(try store.claimRenderJob(now: t0.addingTimeInterval(2)))
        #expect(job.key == key)
        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(2)) == nil, "one render for both")
        try store.completeRenderJob(key: key, now: t0.addingTimeInterval(3))
        #expect(try store.clipStatus(worryID: first.id) == .ready)
        #expect(try store.clipStatus(worryID: second.id) == .ready)

        // a third post of the words gets the ready clip at once
        let third = try store.addWorry(
            WorryDraft(text: "회사 가기 싫어요", owner: OwnerToken(String(repeating: "c", count: 43))!, ttl: 3600, clipKey: key),
            now: t0.addingTimeInterval(4))
        #expect(try store.clipStatus(worryID: third.id) == .ready)

        // the first expires: the clip stays for the others
        let sweptOne = try store.deleteExpired(now: t0.addingTimeInterval(61))
        #expect(sweptOne == ExpiredSweep(worries: [first.id], clips: []))
        #expect(try store.clipStatus(worryID: second.id) == .ready)
        // all expire: the clip goes, and the sweep says so
        let sweptAll = try store.deleteExpired(now: t0.addingTimeInterval(4000))
        #expect(sweptAll == ExpiredSweep(worries: [second.id, third.id], clips: [key]))
        #expect(try store.clipText(key: key) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func theQueuePositionCountsTheClipsBefore(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worries = try (0..<4).map { try store.addWorry(draft("queued \($0)"), now: t0.addingTimeInterval(Double($0))) }
        #expect(try worries.map { try store.clipState(worryID: $0.id)?.queuedAhead } == [0, 1, 2, 3])
        _ = try store.claimRenderJob(now: t0.addingTimeInterval(10))
        let states = try worries.map { try #require(try store.clipState(worryID: $0.id)) }
        #expect(states.map(\.status) == [.rendering, .queued, .queued, .queued])
        #expect(states.map(\.queuedAhead) == [0, 0, 1, 2])
    }

    @Test(arguments: StoreKind.allCases)
    func failedClipIsRetriedUntilMaxAttemptsThenFails(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("stubborn"), now: t0)

        for attempt in 1...3 {
            let job = try #require(try store.claimRenderJob(now: t0))
            #expect(job.attempts == attempt)
            try store.failRenderJob(key: worry.clipKey, error: "encoder broke \(attempt)", maxAttempts: 3, now: t0)
            #expect(try store.clipStatus(worryID: worry.id) == (attempt < 3 ? .queued : .failed))
        }

        #expect(try store.claimRenderJob(now: t0) == nil)
        #expect(try store.pendingJobCount() == 0)
        let record = try store.writer.read { db in try ClipRecord.fetchOne(db, key: worry.clipKey.rawValue) }
        #expect(record?.status == .failed)
        #expect(record?.lastError == "encoder broke 3")
    }

    @Test(arguments: StoreKind.allCases)
    func claimTakesTheClipThatWaitedLongestAndRetriesGoToTheBack(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let first = try store.addWorry(draft("first"), now: t0)
        let second = try store.addWorry(draft("second"), now: t0.addingTimeInterval(0.001))

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(1))?.key == first.clipKey)
        try store.failRenderJob(key: first.clipKey, error: "boom", maxAttempts: 3, now: t0.addingTimeInterval(2))

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(3))?.key == second.clipKey)
        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(4))?.key == first.clipKey)
    }

    @Test(arguments: StoreKind.allCases)
    func clipsOfExpiredWorriesAreNeverClaimed(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        _ = try store.addWorry(draft("brief", ttl: 10), now: t0)

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(10)) == nil)
        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(9.999)) != nil)
    }

    @Test(arguments: StoreKind.allCases)
    func interruptedRendersGoBackToTheQueue(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let a = try store.addWorry(draft("a"), now: t0)
        _ = try store.addWorry(draft("b"), now: t0.addingTimeInterval(1))
        _ = try store.claimRenderJob(now: t0)

        #expect(try store.requeueInterruptedJobs() == 1)
        #expect(try store.requeueInterruptedJobs() == 0)
        let again = try #require(try store.claimRenderJob(now: t0))
        #expect(again.key == a.clipKey)
        #expect(again.attempts == 2)
    }

    @Test func renderingClipsAreRequeuedAfterARestart() throws {
        let db = try StoreFixture(.file)
        defer { db.remove() }
        let worry: Worry
        do {
            let beforeCrash = try db.open()
            worry = try beforeCrash.addWorry(draft("interrupted"), now: t0)
            #expect(try beforeCrash.claimRenderJob(now: t0)?.key == worry.clipKey)
        }

        let afterRestart = try db.open()
        #expect(try afterRestart.claimRenderJob(now: t0) == nil)
        #expect(try afterRestart.requeueInterruptedJobs() == 1)
        let job = try #require(try afterRestart.claimRenderJob(now: t0))
        #expect(job == RenderJob(key: worry.clipKey, text: "interrupted", attempts: 2))
    }

    @Test(arguments: StoreKind.allCases)
    func deleteExpiredReturnsTheIdsAndTheOrphanedClips(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let gone1 = try store.addWorry(draft("gone 1", ttl: 5), now: t0)
        let gone2 = try store.addWorry(draft("gone 2", ttl: 5), now: t0.addingTimeInterval(1))
        let stays = try store.addWorry(draft("stays", ttl: 3600), now: t0)
        _ = try store.claimRenderJob(now: t0)

        let deleted = try store.deleteExpired(now: t0.addingTimeInterval(6))

        #expect(deleted.worries == [gone1.id, gone2.id])
        #expect(Set(deleted.clips) == [gone1.clipKey, gone2.clipKey])
        #expect(try store.worry(id: gone1.id) == nil)
        #expect(try store.worry(id: gone2.id) == nil)
        #expect(try store.clipStatus(worryID: gone1.id) == nil)
        #expect(try store.clipStatus(worryID: gone2.id) == nil)
        #expect(try store.worry(id: stays.id) == stays)
        #expect(try store.pendingJobCount() == 1)
        let clips = try store.writer.read { db in try ClipRecord.fetchAll(db) }
        #expect(clips.map(\.key) == [stays.clipKey.rawValue])
        #expect(try store.deleteExpired(now: t0.addingTimeInterval(6)) == ExpiredSweep())
    }

    @Test(arguments: StoreKind.allCases)
    func reportsForASweptClipAreHarmless(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("swept mid-render", ttl: 1), now: t0)
        _ = try store.claimRenderJob(now: t0)
        _ = try store.deleteExpired(now: t0.addingTimeInterval(1))

        try store.completeRenderJob(key: worry.clipKey, now: t0.addingTimeInterval(2))
        try store.failRenderJob(key: worry.clipKey, error: "x", maxAttempts: 3, now: t0.addingTimeInterval(2))
        #expect(try store.clipStatus(worryID: worry.id) == nil)
        #expect(try store.clipText(key: worry.clipKey) == nil)
    }

    @Test func aVersion1DatabaseKeepsItsClipsKeyedByWorryID() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v1")
        let id = WorryID.random().rawValue
        try queue.write { db in
            try db.execute(sql: "INSERT INTO owner (hash) VALUES ('h')")
            try db.execute(
                sql: "INSERT INTO worry (id, text, ownerHash, createdAt, expiresAt) VALUES (?, 'old worry', 'h', 1, 99999999999)",
                arguments: [id])
            try db.execute(sql: "INSERT INTO renderJob (worryID, status, attempts, updatedAt) VALUES (?, 'done', 1, 2)", arguments: [id])
        }
        let store = try SQLiteWorryStore(migrating: queue)
        let worryID = try #require(WorryID(id))
        #expect(try store.worry(id: worryID)?.clipKey == ClipKey(rawValue: id), "its files are named by the worry id")
        #expect(try store.clipState(worryID: worryID) == ClipState(key: ClipKey(rawValue: id), status: .ready))
        #expect(try store.clipText(key: ClipKey(rawValue: id)) == "old worry")
    }
}
