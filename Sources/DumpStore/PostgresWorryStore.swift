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

    // MARK: - Worries

    public func addWorry(_ draft: WorryDraft, now: Date) async throws -> Worry {
        try await addWorries([(draft, now)])[0]
    }

    /// One transaction: owners, clips (before the worries that point at them), worries, the
    /// counters, and a NOTIFY that wakes idle workers when a clip was queued.
    public func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) async throws -> [Worry] {
        let all = drafts.map { draft, now -> (owner: String, worry: Worry, key: String?) in
            let createdAt = (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000
            let expiresAt = ((createdAt + draft.ttl) * 1000).rounded(.down) / 1000
            let owner = OwnerHash(draft.owner)
            return (
                owner.hex,
                Worry(
                    id: WorryID.random(), text: draft.text, createdAt: Date(timeIntervalSince1970: createdAt),
                    expiresAt: Date(timeIntervalSince1970: expiresAt), clipKey: draft.clipKey, star: draft.star,
                    visibility: draft.visibility),
                draft.idempotencyKey.map { IdempotencyHash(owner: owner, key: $0).hex }
            )
        }
        guard !all.isEmpty else { return [] }
        // A key repeated within this batch is a replay of its first draft.
        var firsts: [String: Int] = [:]
        for (index, item) in all.enumerated() {
            if let key = item.key, firsts[key] == nil { firsts[key] = index }
        }
        let firstWithKey = firsts
        let claims = firstWithKey.sorted { $0.value < $1.value }
        let claimKeys = claims.map(\.key)
        let claimIDs = claims.map { all[$0.value].worry.id.rawValue }
        let claimExpiries = claims.map { all[$0.value].worry.expiresAt.timeIntervalSince1970 }
        let now = all.map(\.worry.createdAt.timeIntervalSince1970).min() ?? 0
        let count = all.count
        let outcome = try await transaction(count == 1 ? "store a worry" : "store \(count) worries") { connection, logger in
            // Claim the keys first: a concurrent post with the same key waits here for this
            // transaction and then finds the key taken (a replay), never a second worry. (A key
            // whose worry was deleted goes with it, in `deleteWorry`; an expired one is reused.)
            var taken: [String: String] = [:]
            if !claimKeys.isEmpty {
                let fresh = Set(try await connection.query(
                    """
                    INSERT INTO idempotency (key, worry_id, expires_at)
                    SELECT k, i, e FROM unnest(\(claimKeys)::text[], \(claimIDs)::text[], \(claimExpiries)::float8[]) AS x(k, i, e)
                    ON CONFLICT (key) DO UPDATE SET worry_id = excluded.worry_id, expires_at = excluded.expires_at
                    WHERE idempotency.expires_at <= \(now)
                    RETURNING key
                    """, logger: logger
                ).collect().map { try $0.decode(String.self) })
                let replayed = claimKeys.filter { !fresh.contains($0) }
                if !replayed.isEmpty {
                    for row in try await connection.query(
                        "SELECT key, worry_id FROM idempotency WHERE key = ANY(\(replayed)::text[])", logger: logger
                    ).collect() {
                        let (key, id) = try row.decode((String, String).self)
                        taken[key] = id
                    }
                }
            }
            let stored = all.enumerated().filter { index, item in
                guard let key = item.key else { return true }
                return taken[key] == nil && firstWithKey[key] == index
            }.map(\.element)
            let earlier: [Worry] = taken.isEmpty ? [] : try await Self.worries(
                connection.query(
                    "\(unescaped: Self.selectShown) WHERE id = ANY(\(Array(taken.values))::text[])", logger: logger))
            guard !stored.isEmpty else { return (taken: taken, earlier: earlier, hidden: Set<String>()) }
            let owners = stored.map(\.owner)
            let ids = stored.map(\.worry.id.rawValue)
            let texts = stored.map(\.worry.text)
            let created = stored.map(\.worry.createdAt.timeIntervalSince1970)
            let expires = stored.map(\.worry.expiresAt.timeIntervalSince1970)
            let keys = stored.map(\.worry.clipKey.rawValue)
            let stars = stored.map(\.worry.star)
            let visibilities = stored.map(\.worry.visibility.rawValue)
            let newOwners = try await connection.query(
                """
                INSERT INTO owner (hash) SELECT DISTINCT h FROM unnest(\(owners)::text[]) AS x(h) ORDER BY h
                ON CONFLICT DO NOTHING RETURNING hash
                """, logger: logger
            ).collect().count
            let newClips = try await connection.query(
                """
                INSERT INTO clip (key, text, status, attempts, updated_at, run_after, base)
                SELECT DISTINCT ON (k) k, t, 'queued', 0, c, c, k
                FROM unnest(\(keys)::text[], \(texts)::text[], \(created)::float8[]) AS x(k, t, c)
                ORDER BY k, c
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, logger: logger
            ).collect().count
            try await connection.query(
                """
                INSERT INTO worry (id, text, owner_hash, created_at, expires_at, clip_key, star, visibility)
                SELECT i, t, o, c, e, k, s, v
                FROM unnest(\(ids)::text[], \(texts)::text[], \(owners)::text[],
                            \(created)::float8[], \(expires)::float8[], \(keys)::text[],
                            \(stars)::text[], \(visibilities)::text[])
                     WITH ORDINALITY AS x(i, t, o, c, e, k, s, v, n)
                ORDER BY n
                """, logger: logger)
            // One row at a time, always in this order: concurrent posts lock the counters in the
            // same order, so they queue instead of deadlocking.
            try await connection.query(
                "UPDATE counter SET value = value + \(newOwners)::bigint WHERE name = 'people'", logger: logger)
            try await connection.query(
                "UPDATE counter SET value = value + \(stored.count)::bigint WHERE name = 'worries'", logger: logger)
            try await connection.query("UPDATE counter SET value = value + 1 WHERE name = 'revision'", logger: logger)
            if newClips > 0 {
                try await connection.query("SELECT pg_notify('dumpit_jobs', '')", logger: logger)
            }
            let hidden = Set(
                try await connection.query(
                    "SELECT star FROM star_state WHERE state = 'hidden' AND star = ANY(\(stars)::text[])", logger: logger
                ).collect().map { try $0.decode(String.self) })
            return (taken: taken, earlier: earlier, hidden: hidden)
        }
        let earlier = Dictionary(outcome.earlier.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var stored: [Worry] = []
        for (index, item) in all.enumerated() {
            if let key = item.key {
                if let id = outcome.taken[key], let worry = earlier[id] {
                    stored.append(worry)
                    continue
                }
                if let first = firstWithKey[key], first != index {
                    stored.append(stored[first])
                    continue
                }
            }
            // A new public worry of a hidden star is read back as hidden.
            var worry = item.worry
            if worry.visibility == .public, outcome.hidden.contains(worry.star) { worry.visibility = .hidden }
            stored.append(worry)
        }
        return stored
    }

    public func worry(id: WorryID) async throws -> Worry? {
        try await run("read a worry") { connection in
            try await Self.worries(
                connection.query(
                    "\(unescaped: Self.selectShown) WHERE id = \(id.rawValue)",
                    logger: self.logger)
            ).first
        }
    }

    public func liveWorries(now: Date) async throws -> [Worry] {
        let seconds = now.timeIntervalSince1970
        return try await run("list live worries") { connection in
            try await Self.worries(
                connection.query(
                    """
                    SELECT id, text, created_at, expires_at, clip_key, star, 'public' FROM worry
                    WHERE expires_at > \(seconds) AND visibility = 'public'
                      AND NOT EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden')
                    ORDER BY created_at, seq
                    """, logger: self.logger))
        }
    }

    public func liveWorries(owner: OwnerToken, now: Date, limit: Int) async throws -> (worries: [Worry], total: Int) {
        let (hash, seconds, limit) = (OwnerHash(owner).hex, now.timeIntervalSince1970, max(0, limit))
        return try await run("list a person's worries") { connection in
            let total = try await connection.query(
                "SELECT COUNT(*) FROM worry WHERE owner_hash = \(hash) AND expires_at > \(seconds)", logger: self.logger
            ).collect().first?.decode(Int64.self) ?? 0
            let newest = try await Self.worries(
                connection.query(
                    """
                    \(unescaped: Self.selectShown) WHERE owner_hash = \(hash) AND expires_at > \(seconds)
                    ORDER BY created_at DESC, seq DESC LIMIT \(limit)
                    """,
                    logger: self.logger))
            return (Array(newest.reversed()), Int(total))
        }
    }

    public func stats() async throws -> WorryStats {
        try await run("read the stats") { connection in
            var stats = WorryStats(people: 0, worries: 0)
            let rows = try await connection.query(
                "SELECT name, value FROM counter WHERE name IN ('people', 'worries')", logger: self.logger
            ).collect()
            for row in rows {
                let (name, value) = try row.decode((String, Int64).self)
                if name == "people" { stats.people = Int(value) } else { stats.worries = Int(value) }
            }
            return stats
        }
    }

    public func revision() async throws -> Int64 {
        try await run("read the revision") { connection in
            let rows = try await connection.query("SELECT value FROM counter WHERE name = 'revision'", logger: self.logger)
                .collect()
            return try rows.first?.decode(Int64.self) ?? 0
        }
    }

    public func worries(createdFrom start: Date, to end: Date) async throws -> [Worry] {
        let (from, to) = (start.timeIntervalSince1970, end.timeIntervalSince1970)
        return try await run("list a night's worries") { connection in
            try await Self.worries(
                connection.query(
                    """
                    SELECT id, text, created_at, expires_at, clip_key, star, 'public' FROM worry
                    WHERE created_at >= \(from) AND created_at < \(to) AND visibility = 'public'
                      AND NOT EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden')
                    ORDER BY created_at, seq
                    """, logger: self.logger))
        }
    }

    public func nightOwnerKeys(createdFrom start: Date, to end: Date) async throws -> [WorryID: String] {
        let (from, to) = (start.timeIntervalSince1970, end.timeIntervalSince1970)
        let rows = try await run("list a night's owners") { connection in
            try await connection.query(
                "SELECT id, owner_hash FROM worry WHERE created_at >= \(from) AND created_at < \(to)", logger: self.logger
            ).collect()
        }
        var keys: [WorryID: String] = [:]
        for row in rows {
            let (id, hash) = try row.decode((String, String).self)
            let digest = SHA256.hash(data: Array("dumpit.night-owner.v1:\(hash)".utf8))
            keys[try WorryID.stored(id)] = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        }
        return keys
    }

    /// Worries from rows of (id, text, created_at, expires_at, clip_key, star, visibility as read).
    static func worries(_ rows: PostgresRowSequence) async throws -> [Worry] {
        try await rows.collect().map { row in
            let (id, text, created, expires, key, star, shown) = try row.decode(
                (String, String, Double, Double, String, String, String).self)
            return Worry(
                id: try WorryID.stored(id), text: text, createdAt: Date(timeIntervalSince1970: created),
                expiresAt: Date(timeIntervalSince1970: expires), clipKey: ClipKey(rawValue: key), star: star,
                visibility: WorryVisibility(rawValue: shown) ?? .private)
        }
    }

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

    private func transactionOnce<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        return try await withDeadline(operation) {
            try await self.client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
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
