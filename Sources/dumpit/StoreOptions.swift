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

    @Option(
        name: .customLong("database-password-file"),
        help: ArgumentHelp(
            "A file holding the PostgreSQL password (its first line), when the URL has none; else $PGPASSWORD.",
            valueName: "PATH"))
    var passwordFile: String?

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
        case .postgres(var address):
            if address.password == nil { address.password = try password() }
            return try await PostgresWorryStore.connect(address, logger: logger)
        }
    }

    /// The password for a URL without one: the first line of `--database-password-file`, else
    /// `$PGPASSWORD`, else none (so it need never be on a command line, where `ps` shows it).
    func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw StoreError.cannotOpen(path: "--database-password-file", reason: "cannot read \(passwordFile)")
            }
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        return environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether `--database` names PostgreSQL.
    var isPostgres: Bool {
        if case .postgres = try? DatabaseLocation.parse(database, defaultPath: "") { return true }
        return false
    }
}
