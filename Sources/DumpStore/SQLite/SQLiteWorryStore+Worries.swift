import Foundation
import GRDB

/// Worries: stored with their owner hash, clip row, star and counters in one transaction; read
/// back alive at `now`; swept when they expire.
extension SQLiteWorryStore {
    /// Stores the worry, its owner hash, the counters, a pending render job and a new
    /// revision in one durable write transaction.
    public func addWorry(_ draft: WorryDraft, now: Date) async throws -> Worry {
        try await addWorries([(draft, now)])[0]
    }

    /// Stores every worry as `addWorry` does, in one durable write transaction.
    public func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) async throws -> [Worry] {
        let records = drafts.map { draft, now -> (owner: OwnerHash, worry: WorryRecord, key: String?) in
            let owner = OwnerHash(draft.owner)
            // whole milliseconds: what the API prints (`expiresAt` with .SSS) is exactly what is stored
            let createdAt = (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000
            let worry = WorryRecord(
                id: WorryID.random().rawValue, text: draft.text, ownerHash: owner.hex,
                createdAt: createdAt, expiresAt: ((createdAt + draft.ttl) * 1000).rounded(.down) / 1000,
                clipKey: draft.clipKey.rawValue, star: draft.star, visibility: draft.visibility.rawValue)
            return (owner, worry, draft.idempotencyKey.map { IdempotencyHash(owner: owner, key: $0).hex })
        }
        guard !records.isEmpty else { return [] }
        return try await write(records.count == 1 ? "store a worry" : "store \(records.count) worries") { db in
            var stored: [Worry] = []
            var added = false
            var feed: [(id: String, at: Double)] = []
            for (owner, record, key) in records {
                // The same idempotency key from the same owner: the worry stored the first time.
                if let key,
                    let earlier = try String.fetchOne(
                        db, sql: "SELECT worryID FROM idempotency WHERE key = ? AND expiresAt > ?",
                        arguments: [key, record.createdAt]),
                    let worry = try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [earlier]).first
                {
                    stored.append(worry)
                    continue
                }
                try OwnerRecord(hash: owner.hex).insert(db, onConflict: .ignore)
                if db.changesCount > 0 {
                    try CounterRecord.increment(.people, in: db)
                }
                try record.insert(db)
                try CounterRecord.increment(.worries, in: db)
                // A clip already queued, rendering, ready or failed for this key is shared as it is.
                try ClipRecord(
                    key: record.clipKey, text: record.text, status: .queued, attempts: 0, lastError: nil,
                    updatedAt: record.createdAt, runAfter: record.createdAt, base: record.clipKey
                ).insert(db, onConflict: .ignore)
                if let key {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO idempotency (key, worryID, expiresAt) VALUES (?, ?, ?)",
                        arguments: [key, record.id, record.expiresAt])
                }
                // Read back as stored: a new public worry of a hidden star is hidden.
                stored.append(try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [record.id])[0])
                added = true
                // A private worry never enters the sky; a public one of a hidden star is listed too.
                if record.visibility == WorryVisibility.public.rawValue { feed.append((record.id, record.createdAt)) }
            }
            if added { try SQLiteSkyFeed.record(feed, revision: try SQLiteSkyFeed.nextRevision(in: db), in: db) }
            return stored
        }
    }

    /// The worry with `id`, expired or not; nil when unknown or swept.
    public func worry(id: WorryID) async throws -> Worry? {
        try await read("read a worry") { db in
            try WorryRecord.fetchShown(db, where: "worry.id = ?", arguments: [id.rawValue]).first
        }
    }

    /// The public worries alive at `now`, oldest first.
    public func liveWorries(now: Date) async throws -> [Worry] {
        try await read("list live worries") { db in
            try WorryRecord.fetchAll(
                db, sql: "SELECT * FROM worry WHERE expiresAt > ? AND \(WorryRecord.isPublic) ORDER BY createdAt, rowid",
                arguments: [now.timeIntervalSince1970]
            ).map { try $0.worry(shown: "public") }
        }
    }

    /// The worries alive at `now` whose owner token is `owner`, oldest first.
    public func liveWorries(owner: OwnerToken, now: Date, limit: Int) async throws -> (worries: [Worry], total: Int) {
        let (hash, seconds) = (OwnerHash(owner).hex, now.timeIntervalSince1970)
        return try await read("list a person's worries") { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM worry WHERE ownerHash = ? AND expiresAt > ?", arguments: [hash, seconds]) ?? 0
            guard limit > 0 else { return ([], total) }
            // the newest `limit` by creation: those created at or after the limit-th newest
            let since =
                try Double.fetchOne(
                    db,
                    sql: """
                        SELECT createdAt FROM worry WHERE ownerHash = ? AND expiresAt > ?
                        ORDER BY createdAt DESC, rowid DESC LIMIT 1 OFFSET ?
                        """,
                    arguments: [hash, seconds, limit - 1]) ?? -Double.infinity
            let worries = try WorryRecord.fetchShown(
                db, where: "worry.ownerHash = ? AND worry.expiresAt > ? AND worry.createdAt >= ?",
                arguments: [hash, seconds, since])
            return (Array(worries.suffix(limit)), total)
        }
    }

    /// Distinct owners ever and worries ever; expiry and deletion do not lower them.
    public func stats() async throws -> WorryStats {
        try await read("read the stats") { db in
            WorryStats(
                people: Int(try CounterRecord.value(of: .people, in: db)),
                worries: Int(try CounterRecord.value(of: .worries, in: db))
            )
        }
    }

    /// Bumped by every insert and by every sweep that deleted something.
    public func revision() async throws -> Int64 {
        try await read("read the revision") { db in
            try CounterRecord.value(of: .revision, in: db)
        }
    }

    /// Deletes every worry with `expiresAt <= now` and every clip no remaining worry shows;
    /// returns both, oldest worries first. Prunes the sky change feed, and records the public
    /// worries it deleted in it.
    public func deleteExpired(now: Date) async throws -> ExpiredSweep {
        try await write("delete expired worries") { db in
            try SQLiteSkyFeed.prune(now: now, in: db)
            let expired = WorryRecord.filter(WorryRecord.Columns.expiresAt <= now.timeIntervalSince1970)
            let ids = try String.fetchAll(db, expired.oldestFirst().select(WorryRecord.Columns.id))
            guard !ids.isEmpty else {
                try Self.forgetGone(db, now: now)
                return ExpiredSweep()
            }
            let publicIDs = try String.fetchAll(
                db, expired.filter(Column("visibility") == WorryVisibility.public.rawValue).select(WorryRecord.Columns.id))
            try expired.deleteAll(db)
            try Self.forgetGone(db, now: now)
            let orphans = try String.fetchAll(
                db,
                sql: """
                    SELECT key FROM clip WHERE version = ''
                      AND NOT EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.key)
                    """)
            // a clip's versions go with it
            try db.execute(sql: "DELETE FROM clip WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.clipKey = clip.base)")
            let at = now.timeIntervalSince1970
            try SQLiteSkyFeed.record(
                publicIDs.map { ($0, at) }, revision: try SQLiteSkyFeed.nextRevision(in: db), in: db)
            return ExpiredSweep(worries: try ids.map { try WorryID.stored($0) }, clips: orphans.map(ClipKey.init))
        }
    }
}
