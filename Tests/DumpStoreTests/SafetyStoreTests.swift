import Foundation
import Testing

@testable import DumpStore

/// A draft by owner `n` for star `star`, public or kept private by the door.
private func starDraft(_ text: String, star: String, owner n: Int = 1, visibility: WorryVisibility = .public) -> WorryDraft {
    WorryDraft(text: text, owner: token(n), ttl: 3600, star: star, visibility: visibility)
}

private let starA = "n00000000000000aa"
private let starB = "n00000000000000bb"

@Suite("Trust & safety in the store: private worries, deletes, reports, moderation")
struct SafetyStoreTests {
    @Test(arguments: StoreKind.allCases)
    func privateWorriesAreOnlyTheirWritersAndNeverInTheSkyOrANight(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let open = try await store.addWorry(starDraft("회사 싫어", star: starA), now: t0)
            let care = try await store.addWorry(starDraft("사라지고 싶어", star: starB, visibility: .private), now: t0)

            #expect(care.visibility == .private)
            #expect(try await store.liveWorries(now: t0).map(\.id) == [open.id])
            #expect(
                try await store.worries(createdFrom: t0.addingTimeInterval(-1), to: t0.addingTimeInterval(1)).map(\.id) == [
                    open.id
                ])
            #expect(
                try await store.liveWorries(owner: token(1), now: t0, limit: 100).worries.map(\.visibility) == [
                    .public, .private,
                ])
            #expect(try await store.worry(id: care.id)?.visibility == .private)
            #expect(try await store.worry(id: care.id)?.star == starB)
            #expect(try await store.owns(worryID: care.id, owner: token(1)))
            #expect(try await !store.owns(worryID: care.id, owner: token(2)))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onlyTheWriterDeletesAndTheTombstoneLastsTheWorrysLife(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let worry = try await store.addWorry(starDraft("지워 주세요", star: starA, owner: 1), now: t0)
            let twin = try await store.addWorry(starDraft("지워 주세요", star: starA, owner: 2), now: t0)
            let revision = try await store.revision()

            #expect(try await store.deleteWorry(id: worry.id, owner: token(2), now: t0) == nil)
            #expect(try await store.worry(id: worry.id) != nil)
            // Its twin (same words) still shows the clip: the clip stays.
            let deleted = try await store.deleteWorry(id: worry.id, owner: token(1), now: t0.addingTimeInterval(1))
            #expect(deleted == DeletedWorry(id: worry.id, clip: nil))
            #expect(try await store.revision() > revision)
            #expect(try await store.worry(id: worry.id) == nil)
            #expect(try await store.wasDeleted(id: worry.id, now: t0.addingTimeInterval(2)))
            #expect(try await store.liveWorries(now: t0.addingTimeInterval(2)).map(\.id) == [twin.id])
            // The last worry of the clip takes the clip with it.
            let last = try await store.deleteWorry(id: twin.id, owner: nil, now: t0.addingTimeInterval(3))
            #expect(last?.clip == twin.clipKey)
            #expect(try await store.clipState(worryID: twin.id) == nil)
            #expect(try await store.deleteWorry(id: twin.id, owner: nil, now: t0.addingTimeInterval(3)) == nil)
            // The tombstone goes when the worry would have expired.
            _ = try await store.deleteExpired(now: t0.addingTimeInterval(3601))
            #expect(try await !store.wasDeleted(id: worry.id, now: t0.addingTimeInterval(3601)))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func threeReportersHideAStarOnePersonalInfoReportAtOnceSelfHarmNever(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(starDraft("광고 문구", star: starA), now: t0)
            _ = try await store.addWorry(starDraft("내 정보", star: starB), now: t0)

            var outcome = try await store.report(star: starA, reporter: token(10), reason: .spam, now: t0)
            #expect(outcome == ReportOutcome(counted: true, hidden: false, hidNow: false))
            // The same reporter again counts nothing.
            outcome = try await store.report(star: starA, reporter: token(10), reason: .hate, now: t0)
            #expect(outcome == ReportOutcome(counted: false, hidden: false, hidNow: false))
            _ = try await store.report(star: starA, reporter: token(11), reason: .selfHarm, now: t0)
            _ = try await store.report(star: starA, reporter: token(12), reason: .other, now: t0)
            #expect(try await store.liveWorries(now: t0).count == 2)  // self_harm does not count towards hiding
            let revision = try await store.revision()
            outcome = try await store.report(star: starA, reporter: token(13), reason: .hate, now: t0)
            #expect(outcome == ReportOutcome(counted: true, hidden: true, hidNow: true))
            #expect(try await store.revision() > revision)
            #expect(try await store.liveWorries(now: t0).map(\.star) == [starB])

            outcome = try await store.report(star: starB, reporter: token(10), reason: .personalInfo, now: t0)
            #expect(outcome.hidNow)
            #expect(try await store.liveWorries(now: t0).isEmpty)
            // A new worry of a hidden star is hidden too; its writer still sees it.
            let again = try await store.addWorry(starDraft("광고 문구", star: starA, owner: 5), now: t0.addingTimeInterval(1))
            #expect(again.visibility == .hidden)
            #expect(
                try await store.liveWorries(owner: token(5), now: t0.addingTimeInterval(1), limit: 100).worries.map(\.visibility)
                    == [.hidden])
            #expect(try await store.liveWorries(now: t0.addingTimeInterval(1)).isEmpty)

            let item = try #require(try await store.moderationItem(star: starA, now: t0.addingTimeInterval(1)))
            #expect(item.reports == ["spam": 1, "self_harm": 1, "other": 1, "hate": 1])
            #expect(item.state == "hidden" && item.by == "reports" && item.needsReview)
            #expect(item.worries.count == 2)
            let queue = try await store.moderationQueue(now: t0.addingTimeInterval(1), limit: 10)
            #expect(queue.map(\.star) == [starA, starB])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anOperatorHidesAndRestoresAndRestoringForgetsTheReports(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(starDraft("별 하나", star: starA), now: t0)
            #expect(try await !store.moderate(star: starB, hidden: true, now: t0))  // no such live star

            #expect(try await store.moderate(star: starA, hidden: true, now: t0))
            #expect(try await store.liveWorries(now: t0).isEmpty)
            _ = try await store.report(star: starA, reporter: token(10), reason: .personalInfo, now: t0)
            #expect(try await store.moderate(star: starA, hidden: false, now: t0))
            #expect(try await store.liveWorries(now: t0).count == 1)
            let item = try #require(try await store.moderationItem(star: starA, now: t0))
            #expect(item.reports.isEmpty && item.state == "restored" && item.by == "operator" && !item.needsReview)
            // New reports count again after a restore.
            #expect(try await store.report(star: starA, reporter: token(11), reason: .personalInfo, now: t0).hidNow)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func reportsAndModerationGoWithTheLastWorryOfTheirStar(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(starDraft("곧 사라질 별", star: starA), now: t0)
            _ = try await store.report(star: starA, reporter: token(10), reason: .personalInfo, now: t0)
            _ = try await store.deleteExpired(now: t0.addingTimeInterval(3601))
            #expect(try await store.moderationQueue(now: t0.addingTimeInterval(3601), limit: 10).isEmpty)
            // The same words tomorrow start clean.
            let tomorrow = t0.addingTimeInterval(3602)
            let fresh = try await store.addWorry(starDraft("곧 사라질 별", star: starA), now: tomorrow)
            #expect(fresh.visibility == .public)
            #expect(try await store.liveWorries(now: tomorrow).map(\.id) == [fresh.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentReportsCrossTheThresholdOnce(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(starDraft("많이 신고될 별", star: starA), now: t0)
            let outcomes = try await withThrowingTaskGroup(of: ReportOutcome.self) { group in
                for n in 0..<8 {
                    group.addTask { try await store.report(star: starA, reporter: token(100 + n), reason: .spam, now: t0) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter(\.hidNow).count == 1)
            #expect(outcomes.allSatisfy { $0.counted })
            #expect(try await store.liveWorries(now: t0).isEmpty)
        }
    }
}

@Suite("Idempotency keys: a retried post stores one worry")
struct IdempotencyStoreTests {
    private func keyed(_ text: String, owner n: Int, key: String?) -> WorryDraft {
        var draft = WorryDraft(text: text, owner: token(n), ttl: 3600, star: "n00000000000000cc")
        draft.idempotencyKey = key
        return draft
    }

    @Test(arguments: StoreKind.allCases)
    func theSameKeyFromTheSameOwnerReturnsTheFirstWorry(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let first = try await store.addWorry(keyed("한 번만", owner: 1, key: "retry-1"), now: t0)
            let revision = try await store.revision()
            let again = try await store.addWorry(keyed("한 번만", owner: 1, key: "retry-1"), now: t0.addingTimeInterval(5))
            #expect(again == first)
            #expect(try await store.revision() == revision)
            #expect(try await store.stats() == WorryStats(people: 1, worries: 1))
            // Another owner's key is their own; no key is always a new worry.
            let other = try await store.addWorry(keyed("한 번만", owner: 2, key: "retry-1"), now: t0.addingTimeInterval(6))
            #expect(other.id != first.id)
            let unkeyed = try await store.addWorry(keyed("한 번만", owner: 1, key: nil), now: t0.addingTimeInterval(7))
            #expect(unkeyed.id != first.id)
            // In one batch, a repeated key is the first draft's worry.
            let batch = try await store.addWorries([
                (keyed("묶음", owner: 3, key: "b"), t0.addingTimeInterval(8)),
                (keyed("묶음", owner: 3, key: "b"), t0.addingTimeInterval(8)),
                (keyed("한 번만", owner: 1, key: "retry-1"), t0.addingTimeInterval(8)),
            ])
            #expect(batch[0] == batch[1] && batch[2] == first)
            #expect(try await store.stats().worries == 4)
            // Once the worry is gone, the key may start a new one.
            _ = try await store.deleteWorry(id: first.id, owner: token(1), now: t0.addingTimeInterval(9))
            let fresh = try await store.addWorry(keyed("한 번만", owner: 1, key: "retry-1"), now: t0.addingTimeInterval(10))
            #expect(fresh.id != first.id)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentRetriesWithOneKeyStoreOneWorry(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let ids = try await withThrowingTaskGroup(of: WorryID.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await store.addWorry(keyed("동시에 다시", owner: 1, key: "same"), now: t0).id }
                }
                return try await group.reduce(into: Set<WorryID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await store.stats().worries == 1)
        }
    }
}
