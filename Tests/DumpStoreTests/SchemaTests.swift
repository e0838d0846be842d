import Foundation
import GRDB
import Testing

@testable import DumpStore

@Suite("Schema and errors")
struct SchemaTests {
    @Test(arguments: StoreKind.allCases)
    func migrationV1CreatesTheTablesAndExpiryIndexes(kind: StoreKind) throws {
        let db = try StoreFixture(kind)
        defer { db.remove() }
        let store = try db.open()

        try store.writer.read { db in
            #expect(try Migrations.migrator.appliedIdentifiers(db) == ["v1"])
            for table in ["worry", "owner", "counter", "renderJob", "night"] {
                #expect(try db.tableExists(table), "missing table \(table)")
            }
            let worryIndexes = try db.indexes(on: "worry").map(\.columns)
            #expect(worryIndexes.contains(["expiresAt"]))
            #expect(worryIndexes.contains(["ownerHash", "expiresAt"]))
            let cascade = try db.foreignKeys(on: "renderJob").first { $0.destinationTable == "worry" }
            #expect(cascade != nil)
        }
    }

    @Test func unknownJobStatusesAreRejectedByTheSchema() throws {
        let store = try SQLiteWorryStore.inMemory()
        let worry = try store.addWorry(draft("x"), now: t0)

        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(
                    sql: "UPDATE renderJob SET status = 'lost' WHERE worryID = ?", arguments: [worry.id.rawValue])
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
