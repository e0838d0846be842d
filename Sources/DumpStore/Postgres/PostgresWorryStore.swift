import Crypto
import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The PostgreSQL implementation of `WorryStore` (postgres-nio), for a fleet: many web nodes
/// and render workers on one database, no sticky sessions.
///
/// Everything the nodes share lives here: worries, owners, stats, the sky revision, render
/// jobs with leases, clip files (`clip_file`, bytea), rate-limit windows and night claims.
/// Dates are `double precision` seconds since 1970, as in the SQLite store, so both compare
/// and round the same way. Every call has a deadline: when the server cannot be reached the
/// call fails with `StoreError.unavailable` (the service answers 503 and retries later), and
/// the connection pool reconnects by itself when the server is back.
public final class PostgresWorryStore: WorryStore {
    /// How long one call may wait for a connection and its answer.
    public static let deadline: Duration = .seconds(8)

    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Connects to `address`, checks the login and brings the schema up to date; the pool
    /// runs until `close()`.
    ///
    /// Throws `StoreError.refused` (login or database name wrong), `.unavailable` (no server
    /// answers), `.schemaTooNew`, or `.migrationFailed`.
    public static func connect(_ address: PostgresAddress, logger: Logger, maximumConnections: Int = 16) async throws
        -> PostgresWorryStore
    {
        // One direct connection first: a wrong password or an unreachable server fails at once
        // with its own reason (the pool would keep retrying until the deadline).
        do {
            let probe = try await PostgresConnection.connect(
                configuration: try address.connectionConfiguration(), id: 0, logger: logger)
            try await probe.close()
        } catch {
            throw StoreError(postgres: "connect to \(address)", error)
        }
        var configuration = PostgresClient.Configuration(
            host: address.host, port: address.port, username: address.username, password: address.password,
            database: address.database, tls: try address.clientTLS())
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = Self.sessionSettings
        // The pool reports every failed connection attempt; the store's own errors say it once.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let store = PostgresWorryStore(
            client: PostgresClient(configuration: configuration, backgroundLogger: poolLogger), logger: logger)
        do {
            try await store.run("check the connection") { connection in
                try await connection.query("SELECT 1", logger: logger)
            }
            try await PostgresMigrations.migrate(store)
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Settings of every session, sent when it starts: a statement still running when the
    /// store's deadline passes is cancelled by the server itself (`statement_timeout`), a lock
    /// is never waited for long (`lock_timeout`), a transaction left open by a dead node is
    /// ended (`idle_in_transaction_session_timeout`), and the server probes an idle connection
    /// whose peer vanished (TCP keepalives every 30 s; the pool also pings idle connections).
    static let sessionSettings: [(String, String)] = [
        ("statement_timeout", "\(deadlineMilliseconds)"),
        ("lock_timeout", "5000"),
        ("idle_in_transaction_session_timeout", "60000"),
        ("tcp_keepalives_idle", "30"),
        ("tcp_keepalives_interval", "10"),
        ("tcp_keepalives_count", "3"),
        ("application_name", "dumpit"),
    ]

    /// `deadline` in whole milliseconds.
    static var deadlineMilliseconds: Int64 {
        let (seconds, attoseconds) = deadline.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Closes every connection.
    public func close() {
        runner.cancel()
    }

    deinit { runner.cancel() }

    /// The columns `worries(_:)` reads, the visibility as read last (the door's, or `hidden`
    /// when the worry's star is hidden), for `WHERE …` to follow.
    static let selectShown = """
        SELECT id, text, created_at, expires_at, clip_key, star,
            CASE WHEN visibility <> 'public' THEN visibility
                 WHEN EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden') THEN 'hidden'
                 ELSE 'public' END
        FROM worry
        """

    // MARK: - Access

    /// Runs `body` on a pooled connection within the deadline, turning failures into `StoreError`.
    func run<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws -> T
    {
        try await withDeadline(operation) {
            try await self.client.withConnection { connection in try await body(connection) }
        }
    }

    /// Runs `body` in one transaction within the deadline (rolled back when it throws); a
    /// transaction PostgreSQL aborted for a deadlock or a serialisation conflict is run again,
    /// up to three times.
    func transaction<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transactionOnce(operation, body)
            } catch StoreError.busy where attempt < 3 {
                attempt += 1
            }
        }
    }

    /// Runs `body` in one read-only REPEATABLE READ transaction within the deadline: every
    /// statement of it reads the same snapshot (taken by its first statement), so what one
    /// statement reads agrees with what the next reads. (A read-only transaction at this level
    /// never fails for a serialisation conflict.)
    func snapshot<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        try await transactionOnce(operation, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transactionOnce<T: Sendable>(
        _ operation: String, begin: String = "BEGIN",
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await withDeadline(operation) {
            try await self.client.withConnection { connection in
                try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
                do {
                    let value = try await body(connection, logger)
                    try await connection.query("COMMIT", logger: logger)
                    return value
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Runs `body`, failing with `StoreError.unavailable` when it takes longer than `deadline`.
    private func withDeadline<T: Sendable>(_ operation: String, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: Self.deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw StoreError.unavailable(operation: operation, reason: "no answer within \(Self.deadline)")
                }
                return value
            }
        } catch {
            throw StoreError(postgres: operation, error)
        }
    }
}

extension PostgresAddress {
    /// The settings of one direct connection to this server, with the address's TLS.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: try connectionTLS())
        configuration.options.additionalStartupParameters = PostgresWorryStore.sessionSettings
        return configuration
    }

    /// NIOSSL's client settings for `tls`, nil for `.disable`; a CA file that cannot be read
    /// is `StoreError.cannotOpen` naming it.
    func tlsConfiguration() throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable:
            return nil
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyFull(let root):
            configuration.certificateVerification = .fullVerification
            if let root {
                do {
                    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
                } catch {
                    throw StoreError.cannotOpen(path: root, reason: "the sslrootcert file is not a readable PEM certificate")
                }
            }
        }
        return configuration
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        guard let configuration = try tlsConfiguration() else { return .disable }
        let context = try NIOSSLContext(configuration: configuration)
        return tls == .prefer ? .prefer(context) : .require(context)
    }

    func clientTLS() throws -> PostgresClient.Configuration.TLS {
        guard let configuration = try tlsConfiguration() else { return .disable }
        return tls == .prefer ? .prefer(configuration) : .require(configuration)
    }
}

extension StoreError {
    /// Maps a postgres-nio failure: login refused, server unreachable, disk full, a
    /// serialisation conflict (busy), or another server error with PostgreSQL's own message.
    init(postgres operation: String, _ error: any Error) {
        if let storeError = error as? StoreError {
            self = storeError
            return
        }
        guard let error = error as? PSQLError else {
            if error is CancellationError {
                self = .unavailable(operation: operation, reason: "cancelled")
            } else {
                self = .unavailable(operation: operation, reason: String(describing: type(of: error)))
            }
            return
        }
        if let tls = error.underlying as? NIOSSLError {
            // a certificate the CA does not vouch for, a host name it does not name, no TLS at all
            self = .refused(reason: "TLS to PostgreSQL failed (\(tls)); check sslmode and sslrootcert in --database")
            return
        }
        if error.code == .sslUnsupported {
            self = .refused(reason: "the PostgreSQL server does not offer TLS, and sslmode asks for it")
            return
        }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            self = .unavailable(operation: operation, reason: "connection: \(error.code)")
            return
        }
        let message = error.serverInfo?[.message] ?? "SQLSTATE \(state)"
        switch state {
        case "28P01", "28000", "3D000":
            self = .refused(reason: message)
        case "53100":
            self = .diskFull(operation: operation)
        case "40001", "40P01", "55P03":
            self = .busy(operation: operation)
        case _ where state.hasPrefix("57P") || state.hasPrefix("08") || state == "53300":
            self = .unavailable(operation: operation, reason: message)
        default:
            self = .database(operation: operation, reason: message)
        }
    }
}
