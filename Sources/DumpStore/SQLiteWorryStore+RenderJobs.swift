import Foundation
import GRDB

/// Render jobs: one durable row per worry, claimed by the render queue, resumable after a restart.
extension SQLiteWorryStore {
    /// Marks the oldest pending job of a worry still alive at `now` as running (attempts + 1)
    /// and returns it; nil when there is none.
    ///
    /// "Oldest" is the time the job became pending, so a retried job waits behind the ones
    /// already queued and one failing clip cannot hold up the others. Select and update run
    /// in one write transaction, so two workers never claim the same job.
    public func claimRenderJob(now: Date) throws -> RenderJob? {
        let seconds = now.timeIntervalSince1970
        return try write("claim a render job") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT renderJob.worryID, worry.text, renderJob.attempts
                    FROM renderJob JOIN worry ON worry.id = renderJob.worryID
                    WHERE renderJob.status = ? AND worry.expiresAt > ?
                    ORDER BY renderJob.updatedAt, worry.createdAt, worry.rowid
                    LIMIT 1
                    """,
                arguments: [RenderJobStatus.pending, seconds]
            )
            guard let row else { return nil }
            let id: String = row["worryID"]
            let text: String = row["text"]
            let attempts: Int = row["attempts"]
            try RenderJobRecord.filter(key: id).updateAll(
                db,
                RenderJobRecord.Columns.status.set(to: RenderJobStatus.running),
                RenderJobRecord.Columns.attempts += 1,
                RenderJobRecord.Columns.updatedAt.set(to: seconds)
            )
            return RenderJob(worryID: try WorryID.stored(id), text: text, attempts: attempts + 1)
        }
    }

    /// Marks the job of `worryID` done: its clip is ready. Does nothing if the worry was swept.
    public func completeRenderJob(worryID: WorryID, now: Date) throws {
        try write("mark a render job done") { db in
            _ = try RenderJobRecord.filter(key: worryID.rawValue).updateAll(
                db,
                RenderJobRecord.Columns.status.set(to: RenderJobStatus.done),
                RenderJobRecord.Columns.lastError.set(to: nil),
                RenderJobRecord.Columns.updatedAt.set(to: now.timeIntervalSince1970)
            )
        }
    }

    /// Records `error` on a running job: back to pending while attempts < `maxAttempts`,
    /// failed for good after that. Does nothing if the job is not running (swept, or finished).
    public func failRenderJob(worryID: WorryID, error: String, maxAttempts: Int, now: Date) throws {
        try write("record a render failure") { db in
            try db.execute(
                sql: """
                    UPDATE renderJob
                    SET status = CASE WHEN attempts >= ? THEN ? ELSE ? END,
                        lastError = ?, updatedAt = ?
                    WHERE worryID = ? AND status = ?
                    """,
                arguments: [
                    maxAttempts, RenderJobStatus.failed, RenderJobStatus.pending,
                    error, now.timeIntervalSince1970,
                    worryID.rawValue, RenderJobStatus.running,
                ]
            )
        }
    }

    /// Puts every running job back to pending (call once at start-up, before workers run);
    /// returns how many. The interrupted attempt still counts toward the retry limit.
    public func requeueInterruptedJobs() throws -> Int {
        try write("requeue interrupted render jobs") { db in
            try RenderJobRecord
                .filter(RenderJobRecord.Columns.status == RenderJobStatus.running)
                .updateAll(db, RenderJobRecord.Columns.status.set(to: RenderJobStatus.pending))
        }
    }

    /// pending/running → `.pending`, done → `.ready`, failed → `.failed`; nil when the worry
    /// has no job (unknown or swept).
    public func clipStatus(worryID: WorryID) throws -> ClipStatus? {
        try read("read a clip's status") { db in
            try RenderJobRecord.fetchOne(db, key: worryID.rawValue)?.status.clipStatus
        }
    }

    /// Jobs waiting or in progress (pending + running), for metrics.
    public func pendingJobCount() throws -> Int {
        try read("count render jobs") { db in
            try RenderJobRecord
                .filter([RenderJobStatus.pending, RenderJobStatus.running].contains(RenderJobRecord.Columns.status))
                .fetchCount(db)
        }
    }
}
