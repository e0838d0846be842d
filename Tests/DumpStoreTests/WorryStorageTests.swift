import Foundation
import Testing

@testable import DumpStore

@Suite("Storing and listing worries")
struct WorryStorageTests {
    /// Group commit: several posts in one transaction count, queue and read back exactly as
    /// if each had been stored on its own.
    @Test(arguments: StoreKind.allCases)
    func aBatchOfWorriesIsStoredLikeSingleOnes(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(draft("before", owner: 1), now: t0)
            let revision = try await store.revision()

            let batch = try await store.addWorries([
                (draft("하나", owner: 1), t0.addingTimeInterval(1)),
                (draft("둘", owner: 2), t0.addingTimeInterval(2)),
                (draft("셋", owner: 2), t0.addingTimeInterval(3)),
            ])

            #expect(batch.map(\.text) == ["하나", "둘", "셋"])
            #expect(Set(batch.map(\.id)).count == 3)
            #expect(abs(batch[2].createdAt.timeIntervalSince(t0) - 3) < 1e-6)
            #expect(try await store.stats() == WorryStats(people: 2, worries: 4))
            #expect(try await store.pendingJobCount() == 4)
            #expect(try await store.revision() > revision)
            #expect(try await store.liveWorries(now: t0.addingTimeInterval(5)).map(\.text) == ["before", "하나", "둘", "셋"])
            #expect(
                try await store.liveWorries(owner: token(2), now: t0.addingTimeInterval(5), limit: 100).worries
                    == Array(batch[1...]))
            #expect(try await store.addWorries([]).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func addedWorryReadsBackExactlyAsGiven(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let text = "  ich habe Angst 😟 vor morgen\n"

            let added = try await store.addWorry(draft(text, ttl: 90.5), now: t0)

            #expect(added.text == text)
            #expect(abs(added.createdAt.timeIntervalSince(t0)) < 1e-6)
            #expect(abs(added.expiresAt.timeIntervalSince(added.createdAt) - 90.5) < 1e-6)
            #expect(try await store.worry(id: added.id) == added)
            #expect(try await store.liveWorries(now: t0) == [added])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func unknownIdReadsAsNil(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(draft("something"), now: t0)

            #expect(try await store.worry(id: WorryID.random()) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func expiredWorriesAreNeverListed(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let short = try await store.addWorry(draft("half a second", ttl: 0.5), now: t0)
            let long = try await store.addWorry(draft("an hour"), now: t0)

            #expect(try await store.liveWorries(now: t0.addingTimeInterval(0.4)) == [short, long])

            let atExpiry = t0.addingTimeInterval(0.5)
            #expect(try await store.liveWorries(now: atExpiry) == [long])
            #expect(try await store.liveWorries(owner: token(1), now: atExpiry, limit: 100).worries == [long])
            // Still readable by id until swept, so the service can answer "gone".
            let expired = try #require(try await store.worry(id: short.id))
            #expect(expired.isExpired(at: atExpiry))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func liveWorriesAreOldestFirst(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let late = try await store.addWorry(draft("late"), now: t0.addingTimeInterval(2))
            let early = try await store.addWorry(draft("early"), now: t0)
            let sameInstantFirst = try await store.addWorry(draft("same 1"), now: t0.addingTimeInterval(1))
            let sameInstantSecond = try await store.addWorry(draft("same 2"), now: t0.addingTimeInterval(1))

            #expect(
                try await store.liveWorries(now: t0.addingTimeInterval(3))
                    == [early, sameInstantFirst, sameInstantSecond, late])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func ownerSeesOnlyTheirOwnWorries(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let mine1 = try await store.addWorry(draft("mine 1", owner: 1), now: t0)
            let theirs = try await store.addWorry(draft("theirs", owner: 2), now: t0)
            let mine2 = try await store.addWorry(draft("mine 2", owner: 1), now: t0.addingTimeInterval(1))

            let now = t0.addingTimeInterval(2)
            #expect(try await store.liveWorries(owner: token(1), now: now, limit: 100).worries == [mine1, mine2])
            #expect(try await store.liveWorries(owner: token(2), now: now, limit: 100).worries == [theirs])
            #expect(try await store.liveWorries(owner: token(3), now: now, limit: 100).worries.isEmpty)
            // bounded: the newest first few, and how many in all
            let newest = try await store.liveWorries(owner: token(1), now: now, limit: 1)
            #expect(newest.worries == [mine2] && newest.total == 2)
            let none = try await store.liveWorries(owner: token(1), now: now, limit: 0)
            #expect(none.worries.isEmpty && none.total == 2)
            #expect(try await store.liveWorries(now: now) == [mine1, theirs, mine2])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func peopleCountsDistinctOwners(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            for owner in [1, 1, 2, 1, 3] {
                _ = try await store.addWorry(draft("worry of \(owner)", owner: owner), now: t0)
            }

            #expect(try await store.stats() == WorryStats(people: 3, worries: 5))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func statsAreCumulativeAndSurviveExpiryAndDeletion(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            #expect(try await store.stats() == WorryStats(people: 0, worries: 0))
            for owner in [1, 2, 2] {
                _ = try await store.addWorry(draft("brief", owner: owner, ttl: 10), now: t0)
            }

            let later = t0.addingTimeInterval(60)
            #expect(try await store.liveWorries(now: later).isEmpty)
            #expect(try await store.deleteExpired(now: later).worries.count == 3)
            #expect(try await store.stats() == WorryStats(people: 2, worries: 3))

            // A returning person is still the same person after their worries are gone.
            _ = try await store.addWorry(draft("again", owner: 1), now: later)
            #expect(try await store.stats() == WorryStats(people: 2, worries: 4))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func revisionChangesOnInsertAndOnSweepsThatDeleteSomething(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let initial = try await store.revision()

            _ = try await store.addWorry(draft("one", ttl: 10), now: t0)
            let afterInsert = try await store.revision()
            #expect(afterInsert != initial)

            #expect(try await store.deleteExpired(now: t0).worries.isEmpty)
            #expect(try await store.revision() == afterInsert)

            #expect(try await store.deleteExpired(now: t0.addingTimeInterval(10)).worries.count == 1)
            #expect(try await store.revision() != afterInsert)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func worriesCreatedInARangeIncludeStartAndExcludeEnd(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let before = try await store.addWorry(draft("before", ttl: 1), now: t0.addingTimeInterval(-0.001))
            let atStart = try await store.addWorry(draft("at start", ttl: 1), now: t0)
            let inside = try await store.addWorry(draft("inside"), now: t0.addingTimeInterval(100))
            let atEnd = try await store.addWorry(draft("at end"), now: t0.addingTimeInterval(86_400))

            let night = try await store.worries(createdFrom: t0, to: t0.addingTimeInterval(86_400))

            // Expired worries still count for the night they belonged to.
            #expect(night == [atStart, inside])
            #expect(!night.contains(before) && !night.contains(atEnd))
        }
    }
}
