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

/// A PostgreSQL server and database, from
/// `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…`.
/// The password is never printed (`description` leaves it out).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// How the connection is encrypted (libpq's `sslmode`); `prefer` unless the URL says.
    public var tls: PostgresTLS

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: PostgresTLS = .prefer)
    {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses a `postgres://` URL; throws a `StoreError` naming what is missing.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreError.cannotOpen(
                path: "--database", reason: "the PostgreSQL URL has no host (postgres://user:password@host:5432/database)")
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
        tls = try PostgresTLS(query: components.queryItems ?? [])
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}

/// TLS to PostgreSQL, as libpq's `sslmode` names it: `disable` (plain), `prefer` (TLS when the
/// server offers it, unverified; the default), `require` (TLS or no connection, unverified),
/// `verify-full` (TLS, the certificate checked against `sslrootcert` — or the system's roots —
/// and the host name). `allow` reads as `prefer`, `verify-ca` as `verify-full`.
public enum PostgresTLS: Sendable, Equatable {
    case disable
    case prefer
    case require
    /// Verified against the CA certificates in this PEM file; nil: the system's trust roots.
    case verifyFull(rootCertificate: String?)

    /// From the URL's query: `sslmode` and `sslrootcert`; anything else there is refused.
    init(query: [URLQueryItem]) throws {
        var mode = "prefer"
        var root: String?
        for item in query {
            switch item.name {
            case "sslmode": mode = item.value ?? ""
            case "sslrootcert": root = item.value
            default:
                throw StoreError.cannotOpen(
                    path: "--database",
                    reason: "the PostgreSQL URL has an unknown option \(item.name) (sslmode and sslrootcert are read)")
            }
        }
        switch mode {
        case "disable": self = .disable
        case "allow", "prefer": self = .prefer
        case "require": self = .require
        case "verify-ca", "verify-full": self = .verifyFull(rootCertificate: root)
        default:
            throw StoreError.cannotOpen(
                path: "--database", reason: "sslmode must be disable, prefer, require or verify-full, not \(mode)")
        }
        if root != nil, self != .verifyFull(rootCertificate: root) {
            throw StoreError.cannotOpen(path: "--database", reason: "sslrootcert is read only with sslmode=verify-full")
        }
    }
}
