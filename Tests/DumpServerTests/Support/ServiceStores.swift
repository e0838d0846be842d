import DumpStore
import Foundation
import Logging
import PostgresNIO

/// The stores a service-level contract suite runs on: embedded SQLite, and PostgreSQL when
/// the test command started its throwaway cluster (`DUMPIT_TEST_DATABASE_URL`; CI always does).
enum ServiceStoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    /// Every kind this run can test.
    static var available: [ServiceStoreKind] {
        if serverURL != nil { return [.sqlite, .postgres] }
        precondition(ProcessInfo.processInfo.environment["CI"] == nil, "CI must test the PostgreSQL store")
        return [.sqlite]
    }

    static var serverURL: String? {
        ProcessInfo.processInfo.environment["DUMPIT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A new, empty store of this kind (a fresh database on the cluster for PostgreSQL).
    func open() async throws -> any WorryStore {
        switch self {
        case .sqlite:
            return try SQLiteWorryStore.inMemory()
        case .postgres:
            var address = try PostgresAddress(url: Self.serverURL!)
            let logger = Logger(label: "test")
            let connection = try await PostgresConnection.connect(
                configuration: .init(
                    host: address.host, port: address.port, username: address.username, password: address.password,
                    database: address.database, tls: .disable),
                id: 1, logger: logger)
            let name = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            try await connection.close()
            address.database = name
            return try await PostgresWorryStore.connect(address, logger: logger, maximumConnections: 4)
        }
    }
}
