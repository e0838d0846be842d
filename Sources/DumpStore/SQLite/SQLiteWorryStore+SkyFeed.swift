import Foundation
import GRDB

/// The sky change feed on the embedded store: every write transaction that moves the revision
/// records, in `skyFeed`, the public worries whose sky membership it may change, tagged with
/// the new revision; a reader reads the revision, the floor and the rows in one read
/// transaction. SQLite has one writer at a time (and a read transaction is a snapshot), so
/// revisions commit in order.
extension SQLiteWorryStore {
    public func skyChanges(after: Int64, now: Date) async throws -> SkyChanges {
        try await read("read the sky's changes") { db in
            let revision = try CounterRecord.value(of: .revision, in: db)
            let floor = try CounterRecord.value(of: .skyFeedFloor, in: db)
            guard after >= floor, after <= revision else {
                return SkyChanges(revision: revision, complete: false, shown: [], gone: [])
            }
            let ids = try String.fetchAll(
                db, sql: "SELECT DISTINCT worryID FROM skyFeed WHERE revision > ?", arguments: [after])
            let shown = try WorryRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM worry WHERE id IN (SELECT worryID FROM skyFeed WHERE revision > ?)
                      AND expiresAt > ? AND \(WorryRecord.isPublic)
                    ORDER BY createdAt, rowid
                    """,
                arguments: [after, now.timeIntervalSince1970]
            ).map { try $0.worry(shown: "public") }
            let inSky = Set(shown.map(\.id.rawValue))
            let gone = try ids.filter { !inSky.contains($0) }.sorted().map { try WorryID.stored($0) }
            return SkyChanges(revision: revision, complete: true, shown: shown, gone: gone)
        }
    }
}

/// Writing the sky change feed, inside the caller's write transaction.
enum SQLiteSkyFeed {
    /// Moves the revision and returns its new value, the tag of this transaction's feed rows.
    static func nextRevision(in db: Database) throws -> Int64 {
        try CounterRecord.increment(.revision, in: db)
        return try CounterRecord.value(of: .revision, in: db)
    }

    /// Records that the worries `ids` (with when) may have entered or left the sky at `revision`.
    static func record(_ rows: [(id: String, at: Double)], revision: Int64, in db: Database) throws {
        for row in rows {
            try db.execute(
                sql: "INSERT OR IGNORE INTO skyFeed (revision, worryID, at) VALUES (?, ?, ?)",
                arguments: [revision, row.id, row.at])
        }
    }

    /// Records every public worry of `star` (its hiding or restoring moves them all), expired
    /// or not: a node whose clock is behind may still show one.
    static func record(star: String, revision: Int64, at now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO skyFeed (revision, worryID, at)
                SELECT ?, id, ? FROM worry WHERE star = ? AND visibility = 'public'
                """,
            arguments: [revision, now.timeIntervalSince1970, star])
    }

    /// Deletes the rows written before `now - SkyChanges.retention`, and every row of a revision
    /// not newer than theirs, and raises the floor to the highest revision deleted: the feed
    /// then holds every row newer than the floor.
    static func prune(now: Date, in db: Database) throws {
        let cutoff = now.timeIntervalSince1970 - SkyChanges.retention
        guard
            let pruned = try Int64.fetchOne(
                db, sql: "SELECT MAX(revision) FROM skyFeed WHERE at < ?", arguments: [cutoff])
        else { return }
        try db.execute(sql: "DELETE FROM skyFeed WHERE revision <= ?", arguments: [pruned])
        try db.execute(
            sql: "UPDATE counter SET value = MAX(value, ?) WHERE name = 'skyFeedFloor'", arguments: [pruned])
    }
}
