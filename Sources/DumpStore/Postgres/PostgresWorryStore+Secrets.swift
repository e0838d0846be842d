import Foundation
import PostgresNIO

/// Secrets every node of the fleet shares.
extension PostgresWorryStore {
    public func ownerTokenKey() async throws -> [UInt8] {
        var fresh = SystemRandomNumberGenerator()
        let made = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &fresh) })
        let key = try await run("read the owner-token key") { connection in
            try await connection.query(
                "INSERT INTO secret (name, value) VALUES ('owner-token-key', \(made)) ON CONFLICT (name) DO NOTHING",
                logger: self.logger)
            return try await connection.query("SELECT value FROM secret WHERE name = 'owner-token-key'", logger: self.logger)
                .collect().first?.decode(Data.self)
        }
        guard let key, key.count == 32 else { throw StoreError.corruptData(detail: "the owner-token key is not 32 bytes") }
        return Array(key)
    }
}
