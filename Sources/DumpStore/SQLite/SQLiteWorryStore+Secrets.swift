import Foundation
import GRDB

/// Secrets every process on this database shares.
extension SQLiteWorryStore {
    public func ownerTokenKey() async throws -> [UInt8] {
        try await write("read the owner-token key") { db in
            var fresh = SystemRandomNumberGenerator()
            let made = (0..<32).map { _ in UInt8.random(in: 0...255, using: &fresh) }
            try db.execute(
                sql: "INSERT OR IGNORE INTO secret (name, value) VALUES ('owner-token-key', ?)", arguments: [Data(made)])
            guard let key = try Data.fetchOne(db, sql: "SELECT value FROM secret WHERE name = 'owner-token-key'"), key.count == 32
            else { throw StoreError.corruptData(detail: "the owner-token key is not 32 bytes") }
            return Array(key)
        }
    }
}
