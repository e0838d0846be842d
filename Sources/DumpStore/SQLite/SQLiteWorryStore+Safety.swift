import Foundation
import GRDB

/// Deletes, reports and moderation on the embedded store.
extension SQLiteWorryStore {
    public func owns(worryID id: WorryID, owner: OwnerToken) async throws -> Bool {
        let hash = OwnerHash(owner).hex
        return try await read("check a worry's owner") { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM worry WHERE id = ? AND ownerHash = ?)", arguments: [id.rawValue, hash])
                ?? false
        }
    }

    public func deleteWorry(id: WorryID, owner: OwnerToken?, now: Date) async throws -> DeletedWorry? {
        let hash = owner.map { OwnerHash($0).hex }
        return try await write("delete a worry") { db in
            guard let record = try WorryRecord.fetchOne(db, key: id.rawValue),
                hash == nil || record.ownerHash == hash
            else { return nil }
            try WorryRecord.deleteOne(db, key: id.rawValue)
            try db.execute(sql: "DELETE FROM idempotency WHERE worryID = ?", arguments: [id.rawValue])
            try db.execute(
                sql: "INSERT OR REPLACE INTO tombstone (id, expiresAt) VALUES (?, ?)",
                arguments: [id.rawValue, max(record.expiresAt, now.timeIntervalSince1970)])
            var orphan: ClipKey?
            let shared =
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM worry WHERE clipKey = ?)", arguments: [record.clipKey])
                ?? false
            if !shared {
                try db.execute(sql: "DELETE FROM clip WHERE base = ?", arguments: [record.clipKey])
                orphan = ClipKey(rawValue: record.clipKey)
            }
            try Self.forgetGone(db, now: now)
            let revision = try SQLiteSkyFeed.nextRevision(in: db)
            if record.visibility == WorryVisibility.public.rawValue {
                try SQLiteSkyFeed.record([(record.id, now.timeIntervalSince1970)], revision: revision, in: db)
            }
            return DeletedWorry(id: id, clip: orphan)
        }
    }

    public func wasDeleted(id: WorryID, now: Date) async throws -> Bool {
        try await read("read a tombstone") { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM tombstone WHERE id = ? AND expiresAt > ?)",
                arguments: [id.rawValue, now.timeIntervalSince1970]) ?? false
        }
    }

    public func report(star: String, reporter: OwnerToken, reason: ReportReason, now: Date) async throws -> ReportOutcome {
        let hash = ReporterHash(reporter).hex
        return try await write("file a report") { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO report (star, reporterHash, reason, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [star, hash, reason.rawValue, now.timeIntervalSince1970])
            let counted = db.changesCount > 0
            let state = try String.fetchOne(db, sql: "SELECT state FROM starState WHERE star = ?", arguments: [star])
            if state == "hidden" { return ReportOutcome(counted: counted, hidden: true, hidNow: false) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT reason, COUNT(*) AS n FROM report WHERE star = ? GROUP BY reason", arguments: [star])
            var reporters: [ReportReason: Int] = [:]
            for row in rows {
                if let reason = ReportReason(rawValue: row["reason"]) { reporters[reason] = row["n"] }
            }
            // An operator's restore stands against the reports it forgot; new reports count again.
            guard ReportRule.hides(reporters: reporters) else {
                return ReportOutcome(counted: counted, hidden: false, hidNow: false)
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO starState (star, state, by, updatedAt) VALUES (?, 'hidden', 'reports', ?)",
                arguments: [star, now.timeIntervalSince1970])
            try SQLiteSkyFeed.record(star: star, revision: try SQLiteSkyFeed.nextRevision(in: db), at: now, in: db)
            return ReportOutcome(counted: counted, hidden: true, hidNow: true)
        }
    }

    public func moderate(star: String, hidden: Bool, now: Date) async throws -> Bool {
        try await write("moderate a star") { db in
            let live =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM worry WHERE star = ? AND expiresAt > ?)",
                    arguments: [star, now.timeIntervalSince1970]) ?? false
            guard live else { return false }
            try db.execute(
                sql: "INSERT OR REPLACE INTO starState (star, state, by, updatedAt) VALUES (?, ?, 'operator', ?)",
                arguments: [star, hidden ? "hidden" : "restored", now.timeIntervalSince1970])
            if !hidden { try db.execute(sql: "DELETE FROM report WHERE star = ?", arguments: [star]) }
            try SQLiteSkyFeed.record(star: star, revision: try SQLiteSkyFeed.nextRevision(in: db), at: now, in: db)
            return true
        }
    }

    public func moderationQueue(now: Date, limit: Int) async throws -> [ModerationItem] {
        let stars = try await read("list reported stars") { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.star FROM (SELECT star FROM report UNION SELECT star FROM starState) AS s
                    WHERE EXISTS (SELECT 1 FROM worry WHERE worry.star = s.star AND worry.expiresAt > ?)
                    ORDER BY (SELECT COUNT(*) FROM report WHERE report.star = s.star) DESC, s.star
                    LIMIT ?
                    """, arguments: [now.timeIntervalSince1970, max(0, limit)])
        }
        var items: [ModerationItem] = []
        for star in stars {
            if let item = try await moderationItem(star: star, now: now) { items.append(item) }
        }
        return items
    }

    public func moderationItem(star: String, now: Date) async throws -> ModerationItem? {
        try await read("read a star's reports") { db in
            let worries = try WorryRecord.fetchShown(
                db, where: "worry.star = ? AND worry.expiresAt > ?", arguments: [star, now.timeIntervalSince1970])
            guard !worries.isEmpty else { return nil }
            var reports: [String: Int] = [:]
            var last: Double?
            for row in try Row.fetchAll(
                db, sql: "SELECT reason, COUNT(*) AS n, MAX(createdAt) AS last FROM report WHERE star = ? GROUP BY reason",
                arguments: [star])
            {
                reports[row["reason"]] = row["n"]
                let at: Double = row["last"]
                last = max(last ?? at, at)
            }
            let state = try Row.fetchOne(db, sql: "SELECT state, by FROM starState WHERE star = ?", arguments: [star])
            return ModerationItem(
                star: star, worries: worries, reports: reports, state: state?["state"] ?? "public", by: state?["by"],
                lastReportAt: last.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Forgets what belonged to worries that are gone: tombstones past their time, and the
    /// reports and moderation of stars no worry shows any more.
    static func forgetGone(_ db: Database, now: Date) throws {
        try db.execute(sql: "DELETE FROM tombstone WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM idempotency WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM report WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.star = report.star)")
        try db.execute(sql: "DELETE FROM starState WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.star = starState.star)")
    }
}
