import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import DumpStore

/// The databases every behaviour is checked against: SQLite in memory and in a file, and
/// PostgreSQL — the one contract suite, run on both stores.
///
/// PostgreSQL needs a server: the test command starts a throwaway cluster and sets
/// `DUMPIT_TEST_DATABASE_URL`. Without it (a bare `swift test`) the PostgreSQL cases are left
/// out — except under CI, where a missing server fails the run instead of hiding the cases.
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case memory, file, postgres

    var testDescription: String { rawValue }

    /// Every kind this run can test.
    static var allCases: [StoreKind] {
        if PostgresScratch.serverURL != nil { return [.memory, .file, .postgres] }
        precondition(
            ProcessInfo.processInfo.environment["CI"] == nil,
            "CI must test the PostgreSQL store: run the README's test command (it starts PostgreSQL)")
        return [.memory, .file]
    }

    /// The SQLite kinds (tests that look inside the file).
    static let sqlite: [StoreKind] = [.memory, .file]

    /// The kinds that keep data across a reopen (a restart).
    static var durable: [StoreKind] { allCases.filter { $0 != .memory } }
}

/// A database for one test: in memory, a file in its own temporary directory, or a fresh
/// PostgreSQL database.
///
/// Tests call `remove()` in a `defer`, which also keeps the fixture alive for the whole
/// test (a deinit could run as soon as the fixture is last used, while the store still
/// needs its files).
final class StoreFixture: Sendable {
    let kind: StoreKind
    let directory: URL
    let path: String
    let postgres: PostgresAddress?
    private let opened = Mutex<[PostgresWorryStore]>([])

    init(_ kind: StoreKind) async throws {
        self.kind = kind
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dumpstore-tests-\(UUID().uuidString)", isDirectory: true)
        path = directory.appendingPathComponent("worries.sqlite").path
        if kind == .file {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        postgres = kind == .postgres ? try await PostgresScratch.database() : nil
    }

    /// A fresh fixture of `kind` with its store open, handed to `body`, removed after it:
    /// the setup of every contract test.
    static func with(_ kind: StoreKind, _ body: (StoreFixture, any WorryStore) async throws -> Void) async throws {
        let db = try await StoreFixture(kind)
        defer { db.remove() }
        try await body(db, try await db.open())
    }

    /// Deletes the temporary directory and the database files in it; closes PostgreSQL pools
    /// (the scratch databases go with the test cluster).
    func remove() {
        try? FileManager.default.removeItem(at: directory)
        for store in opened.withLock({ $0 }) { store.close() }
    }

    /// The SQLite store of a `.memory` or `.file` fixture, for tests that look inside it.
    func sqlite() throws -> SQLiteWorryStore {
        switch kind {
        case .memory: return try SQLiteWorryStore.inMemory()
        case .file: return try SQLiteWorryStore(path: path)
        case .postgres: throw StoreError.cannotOpen(path: "postgres", reason: "not an SQLite fixture")
        }
    }

    /// A store on this fixture's database. For `.file` and `.postgres`, opening again reopens
    /// the same database (a restart).
    func open() async throws -> any WorryStore {
        switch kind {
        case .memory: return try SQLiteWorryStore.inMemory()
        case .file: return try SQLiteWorryStore(path: path)
        case .postgres:
            let store = try await PostgresWorryStore.connect(postgres!, logger: Logger(label: "test"), maximumConnections: 8)
            opened.withLock { $0.append(store) }
            return store
        }
    }
}

/// Fresh PostgreSQL databases on the test cluster named by `DUMPIT_TEST_DATABASE_URL`.
enum PostgresScratch {
    /// The cluster's URL, when the test command started one.
    static var serverURL: String? {
        ProcessInfo.processInfo.environment["DUMPIT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Creates an empty database and returns its address.
    static func database() async throws -> PostgresAddress {
        let server = try PostgresAddress(url: try #require(serverURL))
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        let logger = Logger(label: "test")
        let connection = try await PostgresConnection.connect(
            configuration: try server.connectionConfiguration(), id: 1, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        try await connection.close()
        var address = server
        address.database = name
        return address
    }
}

/// A fixed instant with a fractional part, so sub-second comparisons are exercised.
let t0 = Date(timeIntervalSince1970: 1_750_000_000.25)

/// A valid, recognisable owner token: `n` keeps owners apart, the marker makes it easy to
/// search for in raw bytes.
func token(_ n: Int) -> OwnerToken {
    let secret = "SeCrEtOwNeRtOkEn-\(n)-"
    return OwnerToken(secret + String(repeating: "x", count: 40 - secret.count))!
}

/// A draft by owner `n` living `ttl` seconds.
func draft(_ text: String, owner n: Int = 1, ttl: TimeInterval = 3600) -> WorryDraft {
    WorryDraft(text: text, owner: token(n), ttl: ttl)
}
