import Foundation
import GRDB
import Testing

@testable import DumpStore

@Suite("Schema and errors")
struct SchemaTests {
    @Test(arguments: StoreKind.sqlite)
    func migrationsCreateTheTablesAndIndexes(kind: StoreKind) async throws {
        let db = try await StoreFixture(kind)
        defer { db.remove() }
        let store = try db.sqlite()

        try await store.writer.read { db in
            #expect(try Migrations.migrator.appliedIdentifiers(db) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8"])
            for table in ["worry", "owner", "counter", "clip", "night", "tombstone", "report", "starState", "skyFeed"] {
                #expect(try db.tableExists(table), "missing table \(table)")
            }
            #expect(try !db.tableExists("renderJob"), "v2 replaced per-worry jobs by shared clips")
            let worryIndexes = try db.indexes(on: "worry").map(\.columns)
            #expect(worryIndexes.contains(["expiresAt"]))
            #expect(worryIndexes.contains(["ownerHash", "expiresAt"]))
            #expect(worryIndexes.contains(["clipKey"]))
            #expect(worryIndexes.contains(["star"]))
            #expect(try db.indexes(on: "clip").map(\.columns).contains(["status", "runAfter"]))
            #expect(try db.indexes(on: "clip").map(\.columns).contains(["base"]), "v6: a clip's versions by their clip")
            #expect(try db.primaryKey("skyFeed").columns == ["revision", "worryID"], "v8: the feed by revision")
            #expect(try db.indexes(on: "skyFeed").map(\.columns).contains(["at"]), "v8: pruning by age")
            #expect(try CounterRecord.value(of: .skyFeedFloor, in: db) == 0)
        }
    }

    /// A file made before the sky change feed: its worries have no feed rows, so the feed
    /// starts at the revision it had (older revisions are answered incomplete) and is whole
    /// from there.
    @Test func theFeedOfAnOlderFileStartsAtItsRevision() async throws {
        let queue = try DatabaseQueue(configuration: SQLiteWorryStore.configuration())
        try Migrations.migrator.migrate(queue, upTo: "v7")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO owner (hash) VALUES ('h')")
            try db.execute(
                sql: "INSERT INTO clip (key, text, status, updatedAt, base) VALUES ('k', 'old worry', 'ready', 1, 'k')")
            try db.execute(
                sql: """
                    INSERT INTO worry (id, text, ownerHash, createdAt, expiresAt, clipKey)
                    VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 'old worry', 'h', ?, ?, 'k')
                    """, arguments: [t0.timeIntervalSince1970, t0.timeIntervalSince1970 + 3600])
            try db.execute(sql: "UPDATE counter SET value = 5 WHERE name = 'revision'")
        }
        let store = try SQLiteWorryStore(migrating: queue)

        #expect(try await store.liveWorries(now: t0).map(\.text) == ["old worry"])
        for after: Int64 in [0, 4] {
            #expect(
                try await store.skyChanges(after: after, now: t0)
                    == SkyChanges(revision: 5, complete: false, shown: [], gone: []))
        }
        #expect(try await store.skyChanges(after: 5, now: t0) == SkyChanges(revision: 5, complete: true, shown: [], gone: []))
        let new = try await store.addWorry(draft("new worry"), now: t0)
        #expect(try await store.skyChanges(after: 5, now: t0) == SkyChanges(revision: 6, complete: true, shown: [new], gone: []))
    }

    @Test func unknownJobStatusesAreRejectedByTheSchema() async throws {
        let store = try SQLiteWorryStore.inMemory()
        let worry = try await store.addWorry(draft("x"), now: t0)

        await #expect(throws: DatabaseError.self) {
            try await store.writer.write { db in
                try db.execute(
                    sql: "UPDATE clip SET status = 'lost' WHERE key = ?", arguments: [worry.clipKey.rawValue])
            }
        }
    }

    @Test func sqliteFailuresBecomeStoreErrorsAPersonCanActOn() {
        let busy = StoreError(operation: "store a worry", wrapping: DatabaseError(resultCode: .SQLITE_BUSY))
        let full = StoreError(operation: "store a worry", wrapping: DatabaseError(resultCode: .SQLITE_FULL))
        let kept = StoreError(operation: "anything", wrapping: StoreError.corruptData(detail: "d"))

        #expect(busy == .busy(operation: "store a worry"))
        #expect(busy.localizedDescription.contains("only one Dump It! server"))
        #expect(full == .diskFull(operation: "store a worry"))
        #expect(full.localizedDescription.contains("Free some space"))
        #expect(kept == .corruptData(detail: "d"))
    }
}
