import Foundation
import PostgresNIO

/// The sky change feed on PostgreSQL: every transaction that moves the revision records, in
/// `sky_feed`, the public worries whose sky membership it may change, tagged with its new
/// revision; a reader reads the revision, the floor and the rows in one REPEATABLE READ
/// snapshot.
///
/// Why a snapshot that sees revision r also sees every transaction of a revision below r (so
/// a reader that saw r can never later find a lower revision committed behind it):
/// * Every transaction that moves the revision does so with `UPDATE counter … WHERE name =
///   'revision'` (`nextRevision`), which locks that row until the transaction ends. A second
///   writer's UPDATE waits for the first to commit and then adds one to the value it committed
///   (READ COMMITTED re-reads the newest row version), so revisions are handed out one at a
///   time, in the order of the row lock, and a revision is never handed out twice.
/// * PostgreSQL marks a committing transaction visible to new snapshots before it releases its
///   locks (`CommitTransaction` in xact.c calls `ProcArrayEndTransaction` before
///   `ResourceOwnerRelease`, "else a waiter could see us still running"). So when the writer of
///   r + 1 gets the row, the writer of r is already visible to every new snapshot, and any
///   snapshot that sees r + 1 was taken after both.
/// * A transaction that reads the worries it records from the database (hiding or restoring a
///   star records every worry of the star) reads them after it took its revision: its READ
///   COMMITTED statement then sees every transaction of a lower revision, and a worry of the
///   star stored by a transaction of a higher revision carries a row of its own. (Read before
///   taking the revision, it could miss a worry committed in between, under a lower revision.)
/// * Nothing after `nextRevision` in a transaction waits for another lock (feed rows of one
///   revision are only written by its own transaction), so holding the row to the commit adds
///   no deadlock.
/// So the existing counter update already serialises writers as the feed needs; no extra lock
/// is taken.
extension PostgresWorryStore {
    public func skyChanges(after: Int64, now: Date) async throws -> SkyChanges {
        let seconds = now.timeIntervalSince1970
        return try await snapshot("read the sky's changes") { connection, logger in
            var counters: [String: Int64] = [:]
            for row in try await connection.query(
                "SELECT name, value FROM counter WHERE name IN ('revision', 'sky_feed_floor')", logger: logger
            ).collect() {
                let (name, value) = try row.decode((String, Int64).self)
                counters[name] = value
            }
            guard let revision = counters["revision"], let floor = counters["sky_feed_floor"] else {
                throw StoreError.corruptData(detail: "the revision or sky feed floor counter is missing")
            }
            guard after >= floor, after <= revision else {
                return SkyChanges(revision: revision, complete: false, shown: [], gone: [])
            }
            let ids = try await connection.query(
                "SELECT DISTINCT worry_id FROM sky_feed WHERE revision > \(after)", logger: logger
            ).collect().map { try $0.decode(String.self) }
            let shown = try await Self.worries(
                connection.query(
                    """
                    SELECT id, text, created_at, expires_at, clip_key, star, 'public' FROM worry
                    WHERE id IN (SELECT worry_id FROM sky_feed WHERE revision > \(after))
                      AND expires_at > \(seconds) AND visibility = 'public'
                      AND NOT EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden')
                    ORDER BY created_at, seq
                    """, logger: logger))
            let inSky = Set(shown.map(\.id.rawValue))
            let gone = try ids.filter { !inSky.contains($0) }.sorted().map { try WorryID.stored($0) }
            return SkyChanges(revision: revision, complete: true, shown: shown, gone: gone)
        }
    }

    /// Moves the revision and returns its new value, the tag of this transaction's feed rows.
    /// Takes the counter row's lock, held until the transaction ends (see above): call it
    /// before reading which worries to record, and wait for no other lock after it.
    static func nextRevision(_ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        guard
            let row = try await connection.query(
                "UPDATE counter SET value = value + 1 WHERE name = 'revision' RETURNING value", logger: logger
            ).collect().first
        else { throw StoreError.corruptData(detail: "the revision counter is missing") }
        return try row.decode(Int64.self)
    }

    /// Records that the worries `ids` (each with when, seconds since 1970) may have entered or
    /// left the sky at `revision`.
    static func recordSkyChanges(
        _ ids: [String], at: [Double], revision: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        guard !ids.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO sky_feed (revision, worry_id, at)
            SELECT \(revision), i, a FROM unnest(\(ids)::text[], \(at)::float8[]) AS x(i, a)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Records every public worry of `star` (hiding or restoring it moves them all), expired or
    /// not: a node whose clock is behind may still show one. Call after `nextRevision`.
    static func recordSkyChanges(
        star: String, revision: Int64, at seconds: Double, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO sky_feed (revision, worry_id, at)
            SELECT \(revision), id, \(seconds) FROM worry WHERE star = \(star) AND visibility = 'public'
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    /// Deletes the feed rows written before `now - SkyChanges.retention`, and every row of a
    /// revision not newer than theirs, and raises the floor to the highest revision deleted: the
    /// feed then holds every row newer than the floor. Inside the sweep's transaction.
    static func pruneSkyFeed(now seconds: Double, _ connection: PostgresConnection, logger: Logger) async throws {
        let cutoff = seconds - SkyChanges.retention
        guard
            let pruned = try await connection.query(
                "SELECT MAX(revision) FROM sky_feed WHERE at < \(cutoff)", logger: logger
            ).collect().first?.decode(Int64?.self)
        else { return }
        try await connection.query("DELETE FROM sky_feed WHERE revision <= \(pruned)", logger: logger)
        try await connection.query(
            "UPDATE counter SET value = GREATEST(value, \(pruned)) WHERE name = 'sky_feed_floor'", logger: logger)
    }
}
