import Crypto
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

    /// The public worries created in `[start, end)`, expired or not, oldest first.
    public func worries(createdFrom start: Date, to end: Date) async throws -> [Worry] {
        try await read("list a night's worries") { db in
            try WorryRecord.fetchAll(
                db,
                sql:
                    "SELECT * FROM worry WHERE createdAt >= ? AND createdAt < ? AND \(WorryRecord.isPublic) ORDER BY createdAt, rowid",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]
            ).map { try $0.worry(shown: "public") }
        }
    }

    /// Owner keys of the worries created in `[start, end)`: SHA-256 of a fixed label and the
    /// stored owner hash, 64 bits in hex.
    public func nightOwnerKeys(createdFrom start: Date, to end: Date) async throws -> [WorryID: String] {
        let rows = try await read("list a night's owners") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, ownerHash FROM worry WHERE createdAt >= ? AND createdAt < ?",
                arguments: [start.timeIntervalSince1970, end.timeIntervalSince1970]
            ).map { (id: $0["id"] as String, hash: $0["ownerHash"] as String) }
        }
        var keys: [WorryID: String] = [:]
        for (id, hash) in rows {
            let digest = SHA256.hash(data: Array("dumpit.night-owner.v1:\(hash)".utf8))
            keys[try WorryID.stored(id)] = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        }
        return keys
    }
}
