import Foundation
import Logging
import PostgresNIO
import Testing

@testable import DumpStore

/// TLS to PostgreSQL, as libpq's `sslmode` and `sslrootcert` say it, against the test cluster
/// (it serves TLS with a self-signed certificate for 127.0.0.1: `DUMPIT_TEST_DATABASE_CA`).
@Suite("PostgreSQL TLS")
struct PostgresTLSTests {
    static var certificate: String? { ProcessInfo.processInfo.environment["DUMPIT_TEST_DATABASE_CA"] }

    @Test func sslModesAreReadFromTheURL() throws {
        let base = "postgres://u:p@127.0.0.1:5432/db"
        #expect(try PostgresAddress(url: base).tls == .prefer, "libpq's default")
        #expect(try PostgresAddress(url: base + "?sslmode=disable").tls == .disable)
        #expect(try PostgresAddress(url: base + "?sslmode=require").tls == .require)
        #expect(try PostgresAddress(url: base + "?sslmode=verify-full").tls == .verifyFull(rootCertificate: nil))
        #expect(
            try PostgresAddress(url: base + "?sslmode=verify-ca&sslrootcert=/etc/ca.pem").tls
                == .verifyFull(rootCertificate: "/etc/ca.pem"))
        for bad in ["?sslmode=always", "?sslmode=require&sslrootcert=/x.pem", "?password=x", "?sslmode="] {
            #expect(throws: StoreError.self, "\(bad)") { try PostgresAddress(url: base + bad) }
        }
        #expect(!String(describing: try PostgresAddress(url: base + "?sslmode=require")).contains(":p@"))
    }

    /// Whether the store's own session is encrypted.
    static func encrypted(_ store: PostgresWorryStore) async throws -> Bool {
        try await store.run("read the session's TLS") { connection in
            try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: store.logger)
                .collect().first?.decode(Bool.self) ?? false
        }
    }

    @Test(.enabled(if: PostgresScratch.serverURL != nil && certificate != nil))
    func theStoreSpeaksTLSWhenAskedAndVerifiesTheServerAgainstTheGivenCA() async throws {
        let scratch = try await PostgresScratch.database()
        let logger = Logger(label: "test")
        for (mode, tls) in [
            ("require", PostgresTLS.require), ("verify-full", .verifyFull(rootCertificate: Self.certificate)),
            ("prefer", .prefer), ("disable", .disable),
        ] {
            var address = scratch
            address.tls = tls
            let store = try await PostgresWorryStore.connect(address, logger: logger, maximumConnections: 2)
            defer { store.close() }
            #expect(try await Self.encrypted(store) == (tls != .disable), "\(mode)")
            _ = try await store.addWorry(WorryDraft(text: "TLS \(mode)", owner: token(1), ttl: 60), now: Date())
        }
    }

    @Test(.enabled(if: PostgresScratch.serverURL != nil))
    func aServerTheCADoesNotVouchForIsRefusedInOneLine() async throws {
        var address = try await PostgresScratch.database()
        address.tls = .verifyFull(rootCertificate: nil)  // the system's roots do not know the test cluster
        let error = await #expect(throws: StoreError.self) {
            _ = try await PostgresWorryStore.connect(address, logger: Logger(label: "test"), maximumConnections: 2)
        }
        let text = error.map { String(describing: $0) } ?? ""
        #expect(!text.contains("\n") && !text.isEmpty)
        address.tls = .verifyFull(rootCertificate: "/nonexistent/ca.pem")
        await #expect(throws: StoreError.self) {
            _ = try await PostgresWorryStore.connect(address, logger: Logger(label: "test"), maximumConnections: 2)
        }
    }
}
