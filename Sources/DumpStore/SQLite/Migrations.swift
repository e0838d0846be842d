import GRDB

/// The store's schema as a sequence of named migrations.
///
/// A migration that has shipped is never edited: a new schema is a new migration ("v2", …),
/// so every existing database file reaches the same schema. See
/// <https://swiftpackageindex.com/groue/grdb.swift/documentation/grdb/migrations>.
///
/// Dates are REAL seconds since 1970 so that `expiresAt > ?` compares numbers, to the
/// sub-second, in SQL.
enum Migrations {
    /// The migrator that brings any database file up to the current schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        migrator.registerMigration("v4", migrate: v4)
        migrator.registerMigration("v5", migrate: v5)
        migrator.registerMigration("v6", migrate: v6)
        migrator.registerMigration("v7", migrate: v7)
        migrator.registerMigration("v8", migrate: v8)
        return migrator
    }

    /// Names of the counters seeded by "v1", as it shipped (later counters are seeded by the
    /// migration that adds them: "v8" adds `skyFeedFloor`).
    static let counterNames = ["people", "worries", "revision"]

    /// Worries, owners, counters, render jobs and archived nights.
    private static func v1(_ db: Database) throws {
        // Distinct people ever seen: one row per owner-token hash.
        try db.create(table: "owner") { t in
            t.primaryKey("hash", .text)
        }

        try db.create(table: "worry") { t in
            t.primaryKey("id", .text)
            t.column("text", .text).notNull()
            t.column("ownerHash", .text).notNull().references("owner")
            t.column("createdAt", .double).notNull()
            t.column("expiresAt", .double).notNull().indexed()
        }
        // "My worries": equality on owner, range on expiry.
        try db.create(index: "worry_on_ownerHash_expiresAt", on: "worry", columns: ["ownerHash", "expiresAt"])

        // Cumulative stats and the live-set revision; never decremented by expiry or deletion.
        try db.create(table: "counter") { t in
            t.primaryKey("name", .text)
            t.column("value", .integer).notNull().defaults(to: 0)
        }
        for name in counterNames {
            try db.execute(sql: "INSERT INTO counter (name, value) VALUES (?, 0)", arguments: [name])
        }

        try db.create(table: "renderJob") { t in
            t.primaryKey("worryID", .text).references("worry", onDelete: .cascade)
            t.column("status", .text).notNull()
                .check { ["pending", "running", "done", "failed"].contains($0) }
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("lastError", .text)
            t.column("updatedAt", .double).notNull()
        }
        // Claiming scans pending jobs in the order they became pending.
        try db.create(index: "renderJob_on_status_updatedAt", on: "renderJob", columns: ["status", "updatedAt"])

        try db.create(table: "night") { t in
            t.primaryKey("date", .text)
            t.column("worryCount", .integer).notNull()
            t.column("skyJSON", .blob).notNull()
            t.column("archivedAt", .double).notNull()
        }
    }

    /// Clips shared by identical worries: a `clip` row per clip key (one render however many
    /// worries share it), `worry.clipKey` pointing at it. The per-worry `renderJob` rows become
    /// clips keyed by their worry's id (their files are already named so), and go.
    private static func v2(_ db: Database) throws {
        try db.create(table: "clip") { t in
            t.primaryKey("key", .text)
            t.column("text", .text).notNull()
            t.column("status", .text).notNull()
                .check { ["queued", "rendering", "ready", "failed"].contains($0) }
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("lastError", .text)
            t.column("updatedAt", .double).notNull()
        }
        // Claiming scans queued clips in the order they were queued.
        try db.create(index: "clip_on_status_updatedAt", on: "clip", columns: ["status", "updatedAt"])

        try db.alter(table: "worry") { t in
            t.add(column: "clipKey", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: "UPDATE worry SET clipKey = id")
        try db.create(index: "worry_on_clipKey", on: "worry", columns: ["clipKey"])
        try db.execute(
            sql: """
                INSERT INTO clip (key, text, status, attempts, lastError, updatedAt)
                SELECT renderJob.worryID, worry.text,
                       CASE renderJob.status WHEN 'done' THEN 'ready' WHEN 'failed' THEN 'failed' ELSE 'queued' END,
                       renderJob.attempts, renderJob.lastError, renderJob.updatedAt
                FROM renderJob JOIN worry ON worry.id = renderJob.worryID
                """)
        try db.drop(table: "renderJob")
    }

    /// Leases for render jobs (as the PostgreSQL store has them): when a queued clip may be
    /// claimed (`runAfter`, for backoff), whose lease a rendering clip is under and until
    /// when. A clip left rendering by an older version gets an expired lease, so the rescuer
    /// puts it back. And one row per night being archived, so one process of several does it.
    private static func v3(_ db: Database) throws {
        try db.alter(table: "clip") { t in
            t.add(column: "runAfter", .double).notNull().defaults(to: 0)
            t.add(column: "leaseUntil", .double)
            t.add(column: "worker", .text)
        }
        try db.execute(sql: "UPDATE clip SET runAfter = updatedAt")
        try db.execute(sql: "UPDATE clip SET leaseUntil = 0 WHERE status = 'rendering'")
        try db.drop(index: "clip_on_status_updatedAt")
        try db.create(index: "clip_on_status_runAfter", on: "clip", columns: ["status", "runAfter"])
        try db.create(table: "nightClaim") { t in
            t.primaryKey("date", .text)
            t.column("until", .double).notNull()
        }
    }

    /// Trust & safety: each worry's star and the door's visibility; tombstones of deleted
    /// worries (their share page answers 410 until they would have expired); reports, one per
    /// reporter and star; a star's moderation state.
    private static func v4(_ db: Database) throws {
        try db.alter(table: "worry") { t in
            t.add(column: "star", .text).notNull().defaults(to: "")
            t.add(column: "visibility", .text).notNull().defaults(to: "public")
        }
        try db.create(index: "worry_on_star", on: "worry", columns: ["star"])
        try db.create(table: "tombstone") { t in
            t.primaryKey("id", .text)
            t.column("expiresAt", .double).notNull()
        }
        try db.create(table: "report") { t in
            t.column("star", .text).notNull()
            t.column("reporterHash", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("createdAt", .double).notNull()
            t.primaryKey(["star", "reporterHash"])
        }
        try db.create(table: "starState") { t in
            t.primaryKey("star", .text)
            t.column("state", .text).notNull().check { ["hidden", "restored"].contains($0) }
            t.column("by", .text).notNull()
            t.column("updatedAt", .double).notNull()
        }
    }

    /// `Idempotency-Key`s of posts: a retried post (same owner, same key) gets the worry stored
    /// the first time. Kept as long as that worry lives.
    private static func v5(_ db: Database) throws {
        try db.create(table: "idempotency") { t in
            t.primaryKey("key", .text)
            t.column("worryID", .text).notNull()
            t.column("expiresAt", .double).notNull().indexed()
        }
    }

    /// Versions of a clip made after it (the WebM, the vertical story) as render jobs of their
    /// own, in `clip` beside it: a row keyed `<key>.<version>` whose `base` is the clip it is
    /// made from and `version` its name. A clip's own row has `base = key` and `version = ''`.
    /// Workers claim both kinds alike; a version lives and is swept with its base clip.
    private static func v6(_ db: Database) throws {
        try db.alter(table: "clip") { t in
            t.add(column: "base", .text).notNull().defaults(to: "")
            t.add(column: "version", .text).notNull().defaults(to: "")
        }
        try db.execute(sql: "UPDATE clip SET base = key")
        try db.create(index: "clip_on_base", on: "clip", columns: ["base"])
    }

    /// Secrets every process of a site shares: the key that signs the owner tokens the
    /// service hands out (made once, by whichever process asks first).
    private static func v7(_ db: Database) throws {
        try db.create(table: "secret") { t in
            t.primaryKey("name", .text)
            t.column("value", .blob).notNull()
        }
    }

    /// The sky change feed: one row per worry whose sky membership may have changed, tagged with
    /// the revision of the transaction that changed it (`SkyChanges`). Only ids and times: no
    /// text, no owner. The `skyFeedFloor` counter is the highest revision pruned from it; worries
    /// stored before the feed existed have no rows, so the floor starts at the current revision
    /// (a brand-new file: 0) and a node that last saw an older one reads the whole sky again.
    private static func v8(_ db: Database) throws {
        try db.create(table: "skyFeed") { t in
            t.column("revision", .integer).notNull()
            t.column("worryID", .text).notNull()
            t.column("at", .double).notNull().indexed()
            t.primaryKey(["revision", "worryID"])
        }
        try db.execute(
            sql: """
                INSERT INTO counter (name, value)
                SELECT 'skyFeedFloor', value FROM counter WHERE name = 'revision'
                """)
    }
}
