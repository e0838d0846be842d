import Foundation
import GRDB
import Testing

@testable import DumpStore

/// The render-job contract, on every store: leases, fencing, rescue, backoff, retries.
@Suite("Clip renders")
struct RenderJobTests {
    static let worker = "test-worker"

    @Test(arguments: StoreKind.allCases)
    func newWorryHasAQueuedClip(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in

            let worry = try await store.addWorry(draft("render me"), now: t0)

            #expect(try await store.clipStatus(worryID: worry.id) == .queued)
            #expect(
                try await store.clipState(worryID: worry.id) == ClipState(key: worry.clipKey, status: .queued, queuedAhead: 0))
            #expect(
                try await store.renderBacklog(now: t0.addingTimeInterval(4)) == RenderBacklog(pending: 1, oldestQueuedSeconds: 4))
            #expect(try await store.clipStatus(worryID: WorryID.random()) == nil)
            #expect(try await store.clipText(key: worry.clipKey) == "render me")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aClaimHoldsALeaseAndCompletesOnce(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("render me"), now: t0)

            let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30))
            #expect(
                job
                    == RenderJob(
                        key: worry.clipKey, text: "render me", attempts: 1, leaseUntil: t0.addingTimeInterval(30), dueAt: t0))
            #expect(try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30) == nil)
            #expect(try await store.clipStatus(worryID: worry.id) == .rendering)
            #expect(try await store.pendingJobCount(now: t0) == 1)

            #expect(try await store.completeRenderJob(job, files: [], now: t0))
            #expect(try await store.clipStatus(worryID: worry.id) == .ready)
            #expect(try await store.pendingJobCount(now: t0) == 0)
            #expect(try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30) == nil)
            // A second completion or a late failure report cannot undo a finished clip.
            #expect(try await !store.completeRenderJob(job, files: [], now: t0))
            #expect(
                try await store.failRenderJob(job, error: "late", transient: false, maxAttempts: 3, retryAt: t0, now: t0) == nil)
            #expect(try await store.clipStatus(worryID: worry.id) == .ready)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theSameClipKeyIsRenderedOnceForEveryWorryShowingIt(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let key = ClipKey(text: "same words", variant: "v")
            let first = try await store.addWorry(WorryDraft(text: "same words", owner: token(1), ttl: 60, clipKey: key), now: t0)
            let second = try await store.addWorry(
                WorryDraft(text: "same words", owner: token(2), ttl: 60, clipKey: key), now: t0.addingTimeInterval(1))
            #expect(try await store.pendingJobCount(now: t0) == 1)
            let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: t0.addingTimeInterval(2), lease: 30))
            #expect(job.key == key)
            #expect(
                try await store.claimRenderJob(worker: Self.worker, now: t0.addingTimeInterval(2), lease: 30) == nil,
                "one render for both")
            #expect(try await store.completeRenderJob(job, files: [], now: t0.addingTimeInterval(3)))
            #expect(try await store.clipStatus(worryID: first.id) == .ready)
            #expect(try await store.clipStatus(worryID: second.id) == .ready)
            // The clip outlives the first worry while the second still shows it.
            let swept = try await store.deleteExpired(now: t0.addingTimeInterval(60.5))
            #expect(swept.worries == [first.id] && swept.clips.isEmpty)
            #expect(try await store.clipStatus(worryID: second.id) == .ready)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theQueuePositionCountsTheClipsBefore(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            var worries: [Worry] = []
            for n in 0..<4 {
                worries.append(try await store.addWorry(draft("queued \(n)"), now: t0.addingTimeInterval(Double(n))))
            }
            var ahead: [Int?] = []
            for worry in worries { ahead.append(try await store.clipState(worryID: worry.id)?.queuedAhead) }
            #expect(ahead == [0, 1, 2, 3])
            _ = try await store.claimRenderJob(worker: Self.worker, now: t0.addingTimeInterval(10), lease: 30)
            var states: [ClipState] = []
            for worry in worries { states.append(try #require(try await store.clipState(worryID: worry.id))) }
            #expect(states.map(\.status) == [.rendering, .queued, .queued, .queued])
            #expect(states.map(\.queuedAhead) == [0, 0, 1, 2])
        }
    }

    /// A backed-up queue is counted no further than `ClipState.aheadLimit`: a post never counts it all.
    @Test(arguments: StoreKind.allCases)
    func theQueuePositionIsCountedNoFurtherThanTheLimit(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let drafts = (0...ClipState.aheadLimit + 5).map { n in
                (draft: draft("backed up \(n)"), now: t0.addingTimeInterval(Double(n)))
            }
            let worries = try await store.addWorries(drafts)
            #expect(
                try await store.clipState(worryID: worries[ClipState.aheadLimit - 1].id)?.queuedAhead == ClipState.aheadLimit - 1)
            #expect(try await store.clipState(worryID: worries.last!.id)?.queuedAhead == ClipState.aheadLimit)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailureWaitsForItsBackoffAndCountsUntilMaxAttempts(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("fragile"), now: t0)
            var now = t0
            for attempt in 1...3 {
                let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: now, lease: 30))
                #expect(job.attempts == attempt)
                let status = try await store.failRenderJob(
                    job, error: "encoder broke \(attempt)", transient: false, maxAttempts: 3,
                    retryAt: now.addingTimeInterval(10), now: now)
                #expect(status == (attempt < 3 ? .queued : .failed))
                if attempt < 3 {
                    #expect(
                        try await store.claimRenderJob(worker: Self.worker, now: now.addingTimeInterval(9.9), lease: 30) == nil,
                        "backing off")
                }
                now = now.addingTimeInterval(10)
            }
            #expect(try await store.clipStatus(worryID: worry.id) == .failed)
            #expect(try await store.claimRenderJob(worker: Self.worker, now: now.addingTimeInterval(100), lease: 30) == nil)
            #expect(try await store.pendingJobCount(now: now) == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aTransientFailureDoesNotUseUpAnAttempt(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("disk full"), now: t0)
            var now = t0
            for _ in 0..<6 {
                let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: now, lease: 30))
                #expect(job.attempts == 1, "a failure that can pass is not counted")
                #expect(
                    try await store.failRenderJob(
                        job, error: "no space", transient: true, maxAttempts: 2, retryAt: now.addingTimeInterval(5), now: now)
                        == .queued)
                now = now.addingTimeInterval(5)
            }
            let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: now, lease: 30))
            #expect(try await store.completeRenderJob(job, files: [], now: now))
            #expect(try await store.clipStatus(worryID: worry.id) == .ready)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedClipCanBeAskedForAgainOnce(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("try again"), now: t0)
            let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30))
            _ = try await store.failRenderJob(job, error: "x", transient: false, maxAttempts: 1, retryAt: t0, now: t0)
            #expect(try await store.clipStatus(worryID: worry.id) == .failed)
            #expect(try await !store.retryFailedClip(worryID: worry.id, after: 30, now: t0.addingTimeInterval(10)), "too soon")
            #expect(try await store.retryFailedClip(worryID: worry.id, after: 30, now: t0.addingTimeInterval(31)))
            #expect(try await store.clipStatus(worryID: worry.id) == .queued)
            let again = try #require(
                try await store.claimRenderJob(worker: Self.worker, now: t0.addingTimeInterval(31), lease: 30))
            #expect(try await store.completeRenderJob(again, files: [], now: t0.addingTimeInterval(32)))
            #expect(try await store.clipStatus(worryID: worry.id) == .ready)
            #expect(try await !store.retryFailedClip(worryID: worry.id, after: 30, now: t0.addingTimeInterval(100)), "not failed")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anExpiredLeaseIsRescuedAndTheLateRendererIsFencedOut(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("worker died"), now: t0)
            let first = try #require(try await store.claimRenderJob(worker: "a", now: t0, lease: 10))
            #expect(try await store.extendLease(first, until: t0.addingTimeInterval(20)), "heartbeat")
            #expect(try await store.rescueExpiredLeases(now: t0.addingTimeInterval(19), maxAttempts: 3) == 0, "lease still held")
            #expect(try await store.rescueExpiredLeases(now: t0.addingTimeInterval(21), maxAttempts: 3) == 1)
            #expect(try await store.clipStatus(worryID: worry.id) == .queued)

            let second = try #require(try await store.claimRenderJob(worker: "b", now: t0.addingTimeInterval(21), lease: 10))
            #expect(second.attempts == 2)
            // The first renderer comes back late: its heartbeat, completion and failure are refused.
            #expect(try await !store.extendLease(first, until: t0.addingTimeInterval(40)))
            #expect(
                try await !store.completeRenderJob(
                    first, files: [ClipFile(name: "clip.mp4", data: Data([1]))], now: t0.addingTimeInterval(22)))
            #expect(
                try await store.failRenderJob(first, error: "late", transient: false, maxAttempts: 3, retryAt: t0, now: t0) == nil
            )
            #expect(try await store.clipFile(key: worry.clipKey, name: "clip.mp4") == nil)
            #expect(try await store.clipStatus(worryID: worry.id) == .rendering)
            #expect(try await store.completeRenderJob(second, files: [], now: t0.addingTimeInterval(23)))
            #expect(try await store.clipStatus(worryID: worry.id) == .ready)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aLeaseRescuedAfterTheLastAttemptFails(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("crashes every time"), now: t0)
            _ = try await store.claimRenderJob(worker: "a", now: t0, lease: 1)
            #expect(try await store.rescueExpiredLeases(now: t0.addingTimeInterval(2), maxAttempts: 1) == 1)
            #expect(try await store.clipStatus(worryID: worry.id) == .failed)
        }
    }

    @Test(arguments: StoreKind.durable)
    func aRestartLeavesRunningJobsToTheirLease(kind: StoreKind) async throws {
        let db = try await StoreFixture(kind)
        defer { db.remove() }
        let first = try await db.open()
        let worry = try await first.addWorry(draft("in flight"), now: t0)
        #expect(try await first.claimRenderJob(worker: "a", now: t0, lease: 30)?.key == worry.clipKey)

        // A second process on the same database neither takes nor re-queues it…
        let second = try await db.open()
        #expect(try await second.claimRenderJob(worker: "b", now: t0.addingTimeInterval(1), lease: 30) == nil)
        #expect(try await second.rescueExpiredLeases(now: t0.addingTimeInterval(1), maxAttempts: 3) == 0)
        // …until the first one's lease has run out.
        #expect(try await second.rescueExpiredLeases(now: t0.addingTimeInterval(31), maxAttempts: 3) == 1)
        let job = try #require(try await second.claimRenderJob(worker: "b", now: t0.addingTimeInterval(31), lease: 30))
        #expect(job.attempts == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentClaimsNeverShareAJob(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let drafts = (0..<200).map { (draft: draft("job \($0)", owner: $0 % 7), now: t0) }
            _ = try await store.addWorries(drafts)
            let claimed = try await withThrowingTaskGroup(of: [ClipKey].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [ClipKey] = []
                        while let job = try await store.claimRenderJob(worker: "w\(worker)", now: t0, lease: 30) {
                            mine.append(job.key)
                            #expect(try await store.completeRenderJob(job, files: [], now: t0))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: [ClipKey]()) { $0 += $1 }
            }
            #expect(claimed.count == 200)
            #expect(Set(claimed).count == 200, "no job claimed twice")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aClipWhoseWorryExpiredWhileRenderingIsNotStored(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("short-lived", ttl: 5), now: t0)
            let job = try #require(try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30))
            let files = [ClipFile(name: "clip.mp4", data: Data(repeating: 7, count: 64))]
            #expect(try await !store.completeRenderJob(job, files: files, now: t0.addingTimeInterval(6)))
            #expect(try await store.clipFile(key: worry.clipKey, name: "clip.mp4") == nil)
            #expect(try await store.clipStatus(worryID: worry.id) != .ready)
            // and once swept, late reports are harmless
            _ = try await store.deleteExpired(now: t0.addingTimeInterval(6))
            #expect(try await !store.completeRenderJob(job, files: files, now: t0.addingTimeInterval(7)))
            #expect(try await store.failRenderJob(job, error: "x", transient: false, maxAttempts: 3, retryAt: t0, now: t0) == nil)
            #expect(try await store.clipStatus(worryID: worry.id) == nil)
            #expect(try await store.clipText(key: worry.clipKey) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteExpiredReturnsTheIdsAndTheOrphanedClips(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let gone1 = try await store.addWorry(draft("gone 1", ttl: 5), now: t0)
            let gone2 = try await store.addWorry(draft("gone 2", ttl: 5), now: t0.addingTimeInterval(1))
            let stays = try await store.addWorry(draft("stays", ttl: 3600), now: t0)
            _ = try await store.claimRenderJob(worker: Self.worker, now: t0, lease: 30)

            let deleted = try await store.deleteExpired(now: t0.addingTimeInterval(6))

            #expect(deleted.worries == [gone1.id, gone2.id])
            #expect(Set(deleted.clips) == [gone1.clipKey, gone2.clipKey])
            #expect(try await store.worry(id: gone1.id) == nil)
            #expect(try await store.clipStatus(worryID: gone2.id) == nil)
            #expect(try await store.worry(id: stays.id) == stays)
            #expect(try await store.pendingJobCount(now: t0) == 1)
            #expect(try await store.clipText(key: gone1.clipKey) == nil)
            #expect(try await store.clipText(key: stays.clipKey) == "stays")
            #expect(try await store.deleteExpired(now: t0.addingTimeInterval(6)) == ExpiredSweep())
        }
    }

    @Test func aVersion1DatabaseKeepsItsClipsKeyedByWorryID() async throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v1")
        let id = WorryID.random().rawValue
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO owner (hash) VALUES ('h')")
            try db.execute(
                sql: "INSERT INTO worry (id, text, ownerHash, createdAt, expiresAt) VALUES (?, 'old worry', 'h', 1, 99999999999)",
                arguments: [id])
            try db.execute(
                sql: "INSERT INTO renderJob (worryID, status, attempts, updatedAt) VALUES (?, 'done', 1, 2)", arguments: [id])
        }
        let store = try SQLiteWorryStore(migrating: queue)
        let worryID = try #require(WorryID(id))
        #expect(try await store.worry(id: worryID)?.clipKey == ClipKey(rawValue: id), "its files are named by the worry id")
        #expect(try await store.clipState(worryID: worryID) == ClipState(key: ClipKey(rawValue: id), status: .ready))
        #expect(try await store.clipText(key: ClipKey(rawValue: id)) == "old worry")
    }
}

/// Versions of a clip made after it (WebM, story): jobs of their own, asked for by requests.
@Suite("Clip versions")
struct ClipVersionTests {
    @Test(arguments: StoreKind.allCases)
    func aVersionIsOneJobAskedForOnlyOfAReadyClipAndGoesWithIt(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("versions", ttl: 100), now: t0)
            let key = worry.clipKey
            #expect(try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0) == nil, "not ready yet")
            let clip = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
            #expect(clip.version.isEmpty && clip.base == key)
            #expect(try await store.completeRenderJob(clip, files: [], now: t0))

            let asked = try #require(try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0))
            #expect(asked.status == .queued && asked.key == key.version("webm"))
            for _ in 0..<3 {
                #expect(try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0)?.status == .queued)
            }
            #expect(try await store.renderBacklog(now: t0).pending == 1, "one job however many ask")
            #expect(try await store.clipState(worryID: worry.id)?.status == .ready, "the clip itself stays ready")

            let job = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
            #expect(job.version == "webm" && job.base == key && job.key == key.version("webm") && job.text == "versions")
            #expect(try await store.claimRenderJob(worker: "w", now: t0, lease: 30) == nil)
            #expect(try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0)?.status == .rendering)
            // a failure counts; after the retry delay a request queues it again
            #expect(
                try await store.failRenderJob(job, error: "x", transient: false, maxAttempts: 1, retryAt: t0, now: t0) == .failed)
            #expect(
                try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0.addingTimeInterval(5))?
                    .status == .failed)
            #expect(
                try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0.addingTimeInterval(31))?
                    .status == .queued)
            let again = try #require(try await store.claimRenderJob(worker: "w", now: t0.addingTimeInterval(31), lease: 30))
            #expect(try await store.completeRenderJob(again, files: [], now: t0.addingTimeInterval(32)))
            #expect(
                try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0.addingTimeInterval(33))?
                    .status == .ready)

            // the version is swept with its clip, and only the clip is reported (its folder holds both)
            let swept = try await store.deleteExpired(now: t0.addingTimeInterval(101))
            #expect(swept.clips == [key])
            #expect(try await store.renderBacklog(now: t0.addingTimeInterval(101)).pending == 0)
            #expect(
                try await store.requestClipVersion(of: key, version: "webm", retryAfter: 30, now: t0.addingTimeInterval(101))
                    == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aVersionIsNotClaimedOnceItsWorryIsDeleted(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("지울 고민", ttl: 100), now: t0)
            let clip = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
            #expect(try await store.completeRenderJob(clip, files: [], now: t0))
            _ = try await store.requestClipVersion(of: worry.clipKey, version: "story", retryAfter: 30, now: t0)
            let gone = try #require(try await store.deleteWorry(id: worry.id, owner: token(1), now: t0))
            #expect(gone.clip == worry.clipKey)
            #expect(try await store.claimRenderJob(worker: "w", now: t0, lease: 30) == nil)
            #expect(try await store.renderBacklog(now: t0).pending == 0)
        }
    }
}

/// What a fleet shares besides jobs: clip files, rate-limit windows, night claims.
@Suite("Shared state")
struct SharedStateTests {
    @Test(arguments: StoreKind.allCases)
    func clipFilesAreKeptWithTheCompletionWhenTheStoreKeepsThem(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(draft("files", ttl: 10), now: t0)
            let job = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
            let mp4 = Data((0..<300_000).map { UInt8($0 % 251) })
            let files =
                store.keepsClipFiles
                ? [ClipFile(name: "clip.mp4", data: mp4), ClipFile(name: "thumbnail.png", data: Data([1, 2]))] : []
            #expect(try await store.completeRenderJob(job, files: files, now: t0))
            _ = try await store.requestClipVersion(of: worry.clipKey, version: "webm", retryAfter: 30, now: t0)
            let version = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
            let webm = store.keepsClipFiles ? [ClipFile(name: "clip.webm", data: Data([9]))] : []
            #expect(try await store.completeRenderJob(version, files: webm, now: t0))
            if store.keepsClipFiles {
                #expect(try await store.clipFile(key: worry.clipKey, name: "clip.mp4") == mp4)
                #expect(
                    try await store.clipFile(key: worry.clipKey, name: "clip.webm") == Data([9]),
                    "a version's file beside the clip's")
                _ = try await store.deleteExpired(now: t0.addingTimeInterval(11))
                #expect(try await store.clipFile(key: worry.clipKey, name: "clip.mp4") == nil, "files go with their worry")
            } else {
                #expect(try await store.clipFile(key: worry.clipKey, name: "clip.mp4") == nil)
            }
        }
    }

    @Test(arguments: StoreKind.durable)
    func theOwnerTokenKeyIsMadeOnceAndSharedByEveryProcess(kind: StoreKind) async throws {
        let db = try await StoreFixture(kind)
        defer { db.remove() }
        let (one, two) = (try await db.open(), try await db.open())
        async let a = one.ownerTokenKey()
        async let b = two.ownerTokenKey()
        let (first, second) = try await (a, b)
        #expect(first.count == 32 && first == second, "two processes at once agree")
        #expect(try await one.ownerTokenKey() == first, "made once")
        #expect(Set(first).count > 8, "random")
    }

    @Test(arguments: StoreKind.allCases)
    func rateLimitsCountInFixedWindows(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let start = Date(timeIntervalSince1970: 1_750_000_020)  // a window of 60 s starts at …000 + 60k
            func admit(_ key: String, limit: Int = 3, after seconds: Double) async throws -> Int? {
                try await store.admit(rateKey: key, limit: limit, window: 60, now: start.addingTimeInterval(seconds))
            }
            for n in 0..<3 {
                let wait = try await admit("k", after: Double(n))
                #expect(wait == nil)
            }
            #expect(try await admit("k", after: 10) == 50)
            #expect(try await admit("other", after: 10) == nil)
            #expect(try await admit("k", after: 60) == nil, "a new window")
            #expect(try await admit("k", limit: 0, after: 0) == nil, "0 is no limit")
        }
    }

    @Test(arguments: StoreKind.durable)
    func oneProcessArchivesANight(kind: StoreKind) async throws {
        let db = try await StoreFixture(kind)
        defer { db.remove() }
        let a = try await db.open()
        let b = try await db.open()
        #expect(try await a.claimNightArchive(date: "2026-11-28", now: t0, seconds: 600))
        #expect(try await !b.claimNightArchive(date: "2026-11-28", now: t0.addingTimeInterval(1), seconds: 600))
        #expect(
            try await b.claimNightArchive(date: "2026-11-28", now: t0.addingTimeInterval(601), seconds: 600),
            "a claim that ran out")
        try await b.saveNight(Night(date: "2026-11-28", worryCount: 1, skyJSON: Data("{}".utf8), archivedAt: t0))
        #expect(try await !a.claimNightArchive(date: "2026-11-28", now: t0.addingTimeInterval(2000), seconds: 600), "archived")
    }
}
