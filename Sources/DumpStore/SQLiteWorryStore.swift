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

    // MARK: - Worries

    /// Stores the worry, its owner hash, the counters, a pending render job and a new
    /// revision in one durable write transaction.
    public func addWorry(_ draft: WorryDraft, now: Date) async throws -> Worry {
        try await addWorries([(draft, now)])[0]
    }

    /// Stores every worry as `addWorry` does, in one durable write transaction.
    public func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) async throws -> [Worry] {
        let records = drafts.map { draft, now -> (owner: OwnerHash, worry: WorryRecord, key: String?) in
            let owner = OwnerHash(draft.owner)
            // whole milliseconds: what the API prints (`expiresAt` with .SSS) is exactly what is stored
            let createdAt = (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000
            let worry = WorryRecord(
                id: WorryID.random().rawValue, text: draft.text, ownerHash: owner.hex,
                createdAt: createdAt, expiresAt: ((createdAt + draft.ttl) * 1000).rounded(.down) / 1000,
                clipKey: draft.clipKey.rawValue, star: draft.star, visibility: draft.visibility.rawValue)
            return (owner, worry, draft.idempotencyKey.map { IdempotencyHash(owner: owner, key: $0).hex })
        }
        guard !records.isEmpty else { return [] }
        return try await write(records.count == 1 ? "store a worry" : "store \(records.count) worries") { db in
            var stored: [Worry] = []
            var added = false
            for (owner, record, key) in records {
                // The same idempotency key from the same owner: the worry stored the first time.
                if let key, let earlier = try String.fetchOne(
                    db, sql: "SELECT worryID FROM idempotency WHERE key = ? AND expiresAt > ?",
                    arguments: [key, record.createdAt]),
                    let worry = try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [earlier]).first
                {
                    stored.append(worry)
                    continue
                }
                try OwnerRecord(hash: owner.hex).insert(db, onConflict: .ignore)
                if db.changesCount > 0 {
                    try CounterRecord.increment(.people, in: db)
                }
                try record.insert(db)
                try CounterRecord.increment(.worries, in: db)
                // A clip already queued, rendering, ready or failed for this key is shared as it is.
                try ClipRecord(
                    key: record.clipKey, text: record.text, status: .queued, attempts: 0, lastError: nil,
                    updatedAt: record.createdAt, runAfter: record.createdAt, base: record.clipKey
                ).insert(db, onConflict: .ignore)
                if let key {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO idempotency (key, worryID, expiresAt) VALUES (?, ?, ?)",
                        arguments: [key, record.id, record.expiresAt])
                }
                // Read back as stored: a new public worry of a hidden star is hidden.
                stored.append(try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [record.id])[0])
                added = true
            }
            if added { try CounterRecord.increment(.revision, in: db) }
            return stored
        }
    }

    /// The worry with `id`, expired or not; nil when unknown or swept.
    public func worry(id: WorryID) async throws -> Worry? {
        try await read("read a worry") { db in
            try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [id.rawValue]).first
        }
    }

    /// The public worries alive at `now`, oldest first.
    public func liveWorries(now: Date) async throws -> [Worry] {
        try await read("list live worries") { db in
            try WorryRecord.fetchAll(
                db, sql: "SELECT * FROM worry WHERE expiresAt > ? AND \(WorryRecord.isPublic) ORDER BY createdAt, rowid",
                arguments: [now.timeIntervalSince1970]
            ).map { try $0.worry(shown: "public") }
        }
    }

    /// The worries alive at `now` whose owner token is `owner`, oldest first.
    public func liveWorries(owner: OwnerToken, now: Date, limit: Int) async throws -> (worries: [Worry], total: Int) {
        let (hash, seconds) = (OwnerHash(owner).hex, now.timeIntervalSince1970)
        return try await read("list a person's worries") { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM worry WHERE ownerHash = ? AND expiresAt > ?", arguments: [hash, seconds]) ?? 0
            guard limit > 0 else { return ([], total) }
            // the newest `limit` by creation: those created at or after the limit-th newest
            let since = try Double.fetchOne(
                db,
                sql: """
                    SELECT createdAt FROM worry WHERE ownerHash = ? AND expiresAt > ?
                    ORDER BY createdAt DESC, rowid DESC LIMIT 1 OFFSET ?
                    """,
                arguments: [hash, seconds, limit - 1]) ?? -Double.infinity
            let worries = try WorryRecord.fetchShown(
                db, where: "worry.ownerHash = ? AND worry.expiresAt > ? AND worry.createdAt >= ?",
                arguments: [hash, seconds, since])
            return (Array(worries.suffix(limit)), total)
        }
    }

    /// Distinct owners ever and worries ever; expiry and deletion do not lower them.
    public func stats() async throws -> WorryStats {
        try await read("read the stats") { db in
            WorryStats(
                people: Int(try CounterRecord.value(of: .people, in: db)),
                worries: Int(try CounterRecord.value(of: .worries, in: db))
            )
        }
    }

    /// Bumped by every insert and by every sweep that deleted something.
    public func revision() async throws -> Int64 {
        try await read("read the revision") { db in
            try CounterRecord.value(of: .revision, in: db)
        }
    }

    /// Deletes every worry with `expiresAt <= now` and every clip no remaining worry shows;
    /// returns both, oldest worries first.
    public func deleteExpired(now: Date) async throws -> ExpiredSweep {
        try await write("delete expired worries") { db in
            let expired = WorryRecord.filter(WorryRecord.Columns.expiresAt <= now.timeIntervalSince1970)
            let ids = try String.fetchAll(db, expired.oldestFirst().select(WorryRecord.Columns.id))
            guard !ids.isEmpty else {
                try Self.forgetGone(db, now: now)
                return ExpiredSweep()
            }
            try expired.deleteAll(db)
            try Self.forgetGone(db, now: now)
            let orphans = try String.fetchAll(
                db,
                sql: """
                    SELECT key FROM clip WHERE version = ''
                      AND NOT EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.key)
                    """)
            // a clip's versions go with it
            try db.execute(sql: "DELETE FROM clip WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.base)")
            try CounterRecord.increment(.revision, in: db)
            return ExpiredSweep(worries: try ids.map { try WorryID.stored($0) }, clips: orphans.map(ClipKey.init))
        }
    }

    /// The public worries created in `[start, end)`, expired or not, oldest first.
    public func worries(createdFrom start: Date, to end: Date) async throws -> [Worry] {
        try await read("list a night's worries") { db in
            try WorryRecord.fetchAll(
                db,
                sql: "SELECT * FROM worry WHERE createdAt >= ? AND createdAt < ? AND \(WorryRecord.isPublic) ORDER BY createdAt, rowid",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]
            ).map { try $0.worry(shown: "public") }
        }
    }

    /// Owner keys of the worries created in `[start, end)`: SHA-256 of a fixed label and the
    /// stored owner hash, 64 bits in hex.
    public func nightOwnerKeys(createdFrom start: Date, to end: Date) async throws -> [WorryID: String] {
        let rows = try await read("list a night's owners") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, ownerHash FROM worry WHERE createdAt >= ? AND createdAt < ?",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]
            ).map { (id: $0["id"] as String, hash: $0["ownerHash"] as String) }
        }
        var keys: [WorryID: String] = [:]
        for (id, hash) in rows {
            let digest = SHA256.hash(data: Array("dumpit.night-owner.v1:\(hash)".utf8))
            keys[try WorryID.stored(id)] = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        }
        return keys
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
