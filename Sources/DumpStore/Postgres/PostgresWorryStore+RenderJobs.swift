import Foundation
import PostgresNIO

/// Render jobs the way mature PostgreSQL queues take them (River, Oban, graphile-worker): a
/// claim is one short `UPDATE … WHERE key = (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`, so
/// concurrent workers skip each other's rows instead of waiting; the render runs outside any
/// transaction under a lease; completion is fenced on the attempt number.
extension PostgresWorryStore {
    /// Advisory-lock key of the lease rescuer: one process rescues at a time.
    static let rescuerLock: Int64 = 0x0D0_4B17_0001

    public func claimRenderJob(worker: String, now: Date, lease: TimeInterval) async throws -> RenderJob? {
        let (seconds, until) = (now.timeIntervalSince1970, now.timeIntervalSince1970 + lease)
        return try await run("claim a render job") { connection in
            let rows = try await connection.query(
                """
                UPDATE clip SET status = 'rendering', attempts = attempts + 1, lease_until = \(until),
                    worker = \(worker), updated_at = \(seconds)
                WHERE key = (
                    SELECT c.key FROM clip c
                    WHERE c.status = 'queued' AND c.run_after <= \(seconds)
                      AND EXISTS (SELECT 1 FROM worry w WHERE w.clip_key = c.base AND w.expires_at > \(seconds))
                    ORDER BY c.run_after, c.seq
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING key, text, attempts, run_after, base, version
                """, logger: self.logger
            ).collect()
            guard let row = rows.first else { return nil }
            let (key, text, attempts, due, base, version) = try row.decode((String, String, Int, Double, String, String).self)
            return RenderJob(
                key: ClipKey(rawValue: key), text: text, attempts: attempts, leaseUntil: Date(timeIntervalSince1970: until),
                dueAt: Date(timeIntervalSince1970: due), base: ClipKey(rawValue: base), version: version)
        }
    }

    public func extendLease(_ job: RenderJob, until: Date) async throws -> Bool {
        let (key, attempts, seconds) = (job.key.rawValue, job.attempts, until.timeIntervalSince1970)
        return try await run("extend a render lease") { connection in
            try await !connection.query(
                """
                UPDATE clip SET lease_until = \(seconds)
                WHERE key = \(key) AND status = 'rendering' AND attempts = \(attempts) RETURNING key
                """, logger: self.logger
            ).collect().isEmpty
        }
    }

    /// Marks the clip ready and stores its files in one transaction — only when `job` is the
    /// current attempt and a live worry still shows the clip (a worry that expired during the
    /// render gets nothing stored).
    public func completeRenderJob(_ job: RenderJob, files: [ClipFile], now: Date) async throws -> Bool {
        let (key, attempts, seconds) = (job.key.rawValue, job.attempts, now.timeIntervalSince1970)
        return try await transaction("store a rendered clip") { connection, logger in
            let done = try await connection.query(
                """
                UPDATE clip SET status = 'ready', last_error = NULL, lease_until = NULL, worker = NULL,
                    updated_at = \(seconds)
                WHERE key = \(key) AND status = 'rendering' AND attempts = \(attempts)
                  AND EXISTS (SELECT 1 FROM worry w WHERE w.clip_key = clip.base AND w.expires_at > \(seconds))
                RETURNING base
                """, logger: logger
            ).collect()
            guard let base = try done.first?.decode(String.self) else { return false }
            for file in files {
                // under the clip's key: a version's files sit beside the clip's own
                try await connection.query(
                    """
                    INSERT INTO clip_file (key, name, data) VALUES (\(base), \(file.name), \(file.data))
                    ON CONFLICT (key, name) DO UPDATE SET data = excluded.data
                    """, logger: logger)
            }
            return true
        }
    }

    public func failRenderJob(
        _ job: RenderJob, error: String, transient: Bool, maxAttempts: Int, retryAt: Date, now: Date
    ) async throws -> ClipStatus? {
        let status: ClipStatus = !transient && job.attempts >= maxAttempts ? .failed : .queued
        let (key, attempts, back) = (job.key.rawValue, job.attempts, transient ? 1 : 0)
        let (retry, seconds, state) = (retryAt.timeIntervalSince1970, now.timeIntervalSince1970, status.rawValue)
        return try await run("record a render failure") { connection in
            let rows = try await connection.query(
                """
                UPDATE clip SET status = \(state), attempts = attempts - \(back), last_error = \(error),
                    run_after = \(retry), lease_until = NULL, worker = NULL, updated_at = \(seconds)
                WHERE key = \(key) AND status = 'rendering' AND attempts = \(attempts) RETURNING key
                """, logger: self.logger
            ).collect()
            return rows.isEmpty ? nil : status
        }
    }

    /// Under a transaction-scoped advisory lock: when another process is rescuing, returns 0.
    public func rescueExpiredLeases(now: Date, maxAttempts: Int) async throws -> Int {
        let seconds = now.timeIntervalSince1970
        return try await transaction("rescue render jobs whose lease ended") { connection, logger in
            let locked =
                try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.rescuerLock))", logger: logger)
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return 0 }
            let rescued = try await connection.query(
                """
                UPDATE clip SET status = CASE WHEN attempts >= \(maxAttempts) THEN 'failed' ELSE 'queued' END,
                    last_error = 'the renderer stopped answering (lease ended)',
                    run_after = \(seconds), lease_until = NULL, worker = NULL, updated_at = \(seconds)
                WHERE status = 'rendering' AND lease_until < \(seconds)
                RETURNING status
                """, logger: logger
            ).collect()
            if try rescued.contains(where: { try $0.decode(String.self) == "queued" }) {
                try await connection.query("SELECT pg_notify('dumpit_jobs', '')", logger: logger)
            }
            return rescued.count
        }
    }

    public func retryFailedClip(worryID: WorryID, after: TimeInterval, now: Date) async throws -> Bool {
        let (id, seconds, before) = (worryID.rawValue, now.timeIntervalSince1970, now.timeIntervalSince1970 - after)
        return try await transaction("queue a failed clip again") { connection, logger in
            let rows = try await connection.query(
                """
                UPDATE clip SET status = 'queued', attempts = GREATEST(0, attempts - 1), run_after = \(seconds),
                    updated_at = \(seconds)
                WHERE status = 'failed' AND updated_at <= \(before)
                  AND key = (SELECT clip_key FROM worry WHERE id = \(id) AND expires_at > \(seconds))
                RETURNING key
                """, logger: logger
            ).collect()
            guard !rows.isEmpty else { return false }
            try await connection.query("SELECT pg_notify('dumpit_jobs', '')", logger: logger)
            return true
        }
    }

    public func clipState(worryID: WorryID) async throws -> ClipState? {
        let id = worryID.rawValue
        return try await run("read a clip's status") { connection in
            guard
                let key = try await connection.query("SELECT clip_key FROM worry WHERE id = \(id)", logger: self.logger)
                    .collect().first?.decode(String.self)
            else { return nil }
            return try await Self.clipState(connection, key: key, logger: self.logger)
        }
    }

    public func requestClipVersion(of key: ClipKey, version: String, retryAfter: TimeInterval, now: Date) async throws
        -> ClipState?
    {
        let (base, row, seconds) = (key.rawValue, key.version(version).rawValue, now.timeIntervalSince1970)
        let before = seconds - retryAfter
        // Asked again and again while it is made: one read answers, no write
        let known = try await run("read a version of a clip") { connection -> ClipState?? in
            guard try await Self.isReadyAndLive(connection, clip: base, now: seconds, logger: self.logger) else {
                return .some(nil)
            }
            let retryable = try await !connection.query(
                "SELECT 1 FROM clip WHERE key = \(row) AND status = 'failed' AND updated_at <= \(before)", logger: self.logger
            ).collect().isEmpty
            guard !retryable, let state = try await Self.clipState(connection, key: row, logger: self.logger) else { return nil }
            return .some(state)
        }
        if let known { return known }
        return try await transaction("ask for a version of a clip") { connection, logger in
            let queued = try await connection.query(
                """
                INSERT INTO clip (key, text, status, attempts, updated_at, run_after, base, version)
                SELECT \(row), c.text, 'queued', 0, \(seconds), \(seconds), c.key, \(version) FROM clip c
                WHERE c.key = \(base) AND c.version = '' AND c.status = 'ready'
                  AND EXISTS (SELECT 1 FROM worry w WHERE w.clip_key = c.key AND w.expires_at > \(seconds))
                ON CONFLICT (key) DO UPDATE SET status = 'queued', attempts = GREATEST(0, clip.attempts - 1),
                    run_after = excluded.run_after, updated_at = excluded.updated_at
                  WHERE clip.status = 'failed' AND clip.updated_at <= \(before)
                RETURNING key
                """, logger: logger
            ).collect()
            if !queued.isEmpty {
                try await connection.query("SELECT pg_notify('dumpit_jobs', '')", logger: logger)
            }
            guard try await Self.isReadyAndLive(connection, clip: base, now: seconds, logger: logger) else { return nil }
            return try await Self.clipState(connection, key: row, logger: logger)
        }
    }

    /// Whether clip `key` is ready and a live worry still shows it: only such a clip has
    /// versions made.
    static func isReadyAndLive(_ connection: PostgresConnection, clip key: String, now seconds: Double, logger: Logger)
        async throws -> Bool
    {
        try await !connection.query(
            """
            SELECT 1 FROM clip c WHERE c.key = \(key) AND c.version = '' AND c.status = 'ready'
              AND EXISTS (SELECT 1 FROM worry w WHERE w.clip_key = c.key AND w.expires_at > \(seconds))
            """, logger: logger
        ).collect().isEmpty
    }

    /// The state of the clip row `key` (a clip or a version), with its place in the queue.
    static func clipState(_ connection: PostgresConnection, key: String, logger: Logger) async throws -> ClipState? {
        let rows = try await connection.query(
            """
            SELECT c.key, c.status,
                CASE WHEN c.status = 'queued' THEN (
                    SELECT COUNT(*) FROM (SELECT 1 FROM clip o WHERE o.status = 'queued'
                    AND (o.run_after < c.run_after OR (o.run_after = c.run_after AND o.seq < c.seq))
                    LIMIT \(ClipState.aheadLimit)) AS ahead)
                ELSE 0 END
            FROM clip c WHERE c.key = \(key)
            """, logger: logger
        ).collect()
        guard let row = rows.first else { return nil }
        let (key, status, ahead) = try row.decode((String, String, Int64).self)
        guard let clipStatus = ClipStatus(rawValue: status) else {
            throw StoreError.corruptData(detail: "a clip has the unknown status \(status)")
        }
        return ClipState(key: ClipKey(rawValue: key), status: clipStatus, queuedAhead: Int(ahead))
    }

    public func clipText(key: ClipKey) async throws -> String? {
        let key = key.rawValue
        return try await run("read a clip's text") { connection in
            try await connection.query("SELECT text FROM clip WHERE key = \(key)", logger: self.logger)
                .collect().first?.decode(String.self)
        }
    }

    public func renderBacklog(now: Date) async throws -> RenderBacklog {
        let seconds = now.timeIntervalSince1970
        return try await run("count render jobs") { connection in
            let rows = try await connection.query(
                """
                SELECT COUNT(*), COALESCE(MIN(run_after) FILTER (WHERE status = 'queued'), \(seconds))
                FROM clip WHERE status IN ('queued', 'rendering')
                """, logger: self.logger
            ).collect()
            let (pending, oldest) = try rows.first?.decode((Int64, Double).self) ?? (Int64(0), seconds)
            return RenderBacklog(pending: Int(pending), oldestQueuedSeconds: max(0, seconds - oldest))
        }
    }

    /// A stream that yields whenever `NOTIFY dumpit_jobs` arrives, on one connection held for
    /// it; after a lost connection it reconnects within a second and yields once (jobs may
    /// have been queued meanwhile).
    public func jobSignals() -> AsyncStream<Void>? {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let (client, logger) = (self.client, self.logger)
        let listener = Task {
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: "dumpit_jobs") { notifications in
                            continuation.yield()
                            for try await _ in notifications { continuation.yield() }
                        }
                    }
                } catch {
                    logger.debug("job signal connection lost; reconnecting")
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        continuation.onTermination = { _ in listener.cancel() }
        return stream
    }
}
