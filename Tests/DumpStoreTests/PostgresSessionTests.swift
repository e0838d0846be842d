import Foundation
import PostgresNIO
import Testing

@testable import DumpStore

@Suite("PostgreSQL sessions")
struct PostgresSessionTests {
    /// Every pooled session starts with the store's settings, so the server cancels a statement
    /// still running at the store's deadline and notices a vanished peer.
    @Test(.enabled(if: PostgresScratch.serverURL != nil))
    func everySessionCarriesTheTimeoutsAndKeepalives() async throws {
        let db = try await StoreFixture(.postgres)
        defer { db.remove() }
        let store = try #require(try await db.open() as? PostgresWorryStore)
        let settings = try await store.run("read the session settings") { connection in
            try await connection.query(
                """
                SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),
                       current_setting('idle_in_transaction_session_timeout'), current_setting('tcp_keepalives_idle')
                """, logger: store.logger
            ).collect().first!.decode((String, String, String, String).self)
        }
        #expect(settings.0 == "8s")
        #expect(settings.1 == "5s")
        #expect(settings.2 == "1min")
        // Over TCP the server applies keepalives (0 would mean the system default).
        #expect(settings.3 == "30")
    }
}
