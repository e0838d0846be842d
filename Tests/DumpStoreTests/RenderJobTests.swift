import Foundation
import GRDB
import Testing

@testable import DumpStore

@Suite("Render jobs")
struct RenderJobTests {
    @Test(arguments: StoreKind.allCases)
    func newWorryHasAPendingJob(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()

        let worry = try store.addWorry(draft("render me"), now: t0)

        #expect(try store.clipStatus(worryID: worry.id) == .pending)
        #expect(try store.pendingJobCount() == 1)
        #expect(try store.clipStatus(worryID: WorryID.random()) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func claimedJobRunsOnceThenCompletes(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("render me"), now: t0)

        let job = try #require(try store.claimRenderJob(now: t0))
        #expect(job == RenderJob(worryID: worry.id, text: "render me", attempts: 1))
        #expect(try store.claimRenderJob(now: t0) == nil)
        #expect(try store.clipStatus(worryID: worry.id) == .pending)
        #expect(try store.pendingJobCount() == 1)

        try store.completeRenderJob(worryID: worry.id, now: t0)
        #expect(try store.clipStatus(worryID: worry.id) == .ready)
        #expect(try store.pendingJobCount() == 0)
        #expect(try store.claimRenderJob(now: t0) == nil)

        // A late failure report cannot undo a finished clip.
        try store.failRenderJob(worryID: worry.id, error: "late", maxAttempts: 3, now: t0)
        #expect(try store.clipStatus(worryID: worry.id) == .ready)
    }

    @Test(arguments: StoreKind.allCases)
    func failedJobIsRetriedUntilMaxAttemptsThenFails(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("stubborn"), now: t0)

        for attempt in 1...3 {
            let job = try #require(try store.claimRenderJob(now: t0))
            #expect(job.attempts == attempt)
            try store.failRenderJob(worryID: worry.id, error: "encoder broke \(attempt)", maxAttempts: 3, now: t0)
            #expect(try store.clipStatus(worryID: worry.id) == (attempt < 3 ? .pending : .failed))
        }

        #expect(try store.claimRenderJob(now: t0) == nil)
        #expect(try store.pendingJobCount() == 0)
        let record = try store.writer.read { db in try RenderJobRecord.fetchOne(db, key: worry.id.rawValue) }
        #expect(record?.status == .failed)
        #expect(record?.lastError == "encoder broke 3")
    }

    @Test(arguments: StoreKind.allCases)
    func claimTakesTheJobThatWaitedLongestAndRetriesGoToTheBack(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let first = try store.addWorry(draft("first"), now: t0)
        let second = try store.addWorry(draft("second"), now: t0.addingTimeInterval(0.001))

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(1))?.worryID == first.id)
        try store.failRenderJob(worryID: first.id, error: "boom", maxAttempts: 3, now: t0.addingTimeInterval(2))

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(3))?.worryID == second.id)
        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(4))?.worryID == first.id)
    }

    @Test(arguments: StoreKind.allCases)
    func jobsOfExpiredWorriesAreNeverClaimed(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        _ = try store.addWorry(draft("brief", ttl: 10), now: t0)

        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(10)) == nil)
        #expect(try store.claimRenderJob(now: t0.addingTimeInterval(9.999)) != nil)
    }

    @Test(arguments: StoreKind.allCases)
    func interruptedJobsGoBackToPending(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let a = try store.addWorry(draft("a"), now: t0)
        _ = try store.addWorry(draft("b"), now: t0.addingTimeInterval(1))
        _ = try store.claimRenderJob(now: t0)

        #expect(try store.requeueInterruptedJobs() == 1)
        #expect(try store.requeueInterruptedJobs() == 0)
        let again = try #require(try store.claimRenderJob(now: t0))
        #expect(again.worryID == a.id)
        #expect(again.attempts == 2)
    }

    @Test func runningJobsAreRequeuedAfterARestart() throws {
        let db = try StoreFixture(.file)
        defer { db.remove() }
        let worry: Worry
        do {
            let beforeCrash = try db.open()
            worry = try beforeCrash.addWorry(draft("interrupted"), now: t0)
            #expect(try beforeCrash.claimRenderJob(now: t0)?.worryID == worry.id)
        }

        let afterRestart = try db.open()
        #expect(try afterRestart.claimRenderJob(now: t0) == nil)
        #expect(try afterRestart.requeueInterruptedJobs() == 1)
        let job = try #require(try afterRestart.claimRenderJob(now: t0))
        #expect(job == RenderJob(worryID: worry.id, text: "interrupted", attempts: 2))
    }

    @Test(arguments: StoreKind.allCases)
    func deleteExpiredReturnsTheIdsAndRemovesTheirJobs(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let gone1 = try store.addWorry(draft("gone 1", ttl: 5), now: t0)
        let gone2 = try store.addWorry(draft("gone 2", ttl: 5), now: t0.addingTimeInterval(1))
        let stays = try store.addWorry(draft("stays", ttl: 3600), now: t0)
        _ = try store.claimRenderJob(now: t0)

        let deleted = try store.deleteExpired(now: t0.addingTimeInterval(6))

        #expect(deleted == [gone1.id, gone2.id])
        #expect(try store.worry(id: gone1.id) == nil)
        #expect(try store.worry(id: gone2.id) == nil)
        #expect(try store.clipStatus(worryID: gone1.id) == nil)
        #expect(try store.clipStatus(worryID: gone2.id) == nil)
        #expect(try store.worry(id: stays.id) == stays)
        #expect(try store.pendingJobCount() == 1)
        let jobs = try store.writer.read { db in try RenderJobRecord.fetchAll(db) }
        #expect(jobs.map(\.worryID) == [stays.id.rawValue])
        #expect(try store.deleteExpired(now: t0.addingTimeInterval(6)).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func reportsForASweptWorryAreHarmless(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let worry = try store.addWorry(draft("swept mid-render", ttl: 1), now: t0)
        _ = try store.claimRenderJob(now: t0)
        _ = try store.deleteExpired(now: t0.addingTimeInterval(1))

        try store.completeRenderJob(worryID: worry.id, now: t0.addingTimeInterval(2))
        try store.failRenderJob(worryID: worry.id, error: "x", maxAttempts: 3, now: t0.addingTimeInterval(2))
        #expect(try store.clipStatus(worryID: worry.id) == nil)
    }
}
