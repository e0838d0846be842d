import Foundation
import Testing

@testable import DumpStore

@Suite("Storing and listing worries")
struct WorryStorageTests {
    /// Group commit: several posts in one transaction count, queue and read back exactly as
    /// if each had been stored on its own.
    @Test(arguments: StoreKind.allCases)
    func aBatchOfWorriesIsStoredLikeSingleOnes(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        _ = try store.addWorry(draft("before", owner: 1), now: t0)
        let revision = try store.revision()

        let batch = try store.addWorries([
            (draft("하나", owner: 1), t0.addingTimeInterval(1)),
            (draft("둘", owner: 2), t0.addingTimeInterval(2)),
            (draft("셋", owner: 2), t0.addingTimeInterval(3)),
        ])

        #expect(batch.map(\.text) == ["하나", "둘", "셋"])
        #expect(Set(batch.map(\.id)).count == 3)
        #expect(abs(batch[2].createdAt.timeIntervalSince(t0) - 3) < 1e-6)
        #expect(try store.stats() == WorryStats(people: 2, worries: 4))
        #expect(try store.pendingJobCount() == 4)
        #expect(try store.revision() > revision)
        #expect(try store.liveWorries(now: t0.addingTimeInterval(5)).map(\.text) == ["before", "하나", "둘", "셋"])
        #expect(try store.liveWorries(owner: token(2), now: t0.addingTimeInterval(5)) == Array(batch[1...]))
        #expect(try store.addWorries([]).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func addedWorryReadsBackExactlyAsGiven(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let text = "  ich habe Angst 😟 vor morgen\n"

        let added = try store.addWorry(draft(text, ttl: 90.5), now: t0)

        #expect(added.text == text)
        #expect(abs(added.createdAt.timeIntervalSince(t0)) < 1e-6)
        #expect(abs(added.expiresAt.timeIntervalSince(added.createdAt) - 90.5) < 1e-6)
        #expect(try store.worry(id: added.id) == added)
        #expect(try store.liveWorries(now: t0) == [added])
    }

    @Test(arguments: StoreKind.allCases)
    func unknownIdReadsAsNil(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        _ = try store.addWorry(draft("something"), now: t0)

        #expect(try store.worry(id: WorryID.random()) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func expiredWorriesAreNeverListed(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let short = try store.addWorry(draft("half a second", ttl: 0.5), now: t0)
        let long = try store.addWorry(draft("an hour"), now: t0)

        #expect(try store.liveWorries(now: t0.addingTimeInterval(0.4)) == [short, long])

        let atExpiry = t0.addingTimeInterval(0.5)
        #expect(try store.liveWorries(now: atExpiry) == [long])
        #expect(try store.liveWorries(owner: token(1), now: atExpiry) == [long])
        // Still readable by id until swept, so the service can answer "gone".
        let expired = try #require(try store.worry(id: short.id))
        #expect(expired.isExpired(at: atExpiry))
    }

    @Test(arguments: StoreKind.allCases)
    func liveWorriesAreOldestFirst(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let late = try store.addWorry(draft("late"), now: t0.addingTimeInterval(2))
        let early = try store.addWorry(draft("early"), now: t0)
        let sameInstantFirst = try store.addWorry(draft("same 1"), now: t0.addingTimeInterval(1))
        let sameInstantSecond = try store.addWorry(draft("same 2"), now: t0.addingTimeInterval(1))

        #expect(
            try store.liveWorries(now: t0.addingTimeInterval(3))
                == [early, sameInstantFirst, sameInstantSecond, late])
    }

    @Test(arguments: StoreKind.allCases)
    func ownerSeesOnlyTheirOwnWorries(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let mine1 = try store.addWorry(draft("mine 1", owner: 1), now: t0)
        let theirs = try store.addWorry(draft("theirs", owner: 2), now: t0)
        let mine2 = try store.addWorry(draft("mine 2", owner: 1), now: t0.addingTimeInterval(1))

        let now = t0.addingTimeInterval(2)
        #expect(try store.liveWorries(owner: token(1), now: now) == [mine1, mine2])
        #expect(try store.liveWorries(owner: token(2), now: now) == [theirs])
        #expect(try store.liveWorries(owner: token(3), now: now).isEmpty)
        #expect(try store.liveWorries(now: now) == [mine1, theirs, mine2])
    }

    @Test(arguments: StoreKind.allCases)
    func peopleCountsDistinctOwners(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        for owner in [1, 1, 2, 1, 3] {
            _ = try store.addWorry(draft("worry of \(owner)", owner: owner), now: t0)
        }

        #expect(try store.stats() == WorryStats(people: 3, worries: 5))
    }

    @Test(arguments: StoreKind.allCases)
    func statsAreCumulativeAndSurviveExpiryAndDeletion(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        #expect(try store.stats() == WorryStats(people: 0, worries: 0))
        for owner in [1, 2, 2] {
            _ = try store.addWorry(draft("brief", owner: owner, ttl: 10), now: t0)
        }

        let later = t0.addingTimeInterval(60)
        #expect(try store.liveWorries(now: later).isEmpty)
        #expect(try store.deleteExpired(now: later).worries.count == 3)
        #expect(try store.stats() == WorryStats(people: 2, worries: 3))

        // A returning person is still the same person after their worries are gone.
        _ = try store.addWorry(draft("again", owner: 1), now: later)
        #expect(try store.stats() == WorryStats(people: 2, worries: 4))
    }

    @Test(arguments: StoreKind.allCases)
    func revisionChangesOnInsertAndOnSweepsThatDeleteSomething(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let initial = try store.revision()

        _ = try store.addWorry(draft("one", ttl: 10), now: t0)
        let afterInsert = try store.revision()
        #expect(afterInsert != initial)

        #expect(try store.deleteExpired(now: t0).worries.isEmpty)
        #expect(try store.revision() == afterInsert)

        #expect(try store.deleteExpired(now: t0.addingTimeInterval(10)).worries.count == 1)
        #expect(try store.revision() != afterInsert)
    }

    @Test(arguments: StoreKind.allCases)
    func worriesCreatedInARangeIncludeStartAndExcludeEnd(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()
        let before = try store.addWorry(draft("before", ttl: 1), now: t0.addingTimeInterval(-0.001))
        let atStart = try store.addWorry(draft("at start", ttl: 1), now: t0)
        let inside = try store.addWorry(draft("inside"), now: t0.addingTimeInterval(100))
        let atEnd = try store.addWorry(draft("at end"), now: t0.addingTimeInterval(86_400))

        let night = try store.worries(createdFrom: t0, to: t0.addingTimeInterval(86_400))

        // Expired worries still count for the night they belonged to.
        #expect(night == [atStart, inside])
        #expect(!night.contains(before) && !night.contains(atEnd))
    }
}
