import Foundation

/// Where the worry store lives, from `--database`: a PostgreSQL URL, or an SQLite file.
public enum DatabaseLocation: Sendable, Equatable {
    /// Embedded SQLite in this file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresAddress)

    /// Reads `--database`: `postgres://` or `postgresql://` URLs select PostgreSQL; nothing,
    /// or anything else (a path), SQLite — at `defaultPath` when `text` is nil or empty.
    public static func parse(_ text: String?, defaultPath: String) throws -> DatabaseLocation {
        guard let text, !text.isEmpty else { return .sqlite(path: defaultPath) }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            return .postgres(try PostgresAddress(url: text))
        }
        if text.contains("://") {
            throw StoreError.cannotOpen(
                path: "--database", reason: "only postgres:// URLs or SQLite file paths are understood")
        }
        return .sqlite(path: text)
    }
}

/// A PostgreSQL server and database, from `postgres://user:password@host:port/database`.
/// The password is never printed (`description` leaves it out).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses a `postgres://` URL; throws a `StoreError` naming what is missing.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreError.cannotOpen(path: "--database", reason: "the PostgreSQL URL has no host (postgres://user:password@host:5432/database)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.cannotOpen(path: "--database", reason: "the PostgreSQL URL has no user name")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError.cannotOpen(path: "--database", reason: "the PostgreSQL URL names no database")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw StoreError.cannotOpen(path: "--database", reason: "the PostgreSQL port must be between 1 and 65535")
        }
        self.host = host
        port = components.port ?? 5432
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}
