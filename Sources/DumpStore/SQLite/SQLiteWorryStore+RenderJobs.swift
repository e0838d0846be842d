import Foundation
import GRDB

/// Clip renders: one durable `clip` row per clip key, shared by every worry showing it,
/// claimed under a lease, fenced on the attempt number, rescued when a lease runs out.
///
/// SQLite has one writer at a time, so each statement below runs in a write transaction
/// and two processes on one file can never claim the same attempt.
extension SQLiteWorryStore {
    public func claimRenderJob(worker: String, now: Date, lease: TimeInterval) async throws -> RenderJob? {
        let seconds = now.timeIntervalSince1970
        return try await write("claim a render job") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT clip.key, clip.text, clip.attempts, clip.runAfter, clip.base, clip.version FROM clip
                    WHERE clip.status = ? AND clip.runAfter <= ?
                      AND EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.base AND worry.expiresAt > ?)
                    ORDER BY clip.runAfter, clip.rowid
                    LIMIT 1
                    """,
                arguments: [ClipStatus.queued, seconds, seconds]
            )
            guard let row else { return nil }
            let key: String = row["key"]
            let attempts: Int = row["attempts"]
            try db.execute(
                sql: """
                    UPDATE clip SET status = ?, attempts = attempts + 1, leaseUntil = ?, worker = ?, updatedAt = ?
                    WHERE key = ?
                    """,
                arguments: [ClipStatus.rendering, seconds + lease, worker, seconds, key])
            return RenderJob(
                key: ClipKey(rawValue: key), text: row["text"], attempts: attempts + 1,
                leaseUntil: Date(timeIntervalSince1970: seconds + lease),
                dueAt: Date(timeIntervalSince1970: row["runAfter"] as Double),
                base: ClipKey(rawValue: row["base"]), version: row["version"])
        }
    }

    public func extendLease(_ job: RenderJob, until: Date) async throws -> Bool {
        try await write("extend a render lease") { db in
            try db.execute(
                sql: "UPDATE clip SET leaseUntil = ? WHERE key = ? AND status = ? AND attempts = ?",
                arguments: [until.timeIntervalSince1970, job.key.rawValue, ClipStatus.rendering, job.attempts])
            return db.changesCount > 0
        }
    }

    /// Clip files stay in the data folder with SQLite: `files` must be empty. Only when a live
    /// worry still shows the clip (one that expired during the render gets nothing).
    public func completeRenderJob(_ job: RenderJob, files: [ClipFile], now: Date) async throws -> Bool {
        try await write("mark a clip rendered") { db in
            try db.execute(
                sql: """
                    UPDATE clip SET status = ?, lastError = NULL, leaseUntil = NULL, worker = NULL, updatedAt = ?
                    WHERE key = ? AND status = ? AND attempts = ?
                      AND EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.base AND worry.expiresAt > ?)
                    """,
                arguments: [
                    ClipStatus.ready, now.timeIntervalSince1970, job.key.rawValue, ClipStatus.rendering, job.attempts,
                    now.timeIntervalSince1970,
                ])
            return db.changesCount > 0
        }
    }

    public func failRenderJob(
        _ job: RenderJob, error: String, transient: Bool, maxAttempts: Int, retryAt: Date, now: Date
    ) async throws -> ClipStatus? {
        try await write("record a render failure") { db in
            let status: ClipStatus = !transient && job.attempts >= maxAttempts ? .failed : .queued
            try db.execute(
                sql: """
                    UPDATE clip SET status = ?, attempts = attempts - ?, lastError = ?, runAfter = ?,
                        leaseUntil = NULL, worker = NULL, updatedAt = ?
                    WHERE key = ? AND status = ? AND attempts = ?
                    """,
                arguments: [
                    status, transient ? 1 : 0, error, retryAt.timeIntervalSince1970, now.timeIntervalSince1970,
                    job.key.rawValue, ClipStatus.rendering, job.attempts,
                ])
            return db.changesCount > 0 ? status : nil
        }
    }

    public func rescueExpiredLeases(now: Date, maxAttempts: Int) async throws -> Int {
        let seconds = now.timeIntervalSince1970
        return try await write("rescue render jobs whose lease ended") { db in
            try db.execute(
                sql: """
                    UPDATE clip SET status = CASE WHEN attempts >= ? THEN ? ELSE ? END,
                        lastError = 'the renderer stopped answering (lease ended)',
                        runAfter = ?, leaseUntil = NULL, worker = NULL, updatedAt = ?
                    WHERE status = ? AND leaseUntil < ?
                    """,
                arguments: [maxAttempts, ClipStatus.failed, ClipStatus.queued, seconds, seconds, ClipStatus.rendering, seconds])
            return db.changesCount
        }
    }

    public func retryFailedClip(worryID: WorryID, after: TimeInterval, now: Date) async throws -> Bool {
        let seconds = now.timeIntervalSince1970
        return try await write("queue a failed clip again") { db in
            try db.execute(
                sql: """
                    UPDATE clip SET status = ?, attempts = MAX(0, attempts - 1), runAfter = ?, updatedAt = ?
                    WHERE status = ? AND updatedAt <= ?
                      AND key = (SELECT clipKey FROM worry WHERE id = ? AND expiresAt > ?)
                    """,
                arguments: [ClipStatus.queued, seconds, seconds, ClipStatus.failed, seconds - after, worryID.rawValue, seconds])
            return db.changesCount > 0
        }
    }

    /// The clip of `worryID`: key, status, and how many queued clips go before it; nil when
    /// the worry is unknown or swept.
    public func clipState(worryID: WorryID) async throws -> ClipState? {
        try await read("read a clip's status") { db in
            guard
                let key = try String.fetchOne(db, sql: "SELECT clipKey FROM worry WHERE id = ?", arguments: [worryID.rawValue])
            else { return nil }
            return try Self.clipState(db, key: key)
        }
    }

    public func requestClipVersion(of key: ClipKey, version: String, retryAfter: TimeInterval, now: Date) async throws
        -> ClipState?
    {
        let (seconds, row) = (now.timeIntervalSince1970, key.version(version).rawValue)
        // Asked again and again while it is made: a read answers (SQLite has one writer, and a
        // flood of such requests must not queue the posts behind it)
        let known = try await read("read a version of a clip") { db -> ClipState?? in
            guard try Self.readyLiveClipText(db, key: key, now: seconds) != nil else { return .some(nil) }
            guard let state = try Self.clipState(db, key: row) else { return nil }
            if state.status == .failed,
                try Double.fetchOne(db, sql: "SELECT updatedAt FROM clip WHERE key = ?", arguments: [row]) ?? 0 <= seconds
                    - retryAfter
            {
                return nil
            }
            return .some(state)
        }
        if let known { return known }
        return try await write("ask for a version of a clip") { db in
            guard let text = try Self.readyLiveClipText(db, key: key, now: seconds) else { return nil }
            try ClipRecord(
                key: row, text: text, status: .queued, attempts: 0, lastError: nil, updatedAt: seconds,
                runAfter: seconds, base: key.rawValue, version: version
            ).insert(db, onConflict: .ignore)
            try db.execute(
                sql: """
                    UPDATE clip SET status = ?, attempts = MAX(0, attempts - 1), runAfter = ?, updatedAt = ?
                    WHERE key = ? AND status = ? AND updatedAt <= ?
                    """,
                arguments: [ClipStatus.queued, seconds, seconds, row, ClipStatus.failed, seconds - retryAfter])
            return try Self.clipState(db, key: row)
        }
    }

    /// The words of clip `key` when it is ready and a live worry still shows it: only such a
    /// clip has versions made.
    static func readyLiveClipText(_ db: Database, key: ClipKey, now seconds: Double) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT text FROM clip WHERE key = ? AND version = '' AND status = ?
                  AND EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.key AND worry.expiresAt > ?)
                """,
            arguments: [key.rawValue, ClipStatus.ready, seconds])
    }

    /// The state of the clip row `key` (a clip or a version), with its place in the queue.
    static func clipState(_ db: Database, key: String) throws -> ClipState? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT key, status, runAfter, rowid AS position FROM clip WHERE key = ?", arguments: [key])
        else { return nil }
        let status: ClipStatus = row["status"]
        var ahead = 0
        if status == .queued {
            let runAfter: Double = row["runAfter"]
            let position: Int64 = row["position"]
            ahead =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM (SELECT 1 FROM clip WHERE status = ?
                        AND (runAfter < ? OR (runAfter = ? AND rowid < ?)) LIMIT ?)
                        """,
                    arguments: [ClipStatus.queued, runAfter, runAfter, position, ClipState.aheadLimit]) ?? 0
        }
        return ClipState(key: ClipKey(rawValue: row["key"]), status: status, queuedAhead: ahead)
    }

    public func clipText(key: ClipKey) async throws -> String? {
        try await read("read a clip's text") { db in
            try String.fetchOne(db, sql: "SELECT text FROM clip WHERE key = ?", arguments: [key.rawValue])
        }
    }

    public func renderBacklog(now: Date) async throws -> RenderBacklog {
        try await read("count render jobs") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS pending,
                           MIN(CASE WHEN status = 'queued' THEN runAfter END) AS oldest
                    FROM clip WHERE status IN ('queued', 'rendering')
                    """)
            let oldest: Double? = row?["oldest"]
            return RenderBacklog(
                pending: row?["pending"] ?? 0,
                oldestQueuedSeconds: oldest.map { max(0, now.timeIntervalSince1970 - $0) } ?? 0)
        }
    }

    /// Nil: processes sharing a SQLite file poll for jobs.
    public func jobSignals() -> AsyncStream<Void>? { nil }
}
