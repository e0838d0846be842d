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
            #expect(try Migrations.migrator.appliedIdentifiers(db) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7"])
            for table in ["worry", "owner", "counter", "clip", "night", "tombstone", "report", "starState"] {
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
        }
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
