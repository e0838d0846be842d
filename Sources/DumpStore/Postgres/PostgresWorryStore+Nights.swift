import Crypto
import Foundation
import PostgresNIO

/// Archived nights and the worries of a day: one node archives each night (`night_claim`).
extension PostgresWorryStore {
    public func worries(createdFrom start: Date, to end: Date) async throws -> [Worry] {
        let (from, to) = (start.timeIntervalSince1970, end.timeIntervalSince1970)
        return try await run("list a night's worries") { connection in
            try await Self.worries(
                connection.query(
                    """
                    SELECT id, text, created_at, expires_at, clip_key, star, 'public' FROM worry
                    WHERE created_at >= \(from) AND created_at < \(to) AND visibility = 'public'
                      AND NOT EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden')
                    ORDER BY created_at, seq
                    """, logger: self.logger))
        }
    }

    public func nightOwnerKeys(createdFrom start: Date, to end: Date) async throws -> [WorryID: String] {
        let (from, to) = (start.timeIntervalSince1970, end.timeIntervalSince1970)
        let rows = try await run("list a night's owners") { connection in
            try await connection.query(
                "SELECT id, owner_hash FROM worry WHERE created_at >= \(from) AND created_at < \(to)", logger: self.logger
            ).collect()
        }
        var keys: [WorryID: String] = [:]
        for row in rows {
            let (id, hash) = try row.decode((String, String).self)
            let digest = SHA256.hash(data: Array("dumpit.night-owner.v1:\(hash)".utf8))
            keys[try WorryID.stored(id)] = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        }
        return keys
    }

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
            try await connection.query(
                "SELECT poster FROM night WHERE date = \(date) AND poster IS NOT NULL", logger: self.logger
            )
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
