import Foundation
import PostgresNIO

/// The PostgreSQL schema as numbered migrations, applied in order under an advisory lock (so
/// nodes starting together do not race), each in its own transaction, recorded in
/// `schema_version`. A shipped migration is never edited; a new schema is a new entry. A
/// database migrated by a newer dumpit is refused (`StoreError.schemaTooNew`).
enum PostgresMigrations {
    /// Advisory-lock key held while migrating.
    static let lock: Int64 = 0x0D0_4B17_0000

    /// Migration `n` is `steps[n - 1]`: its statements.
    static let steps: [[String]] = [
        // 1: the schema of the SQLite store's v1–v3, plus clip files and rate-limit windows.
        [
            "CREATE TABLE owner (hash text PRIMARY KEY)",
            """
            CREATE TABLE clip (
                key text PRIMARY KEY,
                seq bigserial NOT NULL,
                text text NOT NULL,
                status text NOT NULL CHECK (status IN ('queued', 'rendering', 'ready', 'failed')),
                attempts integer NOT NULL DEFAULT 0,
                last_error text,
                updated_at double precision NOT NULL,
                run_after double precision NOT NULL,
                lease_until double precision,
                worker text)
            """,
            "CREATE INDEX clip_queue ON clip (run_after, seq) WHERE status = 'queued'",
            "CREATE INDEX clip_leases ON clip (lease_until) WHERE status = 'rendering'",
            """
            CREATE TABLE worry (
                id text PRIMARY KEY,
                seq bigserial NOT NULL,
                text text NOT NULL,
                owner_hash text NOT NULL,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                clip_key text NOT NULL REFERENCES clip (key))
            """,
            "CREATE INDEX worry_expires ON worry (expires_at)",
            "CREATE INDEX worry_owner ON worry (owner_hash, expires_at)",
            "CREATE INDEX worry_clip ON worry (clip_key)",
            "CREATE INDEX worry_created ON worry (created_at, seq)",
            "CREATE TABLE counter (name text PRIMARY KEY, value bigint NOT NULL DEFAULT 0)",
            "INSERT INTO counter (name) VALUES ('people'), ('worries'), ('revision')",
            """
            CREATE TABLE clip_file (
                key text NOT NULL REFERENCES clip (key) ON DELETE CASCADE,
                name text NOT NULL,
                data bytea NOT NULL,
                PRIMARY KEY (key, name))
            """,
            // Uncompressed out-of-line storage: video does not compress, and a slice reads
            // only the chunks it needs.
            "ALTER TABLE clip_file ALTER COLUMN data SET STORAGE EXTERNAL",
            """
            CREATE TABLE rate_limit (
                key text PRIMARY KEY, window_start double precision NOT NULL, count integer NOT NULL)
            """,
            """
            CREATE TABLE night (
                date text PRIMARY KEY, worry_count integer NOT NULL, sky_json bytea NOT NULL,
                archived_at double precision NOT NULL)
            """,
            "CREATE TABLE night_claim (date text PRIMARY KEY, until double precision NOT NULL)",
        ],
        // 2: trust & safety (the SQLite store's v4): each worry's star and the door's
        // visibility, tombstones of deleted worries, reports, a star's moderation state.
        [
            "ALTER TABLE worry ADD COLUMN star text NOT NULL DEFAULT ''",
            "ALTER TABLE worry ADD COLUMN visibility text NOT NULL DEFAULT 'public'",
            "CREATE INDEX worry_star ON worry (star)",
            "CREATE TABLE tombstone (id text PRIMARY KEY, expires_at double precision NOT NULL)",
            """
            CREATE TABLE report (
                star text NOT NULL, reporter_hash text NOT NULL, reason text NOT NULL,
                created_at double precision NOT NULL, PRIMARY KEY (star, reporter_hash))
            """,
            """
            CREATE TABLE star_state (
                star text PRIMARY KEY, state text NOT NULL CHECK (state IN ('hidden', 'restored')),
                by text NOT NULL, updated_at double precision NOT NULL)
            """,
        ],
        // 3: `Idempotency-Key`s of posts (the SQLite store's v5).
        [
            """
            CREATE TABLE idempotency (
                key text PRIMARY KEY, worry_id text NOT NULL, expires_at double precision NOT NULL)
            """,
            "CREATE INDEX idempotency_expires ON idempotency (expires_at)",
        ],
        // 4: versions of a clip made after it as jobs of their own (the SQLite store's v6).
        [
            "ALTER TABLE clip ADD COLUMN base text NOT NULL DEFAULT ''",
            "ALTER TABLE clip ADD COLUMN version text NOT NULL DEFAULT ''",
            "UPDATE clip SET base = key",
            "CREATE INDEX clip_base ON clip (base)",
        ],
        // 5: shared secrets, such as the owner-token signing key (the SQLite store's v7).
        ["CREATE TABLE secret (name text PRIMARY KEY, value bytea NOT NULL)"],
        // 6: each night's poster, painted by the node that archived it, for every node to serve.
        ["ALTER TABLE night ADD COLUMN poster bytea", "ALTER TABLE night ALTER COLUMN poster SET STORAGE EXTERNAL"],
        // 7: the sky change feed (the SQLite store's v8): one row per worry whose sky membership
        // may have changed, tagged with the revision of the transaction that changed it; only
        // ids and times. `sky_feed_floor` is the highest revision pruned from it; worries stored
        // before the feed existed have no rows, so it starts at the current revision.
        [
            """
            CREATE TABLE sky_feed (
                revision bigint NOT NULL, worry_id text NOT NULL, at double precision NOT NULL,
                PRIMARY KEY (revision, worry_id))
            """,
            "CREATE INDEX sky_feed_at ON sky_feed (at)",
            "INSERT INTO counter (name, value) SELECT 'sky_feed_floor', value FROM counter WHERE name = 'revision'",
        ],
    ]

    /// Brings the database of `store` to the newest version.
    static func migrate(_ store: PostgresWorryStore) async throws {
        let known = steps.count
        try await store.transaction("bring the schema up to date") { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            let current =
                try await connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_version", logger: logger)
                .collect().first?.decode(Int.self) ?? 0
            guard current <= known else { throw StoreError.schemaTooNew(found: current, known: known) }
            for version in (current + 1)..<(known + 1) {
                for statement in steps[version - 1] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_version (version) VALUES (\(version))", logger: logger)
            }
        }
    }
}
