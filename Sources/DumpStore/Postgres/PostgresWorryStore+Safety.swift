import Foundation
import PostgresNIO

/// Deletes, reports and moderation on PostgreSQL: one transaction each, so two nodes deleting
/// or reporting at once agree, and every change moves the shared revision (every node's sky
/// drops the star at its next poll).
extension PostgresWorryStore {
    public func owns(worryID id: WorryID, owner: OwnerToken) async throws -> Bool {
        let (id, hash) = (id.rawValue, OwnerHash(owner).hex)
        return try await run("check a worry's owner") { connection in
            try await !connection.query(
                "SELECT 1 FROM worry WHERE id = \(id) AND owner_hash = \(hash)", logger: self.logger
            ).collect().isEmpty
        }
    }

    public func deleteWorry(id: WorryID, owner: OwnerToken?, now: Date) async throws -> DeletedWorry? {
        let (raw, hash, seconds) = (id.rawValue, owner.map { OwnerHash($0).hex }, now.timeIntervalSince1970)
        return try await transaction("delete a worry") { connection, logger in
            let deleted = try await connection.query(
                """
                DELETE FROM worry WHERE id = \(raw) AND (\(hash)::text IS NULL OR owner_hash = \(hash)::text)
                RETURNING clip_key, expires_at, visibility
                """, logger: logger
            ).collect().first.map { try $0.decode((String, Double, String).self) }
            guard let (key, expires, visibility) = deleted else { return nil }
            try await connection.query("DELETE FROM idempotency WHERE worry_id = \(raw)", logger: logger)
            try await connection.query(
                """
                INSERT INTO tombstone (id, expires_at) VALUES (\(raw), \(max(expires, seconds)))
                ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at
                """, logger: logger)
            let orphan = try await !connection.query(
                """
                DELETE FROM clip WHERE base = \(key) AND NOT EXISTS (SELECT 1 FROM worry WHERE clip_key = \(key))
                RETURNING key
                """, logger: logger
            ).collect().isEmpty
            try await Self.forgetGone(connection, logger: logger, now: seconds)
            let revision = try await Self.nextRevision(connection, logger: logger)
            if visibility == WorryVisibility.public.rawValue {
                try await Self.recordSkyChanges([raw], at: [seconds], revision: revision, connection, logger: logger)
            }
            return DeletedWorry(id: id, clip: orphan ? ClipKey(rawValue: key) : nil)
        }
    }

    public func wasDeleted(id: WorryID, now: Date) async throws -> Bool {
        let (raw, seconds) = (id.rawValue, now.timeIntervalSince1970)
        return try await run("read a tombstone") { connection in
            try await !connection.query(
                "SELECT 1 FROM tombstone WHERE id = \(raw) AND expires_at > \(seconds)", logger: self.logger
            ).collect().isEmpty
        }
    }

    public func report(star: String, reporter: OwnerToken, reason: ReportReason, now: Date) async throws -> ReportOutcome {
        let (hash, why, seconds) = (ReporterHash(reporter).hex, reason.rawValue, now.timeIntervalSince1970)
        return try await transaction("file a report") { connection, logger in
            // Reports of one star queue behind each other, so the threshold is crossed once.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(star)))", logger: logger)
            let counted = try await !connection.query(
                """
                INSERT INTO report (star, reporter_hash, reason, created_at) VALUES (\(star), \(hash), \(why), \(seconds))
                ON CONFLICT DO NOTHING RETURNING star
                """, logger: logger
            ).collect().isEmpty
            let state = try await connection.query("SELECT state FROM star_state WHERE star = \(star)", logger: logger)
                .collect().first?.decode(String.self)
            if state == "hidden" { return ReportOutcome(counted: counted, hidden: true, hidNow: false) }
            var reporters: [ReportReason: Int] = [:]
            for row in try await connection.query(
                "SELECT reason, COUNT(*)::int FROM report WHERE star = \(star) GROUP BY reason", logger: logger
            ).collect() {
                let (reason, count) = try row.decode((String, Int).self)
                if let reason = ReportReason(rawValue: reason) { reporters[reason] = count }
            }
            guard ReportRule.hides(reporters: reporters) else {
                return ReportOutcome(counted: counted, hidden: false, hidNow: false)
            }
            try await connection.query(
                """
                INSERT INTO star_state (star, state, by, updated_at) VALUES (\(star), 'hidden', 'reports', \(seconds))
                ON CONFLICT (star) DO UPDATE SET state = 'hidden', by = 'reports', updated_at = excluded.updated_at
                """, logger: logger)
            // The star's worries are read after the revision is taken (see `nextRevision`).
            let revision = try await Self.nextRevision(connection, logger: logger)
            try await Self.recordSkyChanges(star: star, revision: revision, at: seconds, connection, logger: logger)
            return ReportOutcome(counted: counted, hidden: true, hidNow: true)
        }
    }

    public func moderate(star: String, hidden: Bool, now: Date) async throws -> Bool {
        let (state, seconds) = (hidden ? "hidden" : "restored", now.timeIntervalSince1970)
        return try await transaction("moderate a star") { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(star)))", logger: logger)
            let live = try await !connection.query(
                "SELECT 1 FROM worry WHERE star = \(star) AND expires_at > \(seconds) LIMIT 1", logger: logger
            ).collect().isEmpty
            guard live else { return false }
            try await connection.query(
                """
                INSERT INTO star_state (star, state, by, updated_at) VALUES (\(star), \(state), 'operator', \(seconds))
                ON CONFLICT (star) DO UPDATE SET state = excluded.state, by = 'operator', updated_at = excluded.updated_at
                """, logger: logger)
            if !hidden { try await connection.query("DELETE FROM report WHERE star = \(star)", logger: logger) }
            // The star's worries are read after the revision is taken (see `nextRevision`).
            let revision = try await Self.nextRevision(connection, logger: logger)
            try await Self.recordSkyChanges(star: star, revision: revision, at: seconds, connection, logger: logger)
            return true
        }
    }

    public func moderationQueue(now: Date, limit: Int) async throws -> [ModerationItem] {
        let (seconds, limit) = (now.timeIntervalSince1970, max(0, limit))
        let stars = try await run("list reported stars") { connection in
            try await connection.query(
                """
                SELECT s.star FROM (SELECT star FROM report UNION SELECT star FROM star_state) AS s
                WHERE EXISTS (SELECT 1 FROM worry WHERE worry.star = s.star AND worry.expires_at > \(seconds))
                ORDER BY (SELECT COUNT(*) FROM report WHERE report.star = s.star) DESC, s.star
                LIMIT \(limit)
                """, logger: self.logger
            ).collect().map { try $0.decode(String.self) }
        }
        var items: [ModerationItem] = []
        for star in stars {
            if let item = try await moderationItem(star: star, now: now) { items.append(item) }
        }
        return items
    }

    public func moderationItem(star: String, now: Date) async throws -> ModerationItem? {
        let seconds = now.timeIntervalSince1970
        return try await run("read a star's reports") { connection in
            let worries = try await Self.worries(
                connection.query(
                    "\(unescaped: Self.selectShown) WHERE star = \(star) AND expires_at > \(seconds) ORDER BY created_at, seq",
                    logger: self.logger))
            guard !worries.isEmpty else { return nil }
            var reports: [String: Int] = [:]
            var last: Double?
            for row in try await connection.query(
                "SELECT reason, COUNT(*)::int, MAX(created_at) FROM report WHERE star = \(star) GROUP BY reason",
                logger: self.logger
            ).collect() {
                let (reason, count, at) = try row.decode((String, Int, Double).self)
                reports[reason] = count
                last = max(last ?? at, at)
            }
            let state = try await connection.query(
                "SELECT state, by FROM star_state WHERE star = \(star)", logger: self.logger
            ).collect().first.map { try $0.decode((String, String).self) }
            return ModerationItem(
                star: star, worries: worries, reports: reports, state: state?.0 ?? "public", by: state?.1,
                lastReportAt: last.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Forgets tombstones past their time and the reports and moderation of stars no worry
    /// shows any more (inside the caller's transaction).
    static func forgetGone(_ connection: PostgresConnection, logger: Logger, now seconds: Double) async throws {
        try await connection.query("DELETE FROM tombstone WHERE expires_at <= \(seconds)", logger: logger)
        try await connection.query("DELETE FROM idempotency WHERE expires_at <= \(seconds)", logger: logger)
        try await connection.query(
            "DELETE FROM report WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.star = report.star)", logger: logger)
        try await connection.query(
            "DELETE FROM star_state WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.star = star_state.star)", logger: logger)
    }
}
