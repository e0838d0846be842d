import Foundation
import GRDB

/// Why the worry store could not do what was asked, in words a person running the server can act on.
///
/// SQLite failures are wrapped here so that callers (the HTTP service, the CLI) depend on one
/// error type and never on GRDB. Messages never contain owner tokens, hashes or SQL arguments.
public enum StoreError: Error, LocalizedError, Sendable, Equatable {
    /// The database file could not be opened or created at `path`.
    case cannotOpen(path: String, reason: String)
    /// The schema could not be brought up to date (the file may be damaged or from a newer version).
    case migrationFailed(reason: String)
    /// Another process kept the database locked longer than the busy timeout.
    case busy(operation: String)
    /// The disk holding the database is full.
    case diskFull(operation: String)
    /// The database file or its directory cannot be written.
    case readOnly(operation: String)
    /// The database holds data that cannot be read back (damaged file, or a bug that stored it).
    case corruptData(detail: String)
    /// Any other SQLite failure while doing `operation`.
    case database(operation: String, reason: String)
    /// The database server could not be reached (down, restarting, network) while doing
    /// `operation`; worth retrying in a moment.
    case unavailable(operation: String, reason: String)
    /// The database server refused the login (wrong user or password, unknown database).
    case refused(reason: String)
    /// The database was migrated by a newer Dump It! than this one.
    case schemaTooNew(found: Int, known: Int)

    /// A sentence saying what went wrong and what to do about it.
    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open the worry database at \(path): \(reason). "
                + "Check that the directory exists and that this process may write to it."
        case .migrationFailed(let reason):
            return "Cannot bring the worry database schema up to date: \(reason). "
                + "The file may be damaged or come from a newer Dump It!; restore a backup or use another file."
        case .busy(let operation):
            return "The worry database stayed locked while trying to \(operation). "
                + "Make sure only one Dump It! server uses this database file, then retry."
        case .diskFull(let operation):
            return "The disk holding the worry database is full, so the store could not \(operation). "
                + "Free some space and retry."
        case .readOnly(let operation):
            return "The worry database is read-only, so the store could not \(operation). "
                + "Check the permissions of the database file and of its directory."
        case .corruptData(let detail):
            return "The worry database holds data that cannot be read (\(detail)). "
                + "Restore a backup or start with a new database file."
        case .database(let operation, let reason):
            return "The worry database failed to \(operation): \(reason)."
        case .unavailable(let operation, let reason):
            return "The worry database could not be reached to \(operation) (\(reason)). "
                + "Check that PostgreSQL is running and reachable."
        case .refused(let reason):
            return "The database refused the connection: \(reason). Check the user, password and database name in --database."
        case .schemaTooNew(let found, let known):
            return "The database schema is version \(found), newer than this dumpit knows (\(known)). "
                + "Upgrade dumpit, or point --database at another database."
        }
    }

    /// Whether the failure can pass by itself (a busy or unreachable database, a full disk):
    /// a render that failed so is retried without counting the attempt.
    public var isTransient: Bool {
        switch self {
        case .busy, .diskFull, .unavailable: return true
        default: return false
        }
    }

    /// Wraps any error thrown while doing `operation`, keeping a `StoreError` as it is.
    init(operation: String, wrapping error: any Error) {
        if let storeError = error as? StoreError {
            self = storeError
            return
        }
        guard let databaseError = error as? DatabaseError else {
            self = .database(operation: operation, reason: String(describing: error))
            return
        }
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .busy(operation: operation)
        case .SQLITE_FULL:
            self = .diskFull(operation: operation)
        case .SQLITE_READONLY:
            self = .readOnly(operation: operation)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self = .corruptData(detail: Self.reason(databaseError))
        default:
            self = .database(operation: operation, reason: Self.reason(databaseError))
        }
    }

    /// SQLite's own message, without the SQL statement GRDB appends to its description.
    static func reason(_ error: DatabaseError) -> String {
        error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
}
