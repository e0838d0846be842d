import Foundation
import PostgresNIO

/// Worries: a batch of posts in one transaction (owners, clips, worries, counters, NOTIFY); read
/// back alive at `now`; swept under an advisory lock, one node at a time.
extension PostgresWorryStore {
    public func addWorry(_ draft: WorryDraft, now: Date) async throws -> Worry {
        try await addWorries([(draft, now)])[0]
    }

    /// One transaction: owners, clips (before the worries that point at them), worries, the
    /// counters, and a NOTIFY that wakes idle workers when a clip was queued.
    public func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) async throws -> [Worry] {
        let all = drafts.map { draft, now -> (owner: String, worry: Worry, key: String?) in
            let createdAt = (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000
            let expiresAt = ((createdAt + draft.ttl) * 1000).rounded(.down) / 1000
            let owner = OwnerHash(draft.owner)
            return (
                owner.hex,
                Worry(
                    id: WorryID.random(), text: draft.text, createdAt: Date(timeIntervalSince1970: createdAt),
                    expiresAt: Date(timeIntervalSince1970: expiresAt), clipKey: draft.clipKey, star: draft.star,
                    visibility: draft.visibility),
                draft.idempotencyKey.map { IdempotencyHash(owner: owner, key: $0).hex }
            )
        }
        guard !all.isEmpty else { return [] }
        // A key repeated within this batch is a replay of its first draft.
        var firsts: [String: Int] = [:]
        for (index, item) in all.enumerated() {
            if let key = item.key, firsts[key] == nil { firsts[key] = index }
        }
        let firstWithKey = firsts
        let claims = firstWithKey.sorted { $0.value < $1.value }
        let claimKeys = claims.map(\.key)
        let claimIDs = claims.map { all[$0.value].worry.id.rawValue }
        let claimExpiries = claims.map { all[$0.value].worry.expiresAt.timeIntervalSince1970 }
        let now = all.map(\.worry.createdAt.timeIntervalSince1970).min() ?? 0
        let count = all.count
        let outcome = try await transaction(count == 1 ? "store a worry" : "store \(count) worries") { connection, logger in
            // Claim the keys first: a concurrent post with the same key waits here for this
            // transaction and then finds the key taken (a replay), never a second worry. (A key
            // whose worry was deleted goes with it, in `deleteWorry`; an expired one is reused.)
            var taken: [String: String] = [:]
            if !claimKeys.isEmpty {
                let fresh = Set(
                    try await connection.query(
                        """
                        INSERT INTO idempotency (key, worry_id, expires_at)
                        SELECT k, i, e FROM unnest(\(claimKeys)::text[], \(claimIDs)::text[], \(claimExpiries)::float8[]) AS x(k, i, e)
                        ON CONFLICT (key) DO UPDATE SET worry_id = excluded.worry_id, expires_at = excluded.expires_at
                        WHERE idempotency.expires_at <= \(now)
                        RETURNING key
                        """, logger: logger
                    ).collect().map { try $0.decode(String.self) })
                let replayed = claimKeys.filter { !fresh.contains($0) }
                if !replayed.isEmpty {
                    for row in try await connection.query(
                        "SELECT key, worry_id FROM idempotency WHERE key = ANY(\(replayed)::text[])", logger: logger
                    ).collect() {
                        let (key, id) = try row.decode((String, String).self)
                        taken[key] = id
                    }
                }
            }
            let stored = all.enumerated().filter { index, item in
                guard let key = item.key else { return true }
                return taken[key] == nil && firstWithKey[key] == index
            }.map(\.element)
            let earlier: [Worry] =
                taken.isEmpty
                ? []
                : try await Self.worries(
                    connection.query(
                        "\(unescaped: Self.selectShown) WHERE id = ANY(\(Array(taken.values))::text[])", logger: logger))
            guard !stored.isEmpty else { return (taken: taken, earlier: earlier, hidden: Set<String>()) }
            let owners = stored.map(\.owner)
            let ids = stored.map(\.worry.id.rawValue)
            let texts = stored.map(\.worry.text)
            let created = stored.map(\.worry.createdAt.timeIntervalSince1970)
            let expires = stored.map(\.worry.expiresAt.timeIntervalSince1970)
            let keys = stored.map(\.worry.clipKey.rawValue)
            let stars = stored.map(\.worry.star)
            let visibilities = stored.map(\.worry.visibility.rawValue)
            let newOwners = try await connection.query(
                """
                INSERT INTO owner (hash) SELECT DISTINCT h FROM unnest(\(owners)::text[]) AS x(h) ORDER BY h
                ON CONFLICT DO NOTHING RETURNING hash
                """, logger: logger
            ).collect().count
            let newClips = try await connection.query(
                """
                INSERT INTO clip (key, text, status, attempts, updated_at, run_after, base)
                SELECT DISTINCT ON (k) k, t, 'queued', 0, c, c, k
                FROM unnest(\(keys)::text[], \(texts)::text[], \(created)::float8[]) AS x(k, t, c)
                ORDER BY k, c
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, logger: logger
            ).collect().count
            try await connection.query(
                """
                INSERT INTO worry (id, text, owner_hash, created_at, expires_at, clip_key, star, visibility)
                SELECT i, t, o, c, e, k, s, v
                FROM unnest(\(ids)::text[], \(texts)::text[], \(owners)::text[],
                            \(created)::float8[], \(expires)::float8[], \(keys)::text[],
                            \(stars)::text[], \(visibilities)::text[])
                     WITH ORDINALITY AS x(i, t, o, c, e, k, s, v, n)
                ORDER BY n
                """, logger: logger)
            // One row at a time, always in this order: concurrent posts lock the counters in the
            // same order, so they queue instead of deadlocking.
            try await connection.query(
                "UPDATE counter SET value = value + \(newOwners)::bigint WHERE name = 'people'", logger: logger)
            try await connection.query(
                "UPDATE counter SET value = value + \(stored.count)::bigint WHERE name = 'worries'", logger: logger)
            // The revision last of the counters, then the feed rows it tags (a private worry never
            // enters the sky; a public one of a hidden star is listed too).
            let revision = try await Self.nextRevision(connection, logger: logger)
            let feed = stored.filter { $0.worry.visibility == .public }
            try await Self.recordSkyChanges(
                feed.map(\.worry.id.rawValue), at: feed.map(\.worry.createdAt.timeIntervalSince1970), revision: revision,
                connection, logger: logger)
            if newClips > 0 {
                try await connection.query("SELECT pg_notify('dumpit_jobs', '')", logger: logger)
            }
            let hidden = Set(
                try await connection.query(
                    "SELECT star FROM star_state WHERE state = 'hidden' AND star = ANY(\(stars)::text[])", logger: logger
                ).collect().map { try $0.decode(String.self) })
            return (taken: taken, earlier: earlier, hidden: hidden)
        }
        let earlier = Dictionary(outcome.earlier.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        var stored: [Worry] = []
        for (index, item) in all.enumerated() {
            if let key = item.key {
                if let id = outcome.taken[key], let worry = earlier[id] {
                    stored.append(worry)
                    continue
                }
                if let first = firstWithKey[key], first != index {
                    stored.append(stored[first])
                    continue
                }
            }
            // A new public worry of a hidden star is read back as hidden.
            var worry = item.worry
            if worry.visibility == .public, outcome.hidden.contains(worry.star) { worry.visibility = .hidden }
            stored.append(worry)
        }
        return stored
    }

    public func worry(id: WorryID) async throws -> Worry? {
        try await run("read a worry") { connection in
            try await Self.worries(
                connection.query(
                    "\(unescaped: Self.selectShown) WHERE id = \(id.rawValue)",
                    logger: self.logger)
            ).first
        }
    }

    public func liveWorries(now: Date) async throws -> [Worry] {
        let seconds = now.timeIntervalSince1970
        return try await run("list live worries") { connection in
            try await Self.worries(
                connection.query(
                    """
                    SELECT id, text, created_at, expires_at, clip_key, star, 'public' FROM worry
                    WHERE expires_at > \(seconds) AND visibility = 'public'
                      AND NOT EXISTS (SELECT 1 FROM star_state s WHERE s.star = worry.star AND s.state = 'hidden')
                    ORDER BY created_at, seq
                    """, logger: self.logger))
        }
    }

    public func liveWorries(owner: OwnerToken, now: Date, limit: Int) async throws -> (worries: [Worry], total: Int) {
        let (hash, seconds, limit) = (OwnerHash(owner).hex, now.timeIntervalSince1970, max(0, limit))
        return try await run("list a person's worries") { connection in
            let total =
                try await connection.query(
                    "SELECT COUNT(*) FROM worry WHERE owner_hash = \(hash) AND expires_at > \(seconds)", logger: self.logger
                ).collect().first?.decode(Int64.self) ?? 0
            let newest = try await Self.worries(
                connection.query(
                    """
                    \(unescaped: Self.selectShown) WHERE owner_hash = \(hash) AND expires_at > \(seconds)
                    ORDER BY created_at DESC, seq DESC LIMIT \(limit)
                    """,
                    logger: self.logger))
            return (Array(newest.reversed()), Int(total))
        }
    }

    public func stats() async throws -> WorryStats {
        try await run("read the stats") { connection in
            var stats = WorryStats(people: 0, worries: 0)
            let rows = try await connection.query(
                "SELECT name, value FROM counter WHERE name IN ('people', 'worries')", logger: self.logger
            ).collect()
            for row in rows {
                let (name, value) = try row.decode((String, Int64).self)
                if name == "people" { stats.people = Int(value) } else { stats.worries = Int(value) }
            }
            return stats
        }
    }

    public func revision() async throws -> Int64 {
        try await run("read the revision") { connection in
            let rows = try await connection.query("SELECT value FROM counter WHERE name = 'revision'", logger: self.logger)
                .collect()
            return try rows.first?.decode(Int64.self) ?? 0
        }
    }

    /// Worries from rows of (id, text, created_at, expires_at, clip_key, star, visibility as read).
    static func worries(_ rows: PostgresRowSequence) async throws -> [Worry] {
        try await rows.collect().map { row in
            let (id, text, created, expires, key, star, shown) = try row.decode(
                (String, String, Double, Double, String, String, String).self)
            return Worry(
                id: try WorryID.stored(id), text: text, createdAt: Date(timeIntervalSince1970: created),
                expiresAt: Date(timeIntervalSince1970: expires), clipKey: ClipKey(rawValue: key), star: star,
                visibility: WorryVisibility(rawValue: shown) ?? .private)
        }
    }

    /// Advisory-lock key of the expiry sweep: one process sweeps at a time.
    static let sweeperLock: Int64 = 0x0D0_4B17_0002

    /// Under a transaction-scoped advisory lock, so one node of a fleet sweeps at a time.
    /// Clip files go with their clip (`ON DELETE CASCADE`), in the same transaction.
    public func deleteExpired(now: Date) async throws -> ExpiredSweep {
        let seconds = now.timeIntervalSince1970
        return try await transaction("delete expired worries") { connection, logger in
            let locked =
                try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.sweeperLock))", logger: logger)
                .collect().first?.decode(Bool.self) ?? false
            guard locked else { return ExpiredSweep() }
            try await connection.query("DELETE FROM rate_limit WHERE window_start < \(seconds - 86_400)", logger: logger)
            try await Self.pruneSkyFeed(now: seconds, connection, logger: logger)
            let worries = try await connection.query(
                "DELETE FROM worry WHERE expires_at <= \(seconds) RETURNING id, created_at, seq, visibility", logger: logger
            ).collect().map { try $0.decode((String, Double, Int64, String).self) }
            try await Self.forgetGone(connection, logger: logger, now: seconds)
            guard !worries.isEmpty else { return ExpiredSweep() }
            let clips = try await connection.query(
                """
                DELETE FROM clip WHERE NOT EXISTS (SELECT 1 FROM worry WHERE worry.clip_key = clip.base)
                RETURNING key, version
                """, logger: logger
            ).collect().map { try $0.decode((String, String).self) }.filter { $0.1.isEmpty }.map { ClipKey(rawValue: $0.0) }
            let revision = try await Self.nextRevision(connection, logger: logger)
            let feed = worries.filter { $0.3 == WorryVisibility.public.rawValue }.map(\.0)
            try await Self.recordSkyChanges(
                feed, at: Array(repeating: seconds, count: feed.count), revision: revision, connection, logger: logger)
            let ids = try worries.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map { try WorryID.stored($0.0) }
            return ExpiredSweep(worries: ids, clips: clips)
        }
    }
}
