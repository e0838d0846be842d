import Foundation
import GRDB
import PostgresNIO
import Testing

@testable import DumpStore

@Suite("Owner tokens stay secret")
struct OwnerPrivacyTests {
    @Test func ownerHashIsSHA256OfTheVersionedPrefixAndToken() async throws {
        let owner = try #require(OwnerToken("abcdefghijklmnopqrstuvwxyz0123456789_-AB"))

        // printf 'dumpit-owner-v1:abcdefghijklmnopqrstuvwxyz0123456789_-AB' | sha256sum
        #expect(OwnerHash(owner).hex == "f6110dcb1ba1974987c3af4aff9f61261931e38ef2b4b5f95aa6ec29bdc9ba2a")
    }

    @Test(arguments: StoreKind.allCases)
    func tokenIsNeverStoredInAnyColumn(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { db, store in
            let owners = [1, 2, 3]
            for owner in owners {
                let worry = try await store.addWorry(draft("worry \(owner)", owner: owner), now: t0)
                let job = try #require(try await store.claimRenderJob(worker: "w", now: t0, lease: 30))
                #expect(try await store.clipText(key: job.key) != nil && worry.text.hasPrefix("worry"))
                _ = try await store.failRenderJob(job, error: "failed", transient: false, maxAttempts: 3, retryAt: t0, now: t0)
                _ = try await store.admit(rateKey: "owner:x", limit: 5, window: 60, now: t0)
            }

            let values: [String]
            if let sqlite = store as? SQLiteWorryStore {
                values = try await sqlite.writer.read { db in try Self.allStoredValues(db) }
            } else {
                values = try await Self.allStoredValues(try #require(store as? PostgresWorryStore))
            }

            #expect(values.contains("worry 2"))  // the scan does see stored data
            for owner in owners {
                let secret = token(owner).secret
                #expect(!values.contains { $0.contains(secret) })
                #expect(values.contains(OwnerHash(token(owner)).hex))
            }
            // Not even a fragment of a token.
            #expect(!values.contains { $0.contains("SeCrEtOwNeRtOkEn") })
        }
    }

    @Test func tokenBytesAreAbsentFromTheDatabaseFiles() async throws {
        let db = try await StoreFixture(.file)
        defer { db.remove() }
        let store = try await db.open()
        for owner in [1, 2] {
            _ = try await store.addWorry(draft("a worry in the file \(owner)", owner: owner), now: t0)
        }

        var bytes = Data()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let data = FileManager.default.contents(atPath: db.path + suffix) {
                bytes.append(data)
            }
        }

        #expect(bytes.range(of: Data("a worry in the file 2".utf8)) != nil)
        #expect(bytes.range(of: Data("SeCrEtOwNeRtOkEn".utf8)) == nil)
        _ = try await store.stats()  // keep the store open while its files are read
    }

    /// Every text and blob value of every table, as text.
    static func allStoredValues(_ db: Database) throws -> [String] {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var values: [String] = []
        for table in tables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                for (_, value) in row {
                    switch value.storage {
                    case .string(let text): values.append(text)
                    case .blob(let data): values.append(String(decoding: data, as: UTF8.self))
                    default: break
                    }
                }
            }
        }
        return values
    }

    /// Every row of every table of a PostgreSQL store, as JSON text.
    static func allStoredValues(_ store: PostgresWorryStore) async throws -> [String] {
        try await store.run("scan every table") { connection in
            let tables = try await connection.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", logger: store.logger
            ).collect().map { try $0.decode(String.self) }
            var values: [String] = []
            for table in tables {
                let rows = try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT COALESCE(j.value, '') FROM \"\(table)\" t, json_each_text(row_to_json(t)) AS j"),
                    logger: store.logger
                ).collect()
                values += try rows.map { try $0.decode(String.self) }
            }
            return values
        }
    }
}
