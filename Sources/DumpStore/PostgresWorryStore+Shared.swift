import Foundation
import PostgresNIO

/// What the nodes of a fleet share besides worries and jobs: clip files, rate-limit windows,
/// the expiry sweep and archived nights.
extension PostgresWorryStore {
    /// Advisory-lock key of the expiry sweep: one process sweeps at a time.
    static let sweeperLock: Int64 = 0x0D0_4B17_0002

    // MARK: Clip files

    /// True: clip files live in `clip_file`, so any web node serves any clip.
    public var keepsClipFiles: Bool { true }

    public func clipFile(key: ClipKey, name: String) async throws -> Data? {
        let key = key.rawValue
        return try await run("read a clip file") { connection in
            try await connection.query("SELECT data FROM clip_file WHERE key = \(key) AND name = \(name)", logger: self.logger)
                .collect().first?.decode(Data.self)
        }
    }

    // MARK: Secrets

    public func ownerTokenKey() async throws -> [UInt8] {
        var fresh = SystemRandomNumberGenerator()
        let made = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &fresh) })
        let key = try await run("read the owner-token key") { connection in
            try await connection.query(
                "INSERT INTO secret (name, value) VALUES ('owner-token-key', \(made)) ON CONFLICT (name) DO NOTHING",
                logger: self.logger)
            return try await connection.query("SELECT value FROM secret WHERE name = 'owner-token-key'", logger: self.logger)
                .collect().first?.decode(Data.self)
        }
        guard let key, key.count == 32 else { throw StoreError.corruptData(detail: "the owner-token key is not 32 bytes") }
        return Array(key)
    }

    // MARK: Rate limits

    /// One statement: `INSERT … ON CONFLICT … DO UPDATE … RETURNING` counts the request in the
    /// key's fixed window (a new window starts the count again).
    public func admit(rateKey key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Int? {
        guard limit > 0, window > 0 else { return nil }
        let current = RateWindow(containing: now, length: window)
        let start = current.start
        let count = try await run("count a request against a rate limit") { connection in
            try await connection.query(
                """
                INSERT INTO rate_limit (key, window_start, count) VALUES (\(key), \(start), 1)
                ON CONFLICT (key) DO UPDATE SET
                    count = CASE WHEN rate_limit.window_start = excluded.window_start THEN rate_limit.count + 1 ELSE 1 END,
                    window_start = excluded.window_start
                RETURNING count
                """, logger: self.logger
            ).collect().first?.decode(Int.self) ?? 1
        }
        return current.wait(afterCount: count, limit: limit, now: now)
    }

    // MARK: Expiry

    /// Under a transaction-scoped advisory lock, so one node of a fleet sweeps at a time.
    /// Clip files go with their clip (`ON DELETE CASCADE`), in the same transaction.
    public func deleteExpired(now: Date) async throws -> ExpiredSweep {
        let seconds = now.timeIntervalSince1970
        return try await transaction("delete expired worries") { connection, logger in
            let locked = try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.sweeperLock))", logger: logger)
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return ExpiredSweep() }
            try await connection.query("DELETE FROM rate_limit WHERE window_start < \(seconds - 86_400)", logger: logger)
            let worries = try await connection.query(
                "DELETE FROM worry WHERE expires_at <= \(seconds) RETURNING id, created_at, seq", logger: logger
            ).collect().map { try $0.decode((String, Double, Int64).self) }
            try await Self.forgetGone(connection, logger: logger, now: seconds)
            guard !worries.isEmpty else { return ExpiredSweep() }
            let clips = try await connection.query(
                """
                DELETE FROM clip WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.clip_key = clip.base)
                RETURNING key, version
                """, logger: logger
            ).collect().map { try $0.decode((String, String).self) }.filter { $0.1.isEmpty }.map { ClipKey(rawValue: $0.0) }
            try await connection.query("UPDATE counter SET value = value + 1 WHERE name = 'revision'", logger: logger)
            let ids = try worries.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map { try WorryID.stored($0.0) }
            return ExpiredSweep(worries: ids, clips: clips)
        }
    }

    // MARK: Nights

    public func claimNightArchive(date: String, now: Date, seconds: TimeInterval) async throws -> Bool {
        let (start, until) = (now.timeIntervalSince1970, now.timeIntervalSince1970 + seconds)
        return try await run("claim a night's archive") { connection in
            try await !connection.query(
                """
                INSERT INTO night_claim (date, until)
                SELECT \(date), \(until) WHERE NOT EXISTS (SELECT 1 FROM night WHERE date = \(date))
                ON CONFLICT (date) DO UPDATE SET until = excluded.until WHERE night_claim.until <= \(start)
                RETURNING date
                """, logger: self.logger
            ).collect().isEmpty
        }
    }

    public func releaseNightArchive(date: String) async throws {
        try await run("release a night's archive") { connection in
            try await connection.query("DELETE FROM night_claim WHERE date = \(date)", logger: self.logger)
        }
    }

    public func saveNightPoster(date: String, png: Data) async throws {
        try await run("keep a night's poster") { connection in
            try await connection.query("UPDATE night SET poster = \(png) WHERE date = \(date)", logger: self.logger)
        }
    }

    public func nightPoster(date: String) async throws -> Data? {
        try await run("read a night's poster") { connection in
            try await connection.query("SELECT poster FROM night WHERE date = \(date) AND poster IS NOT NULL", logger: self.logger)
                .collect().first?.decode(Data.self)
        }
    }

    public func saveNight(_ night: Night) async throws {
        let (date, count, json, at) = (night.date, night.worryCount, night.skyJSON, night.archivedAt.timeIntervalSince1970)
        try await run("archive a night") { connection in
            try await connection.query(
                """
                INSERT INTO night (date, worry_count, sky_json, archived_at) VALUES (\(date), \(count), \(json), \(at))
                ON CONFLICT (date) DO UPDATE SET worry_count = excluded.worry_count, sky_json = excluded.sky_json,
                    archived_at = excluded.archived_at
                """, logger: self.logger)
        }
    }

    public func nights(before: String?, limit: Int) async throws -> [NightSummary] {
        let (before, limit) = (before ?? "9999", max(0, limit))
        return try await run("list archived nights") { connection in
            try await connection.query(
                "SELECT date, worry_count FROM night WHERE date < \(before) ORDER BY date DESC LIMIT \(limit)",
                logger: self.logger
            ).collect().map { row in
                let (date, count) = try row.decode((String, Int).self)
                return NightSummary(date: date, worryCount: count)
            }
        }
    }

    public func night(date: String) async throws -> Night? {
        try await run("read an archived night") { connection in
            try await Self.nights(
                connection.query(
                    "SELECT date, worry_count, sky_json, archived_at FROM night WHERE date = \(date)", logger: self.logger)
            ).first
        }
    }

    private static func nights(_ rows: PostgresRowSequence) async throws -> [Night] {
        try await rows.collect().map { row in
            let (date, count, json, at) = try row.decode((String, Int, Data, Double).self)
            return Night(date: date, worryCount: count, skyJSON: json, archivedAt: Date(timeIntervalSince1970: at))
        }
    }
}
