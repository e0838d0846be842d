import Foundation
import GRDB
import Testing

@testable import DumpStore

@Suite("Concurrency and durability")
struct ConcurrencyAndDurabilityTests {
    @Test(arguments: StoreKind.allCases)
    func fiveHundredConcurrentAddsFromFiftyTasksAllLand(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            _ = try await store.addWorry(draft("already there", owner: 999), now: t0)
            let statsBefore = try await store.stats()
            let revisionBefore = try await store.revision()

            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<50 {
                    group.addTask {
                        for i in 0..<10 {
                            _ = try await store.addWorry(draft("task \(task) worry \(i)", owner: task), now: t0)
                        }
                    }
                }
                try await group.waitForAll()
            }

            #expect(try await store.liveWorries(now: t0).count == 501)
            #expect(
                try await store.stats()
                    == WorryStats(people: statsBefore.people + 50, worries: statsBefore.worries + 500))
            #expect(try await store.revision() == revisionBefore + 500)
            #expect(try await store.pendingJobCount() == 501)
        }
    }

    @Test func fiveHundredAddsFromFiftyThreadsAllLandWithoutBusyErrors() async throws {
        let db = try await StoreFixture(.file)
        defer { db.remove() }
        let store = try await db.open()
        let failures = FailureLog()
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<50 {
                group.addTask {
                    for i in 0..<10 {
                        do {
                            _ = try await store.addWorry(draft("thread \(thread) worry \(i)", owner: thread % 7), now: t0)
                        } catch {
                            failures.record(error)
                        }
                    }
                }
            }
        }

        #expect(failures.messages.isEmpty)
        #expect(try await store.liveWorries(now: t0).count == 500)
        #expect(try await store.stats() == WorryStats(people: 7, worries: 500))
    }

    @Test func anAddedWorryIsVisibleToAnotherConnectionAtOnce() async throws {
        let db = try await StoreFixture(.file)
        defer { db.remove() }
        let store = try await db.open()

        let worry = try await store.addWorry(draft("durable"), now: t0)

        let other = try DatabaseQueue(path: db.path)
        let text = try await other.read { db in
            try String.fetchOne(db, sql: "SELECT text FROM worry WHERE id = ?", arguments: [worry.id.rawValue])
        }
        #expect(text == "durable")
        #expect(try await db.open().worry(id: worry.id) == worry)
        _ = try await store.stats()
    }

    @Test func fileDatabaseUsesWALWithFullSynchronousCommits() async throws {
        let db = try await StoreFixture(.file)
        defer { db.remove() }
        let store = try db.sqlite()

        let (journalMode, synchronous, foreignKeys) = try await store.writer.write { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
            )
        }
        #expect(journalMode == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == true)
    }

    @Test func reopeningAMigratedFileKeepsItsData() async throws {
        let db = try await StoreFixture(.file)
        defer { db.remove() }
        let worry = try await db.open().addWorry(draft("kept"), now: t0)

        let reopened = try await db.open()
        #expect(try await reopened.worry(id: worry.id) == worry)
        #expect(try await reopened.stats() == WorryStats(people: 1, worries: 1))
    }

    @Test func openingInAMissingDirectoryExplainsWhatToCheck() async throws {
        let path = "/nonexistent-dumpit-\(UUID().uuidString)/worries.sqlite"

        let error = try #require(throws: StoreError.self) { try SQLiteWorryStore(path: path) }

        guard case .cannotOpen(let failedPath, _) = error else {
            Issue.record("expected cannotOpen, got \(error)")
            return
        }
        #expect(failedPath == path)
        #expect(error.localizedDescription.contains(path))
        #expect(error.localizedDescription.contains("directory exists"))
    }
}

/// Errors collected from plain threads.
///
/// `@unchecked Sendable` is sound: `messages` is only read or written while `lock` is held.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func record(_ error: any Error) {
        lock.withLock { storage.append(String(describing: error)) }
    }

    var messages: [String] {
        lock.withLock { storage }
    }

    @Test func twoProcessesOpeningANewFileAtOnceMigrateItOnce() async throws {
        for _ in 0..<10 {
            let db = try await StoreFixture(.file)
            defer { db.remove() }
            // two pools on one new file, opened at the same moment (as two servers starting on
            // one data folder): each used to create the tables the other was creating
            let path = db.path
            let stores = try await withThrowingTaskGroup(of: SQLiteWorryStore.self) { group in
                for _ in 0..<2 { group.addTask { try SQLiteWorryStore(path: path) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(stores.count == 2)
            _ = try await stores[0].addWorry(draft("one"), now: t0)
            #expect(try await stores[1].liveWorries(now: t0).count == 1)
        }
    }
}
