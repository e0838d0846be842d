import Foundation
import GRDB

/// Clip renders: one durable `clip` row per clip key, shared by every worry showing it,
/// claimed by the render queue, resumable after a restart.
extension SQLiteWorryStore {
    /// Marks the clip queued longest that a worry alive at `now` still shows as rendering
    /// (attempts + 1) and returns it; nil when there is none.
    ///
    /// "Longest" is the time the clip was queued, so a retried clip waits behind the ones
    /// already queued and one failing clip cannot hold up the others. Select and update run
    /// in one write transaction, so two workers never claim the same clip.
    public func claimRenderJob(now: Date) throws -> RenderJob? {
        let seconds = now.timeIntervalSince1970
        return try write("claim a render job") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT clip.key, clip.text, clip.attempts FROM clip
                    WHERE clip.status = ?
                      AND EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.key AND worry.expiresAt > ?)
                    ORDER BY clip.updatedAt, clip.rowid
                    LIMIT 1
                    """,
                arguments: [ClipStatus.queued, seconds]
            )
            guard let row else { return nil }
            let key: String = row["key"]
            let text: String = row["text"]
            let attempts: Int = row["attempts"]
            try ClipRecord.filter(key: key).updateAll(
                db,
                ClipRecord.Columns.status.set(to: ClipStatus.rendering),
                ClipRecord.Columns.attempts += 1,
                ClipRecord.Columns.updatedAt.set(to: seconds)
            )
            return RenderJob(key: ClipKey(rawValue: key), text: text, attempts: attempts + 1)
        }
    }

    /// Marks the clip `key` ready. Does nothing if it was swept meanwhile.
    public func completeRenderJob(key: ClipKey, now: Date) throws {
        try write("mark a clip rendered") { db in
            _ = try ClipRecord.filter(key: key.rawValue).updateAll(
                db,
                ClipRecord.Columns.status.set(to: ClipStatus.ready),
                ClipRecord.Columns.lastError.set(to: nil),
                ClipRecord.Columns.updatedAt.set(to: now.timeIntervalSince1970)
            )
        }
    }

    /// Records `error` on a clip being rendered: queued again while attempts < `maxAttempts`,
    /// failed for good after that. Does nothing if it is not rendering (swept, or finished).
    public func failRenderJob(key: ClipKey, error: String, maxAttempts: Int, now: Date) throws {
        try write("record a render failure") { db in
            try db.execute(
                sql: """
                    UPDATE clip
                    SET status = CASE WHEN attempts >= ? THEN ? ELSE ? END,
                        lastError = ?, updatedAt = ?
                    WHERE key = ? AND status = ?
                    """,
                arguments: [
                    maxAttempts, ClipStatus.failed, ClipStatus.queued,
                    error, now.timeIntervalSince1970,
                    key.rawValue, ClipStatus.rendering,
                ]
            )
        }
    }

    /// Puts every clip left rendering back in the queue (call once at start-up, before
    /// workers run); returns how many. The interrupted attempt still counts toward the limit.
    public func requeueInterruptedJobs() throws -> Int {
        try write("requeue interrupted render jobs") { db in
            try ClipRecord
                .filter(ClipRecord.Columns.status == ClipStatus.rendering)
                .updateAll(db, ClipRecord.Columns.status.set(to: ClipStatus.queued))
        }
    }

    /// The clip of `worryID`: key, status, and how many queued clips go before it; nil when
    /// the worry is unknown or swept.
    public func clipState(worryID: WorryID) throws -> ClipState? {
        try read("read a clip's status") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT clip.key, clip.status, clip.updatedAt, clip.rowid AS position FROM worry
                        JOIN clip ON clip.key = worry.clipKey WHERE worry.id = ?
                        """,
                    arguments: [worryID.rawValue])
            else { return nil }
            let status: ClipStatus = row["status"]
            var ahead = 0
            if status == .queued {
                let updatedAt: Double = row["updatedAt"]
                let position: Int64 = row["position"]
                ahead = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM clip WHERE status = ?
                        AND (updatedAt < ? OR (updatedAt = ? AND rowid < ?))
                        """,
                    arguments: [ClipStatus.queued, updatedAt, updatedAt, position]) ?? 0
            }
            return ClipState(key: ClipKey(rawValue: row["key"]), status: status, queuedAhead: ahead)
        }
    }

    /// The text of clip `key`.
    public func clipText(key: ClipKey) throws -> String? {
        try read("read a clip's text") { db in
            try ClipRecord.fetchOne(db, key: key.rawValue)?.text
        }
    }

    /// Clips queued or rendering, for metrics and wait estimates.
    public func pendingJobCount() throws -> Int {
        try read("count render jobs") { db in
            try ClipRecord
                .filter([ClipStatus.queued, ClipStatus.rendering].contains(ClipRecord.Columns.status))
                .fetchCount(db)
        }
    }
}
