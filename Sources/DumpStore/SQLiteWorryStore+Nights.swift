import Foundation
import GRDB

/// Archived nights: anonymous skies kept after the day's worries have flown away.
extension SQLiteWorryStore {
    /// Stores `night`, replacing an earlier archive of the same date.
    public func saveNight(_ night: Night) async throws {
        try await write("archive a night") { db in
            try NightRecord(night).upsert(db)
        }
    }

    public func nights(before: String?, limit: Int) async throws -> [NightSummary] {
        try await read("list archived nights") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT date, worryCount FROM night WHERE date < ? ORDER BY date DESC LIMIT ?",
                arguments: [before ?? "9999", max(0, limit)]
            ).map { NightSummary(date: $0["date"], worryCount: $0["worryCount"]) }
        }
    }

    /// The archived night of `date` (`YYYY-MM-DD`), or nil.
    public func night(date: String) async throws -> Night? {
        try await read("read an archived night") { db in
            try NightRecord.fetchOne(db, key: date)?.night
        }
    }

    /// Posters live in the data folder beside the database (`posters/`): nothing to keep here.
    public func saveNightPoster(date: String, png: Data) async throws {}

    public func nightPoster(date: String) async throws -> Data? { nil }

    public func claimNightArchive(date: String, now: Date, seconds: TimeInterval) async throws -> Bool {
        let (start, until) = (now.timeIntervalSince1970, now.timeIntervalSince1970 + seconds)
        return try await write("claim a night's archive") { db in
            guard try NightRecord.fetchOne(db, key: date) == nil else { return false }
            try db.execute(
                sql: """
                    INSERT INTO nightClaim (date, until) VALUES (?, ?)
                    ON CONFLICT (date) DO UPDATE SET until = excluded.until WHERE nightClaim.until <= ?
                    """,
                arguments: [date, until, start])
            return db.changesCount > 0
        }
    }

    public func releaseNightArchive(date: String) async throws {
        try await write("release a night's archive") { db in
            try db.execute(sql: "DELETE FROM nightClaim WHERE date = ?", arguments: [date])
        }
    }

    public func ownerTokenKey() async throws -> [UInt8] {
        try await write("read the owner-token key") { db in
            var fresh = SystemRandomNumberGenerator()
            let made = (0..<32).map { _ in UInt8.random(in: 0...255, using: &fresh) }
            try db.execute(
                sql: "INSERT OR IGNORE INTO secret (name, value) VALUES ('owner-token-key', ?)", arguments: [Data(made)])
            guard let key = try Data.fetchOne(db, sql: "SELECT value FROM secret WHERE name = 'owner-token-key'"), key.count == 32
            else { throw StoreError.corruptData(detail: "the owner-token key is not 32 bytes") }
            return Array(key)
        }
    }

    public func admit(rateKey key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Int? {
        windows.admit(key, limit: limit, window: window, now: now)
    }
}
