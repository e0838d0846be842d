import ArgumentParser
import DumpStore
import Foundation
import Logging

/// `--database`: which store a command opens.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "postgres://user:password@host:5432/db for PostgreSQL (a fleet); nothing, or a file path, for embedded SQLite (default <data>/dumpit.sqlite).",
            valueName: "URL|PATH"))
    var database: String?

    func validate() throws {
        do {
            _ = try DatabaseLocation.parse(database, defaultPath: "")
        } catch {
            throw ValidationError((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// Opens the store: PostgreSQL (checking the login and migrating), or SQLite in `data`.
    /// A failure is a `StoreError` whose message fits on one line.
    func open(data: URL, logger: Logger) async throws -> any WorryStore {
        let defaultPath = DataDirectory(data).databaseURL.path
        switch try DatabaseLocation.parse(database, defaultPath: defaultPath) {
        case .sqlite(let path):
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            return try SQLiteWorryStore(path: path)
        case .postgres(let address):
            return try await PostgresWorryStore.connect(address, logger: logger)
        }
    }

    /// Whether `--database` names PostgreSQL.
    var isPostgres: Bool {
        if case .postgres = try? DatabaseLocation.parse(database, defaultPath: "") { return true }
        return false
    }
}
