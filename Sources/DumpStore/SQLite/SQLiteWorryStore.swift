import Crypto
import Foundation
import GRDB

/// The embedded SQLite implementation of `WorryStore`, built on GRDB.
///
/// A file database is a `DatabasePool` in WAL mode: reads run concurrently with the single
/// writer, and GRDB serialises this process's writes, so concurrent callers queue instead of
/// failing with `SQLITE_BUSY` (a busy timeout covers other processes). `synchronous = FULL`
/// makes each commit reach the disk before a call returns, so an accepted worry survives a
/// power cut. Every live query filters `expiresAt > now` in SQL.
public final class SQLiteWorryStore: WorryStore {
    /// How long a write waits for a lock held by another connection before failing.
    public static let busyTimeout: TimeInterval = 10

    /// The connection (pool or queue) every call goes through.
    let writer: any DatabaseWriter

    /// Rate-limit windows, in this process's memory: a limit hit is not worth a durable
    /// write, and one machine's processes on one file each count their own.
    let windows = FixedWindows()

    /// Opens (creating if needed) the database file at `path` and migrates it.
    ///
    /// The directory must already exist. Throws `StoreError.cannotOpen` or
    /// `StoreError.migrationFailed`.
    public convenience init(path: String) throws {
        // Several processes may open one new file at once (servers sharing a data folder):
        // turning WAL on and checking-then-running migrations are not atomic across processes,
        // so two at once failed ("database is locked", "table clip already exists"). A lock
        // file beside the database lets one open and migrate at a time.
        let lock = try OpeningLock(lockFile: path + "-open.lock", database: path)
        defer { lock.release() }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            // GRDB sets `synchronous = NORMAL` when it turns WAL on (after `prepareDatabase`),
            // which may lose the last commits on power loss. The pool's single writer
            // connection lives as long as the pool, so setting FULL here holds for every write.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: StoreError.reason(error))
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
        try self.init(migrating: pool)
    }

    /// A private, empty, in-memory store: same schema and behaviour, nothing on disk. For tests.
    public static func inMemory() throws -> SQLiteWorryStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError(operation: "create an in-memory database", wrapping: error)
        }
        return try SQLiteWorryStore(migrating: queue)
    }

    /// Runs the migrator on `writer` and keeps it.
    init(migrating writer: any DatabaseWriter) throws {
        do {
            try Migrations.migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw StoreError.migrationFailed(reason: StoreError.reason(error))
        } catch {
            throw StoreError.migrationFailed(reason: String(describing: error))
        }
        self.writer = writer
    }

    /// Foreign keys on (render jobs cascade with their worry) and a busy timeout.
    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "DumpStore"
        return config
    }

    // MARK: - Access

    /// Runs `updates` in one write transaction (off the caller's thread), turning failures
    /// into `StoreError`.
    func write<T: Sendable>(_ operation: String, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(updates)
        } catch {
            throw StoreError(operation: operation, wrapping: error)
        }
    }

    /// Runs `value` in a read transaction (off the caller's thread), turning failures into
    /// `StoreError`.
    func read<T: Sendable>(_ operation: String, _ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(value)
        } catch {
            throw StoreError(operation: operation, wrapping: error)
        }
    }
}

/// An exclusive `flock` on a file beside the database, held while opening and migrating it.
private final class OpeningLock {
    private let descriptor: Int32

    /// Takes the lock on `lockFile`; a failure names the `database` being opened.
    init(lockFile: String, database path: String) throws {
        descriptor = open(lockFile, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.cannotOpen(path: path, reason: reason)
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
