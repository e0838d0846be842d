import Crypto
import Foundation

/// Where worries, owners, cumulative stats, clip renders, clip files, rate limits and archived
/// nights are kept.
///
/// The seam between the service and its database: the embedded SQLite store and PostgreSQL
/// both implement it and pass one contract test suite, and nothing above it knows which one
/// it talks to. Every method that depends on "now" takes it as a parameter (time is
/// injected), and every query of live worries filters by `expiresAt > now` itself, so a
/// worry is invisible the moment it expires even before the sweeper deletes it.
///
/// Render jobs follow the rules of mature database queues: a claim takes a lease
/// (`RenderJob.leaseUntil`) that the renderer extends while it works; a rescuer puts jobs
/// whose lease ran out back in the queue; completion and failure are fenced on the attempt
/// number, so a late renderer can never overwrite a newer attempt.
public protocol WorryStore: Sendable {
    /// Stores a new worry, its owner (token kept only as a hash), the cumulative stats and —
    /// unless a worry with the same clip key already has one — a queued clip, all in one
    /// transaction that is durable when this returns.
    func addWorry(_ draft: WorryDraft, now: Date) async throws -> Worry

    /// Stores several worries (each with its own "now") as `addWorry` does, all in one
    /// transaction: one durable commit for a burst of posts (group commit). All or none. A
    /// draft whose owner and `idempotencyKey` match a live worry's returns that worry instead.
    func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) async throws -> [Worry]

    /// The worry with `id`, expired or not (the service answers 410 for expired ones);
    /// nil when unknown or already swept.
    func worry(id: WorryID) async throws -> Worry?

    /// The worries alive at `now` that the public may see (`visibility == .public`: neither
    /// kept private by the door nor in a hidden star), oldest first: the public sky.
    func liveWorries(now: Date) async throws -> [Worry]

    /// The newest `limit` worries alive at `now` whose owner token is `owner`, oldest first,
    /// whatever their visibility (the writer sees their own private and hidden worries), and
    /// how many there are in all.
    func liveWorries(owner: OwnerToken, now: Date, limit: Int) async throws -> (worries: [Worry], total: Int)

    /// Whether `owner` wrote the worry `id`.
    func owns(worryID id: WorryID, owner: OwnerToken) async throws -> Bool

    // MARK: Trust & safety

    /// Deletes the worry `id` — only when `owner` wrote it, or for any worry when `owner` is nil
    /// (an operator) — with its clip when no other worry shows it, leaves a tombstone until the
    /// worry would have expired (its share page answers 410) and moves the revision; nil when
    /// there is no such worry (or it is someone else's).
    func deleteWorry(id: WorryID, owner: OwnerToken?, now: Date) async throws -> DeletedWorry?

    /// Whether the worry `id` was deleted (and would still be alive): its tombstone.
    func wasDeleted(id: WorryID, now: Date) async throws -> Bool

    /// Files one report of `star` by `reporter` (once per reporter and star: a repeat counts
    /// nothing) and hides the star, moving the revision, when `ReportRule` says so. The
    /// caller has checked that the star is live and public.
    func report(star: String, reporter: OwnerToken, reason: ReportReason, now: Date) async throws -> ReportOutcome

    /// An operator hides (`hidden: true`) or restores a star; restoring also forgets its reports.
    /// Moves the revision. False when no live worry has that star.
    func moderate(star: String, hidden: Bool, now: Date) async throws -> Bool

    /// Every star alive at `now` that was reported or moderated, most reported first (at most
    /// `limit`), for operators.
    func moderationQueue(now: Date, limit: Int) async throws -> [ModerationItem]

    /// One star's moderation record (nil when no live worry has that star).
    func moderationItem(star: String, now: Date) async throws -> ModerationItem?

    /// Cumulative counters: distinct owners ever and worries ever (they survive expiry).
    func stats() async throws -> WorryStats

    /// A number that changes whenever the set of live worries may have changed (insert or
    /// sweep), the same on every process sharing the database; lets the service cache the sky
    /// layout. Read it before the worries it describes.
    func revision() async throws -> Int64

    /// The sky change feed: the public worries whose sky membership may have changed after
    /// revision `after` (every transaction that moves the revision records the worries it may
    /// have put in or taken out of the sky: posts, deletes, hides and restores, sweeps), split
    /// into those in the sky at `now` (`shown`) and those not (`gone`), with the revision they
    /// are complete up to, all read in one snapshot. `after == 0` on a store whose feed was
    /// never pruned lists every live public worry. When `after` is older than the feed keeps
    /// (rows older than `SkyChanges.retention` are pruned by `deleteExpired(now:)`) or newer
    /// than the store's revision, the answer is `complete: false` with empty lists. Worries
    /// kept private by the door never appear in it.
    func skyChanges(after revision: Int64, now: Date) async throws -> SkyChanges

    // MARK: Render jobs

    /// Claims the clip queued longest whose time has come (`runAfter <= now`) and that a live
    /// worry still shows: marks it rendering by `worker` with a lease until `now + lease`,
    /// counts the attempt, and returns it; nil when there is none. Two claims never return
    /// the same attempt.
    func claimRenderJob(worker: String, now: Date, lease: TimeInterval) async throws -> RenderJob?

    /// Extends the lease of `job` to `until` (the heartbeat); false when the attempt is no
    /// longer this one's (rescued, finished, swept) and its result must be thrown away.
    func extendLease(_ job: RenderJob, until: Date) async throws -> Bool

    /// Marks the clip of `job` ready — with `files` stored beside it when the store keeps clip
    /// files — if `job` is still the current attempt; false (and nothing stored) otherwise.
    func completeRenderJob(_ job: RenderJob, files: [ClipFile], now: Date) async throws -> Bool

    /// Records a failed attempt of `job` (fenced like completion): a transient failure puts it
    /// back without counting the attempt; otherwise it is queued again until `maxAttempts`,
    /// then failed. Either way it waits until `retryAt`. Returns the clip's new status, or nil
    /// when the attempt was not current.
    func failRenderJob(
        _ job: RenderJob, error: String, transient: Bool, maxAttempts: Int, retryAt: Date, now: Date
    ) async throws -> ClipStatus?

    /// Puts back every rendering job whose lease ended before `now` (its renderer died or was
    /// cut off): queued again at once, or failed when it used up `maxAttempts`. Returns how
    /// many were rescued. Safe to call from every process at once (one does the work).
    func rescueExpiredLeases(now: Date, maxAttempts: Int) async throws -> Int

    /// Queues a failed clip of `worryID` again for one more attempt, when it failed at least
    /// `after` seconds before `now`; true when it was queued.
    func retryFailedClip(worryID: WorryID, after: TimeInterval, now: Date) async throws -> Bool

    /// Asks for version `version` (a format made after the clip: `webm`, `story`) of the ready
    /// clip `key`, as a render job of its own for the workers: queued unless it is queued,
    /// rendering or ready already; a failed one is queued again once it failed `retryAfter`
    /// seconds before `now`. Returns the version's state (its `key` is `key.version(version)`),
    /// or nil when `key` is no ready clip of a live worry. Cheap and idempotent: one row per
    /// version, however many ask.
    func requestClipVersion(of key: ClipKey, version: String, retryAfter: TimeInterval, now: Date) async throws -> ClipState?

    /// Where one worry's clip stands: its key, its status and its place in the queue.
    func clipState(worryID: WorryID) async throws -> ClipState?

    /// The text of a clip (for formats made on first request); nil when no such clip.
    func clipText(key: ClipKey) async throws -> String?

    /// The render queue at `now`: clips queued or rendering, and the oldest queued one's age.
    func renderBacklog(now: Date) async throws -> RenderBacklog

    // MARK: Clip files

    /// Whether the store keeps clip files itself (PostgreSQL: every web node serves every
    /// clip); false when they live in the data folder beside the database (SQLite).
    var keepsClipFiles: Bool { get }

    /// The bytes of file `name` of clip `key`; nil when not stored.
    func clipFile(key: ClipKey, name: String) async throws -> Data?

    /// Wakes the caller when a job may have been queued by any process (PostgreSQL
    /// LISTEN/NOTIFY); nil when the store has no such signal (callers poll).
    func jobSignals() -> AsyncStream<Void>?

    /// The 32-byte key that signs owner tokens, the same for every process of the site: made
    /// at random by the first call, then read. Never logged, never served.
    func ownerTokenKey() async throws -> [UInt8]

    // MARK: Limits, expiry, nights

    /// Counts one request for `key` (a hash, never a token or an address) in the current fixed
    /// window of `window` seconds: nil when it is within `limit`, else the whole seconds until
    /// the window ends. Shared by every process on the database.
    func admit(rateKey key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Int?

    /// Deletes every worry expired at `now`, and every clip (and its files) no remaining worry
    /// shows, with the tombstones, reports and moderation of what is gone; returns both so the caller can delete local files. When another process is
    /// sweeping at the same moment, returns an empty sweep. Also prunes the sky change feed's
    /// rows written before `now - SkyChanges.retention`.
    func deleteExpired(now: Date) async throws -> ExpiredSweep

    /// The public worries (visibility as `liveWorries(now:)` filters it) created in
    /// `[start, end)` — used to archive a night before they expire.
    func worries(createdFrom start: Date, to end: Date) async throws -> [Worry]

    /// The owner key of each worry created in `[start, end)`, by worry id: a hash of the stored
    /// owner hash, for counting distinct people on a night's poster (a constellation's name is
    /// drawn only when five people share it). Never the stored hash itself; never served.
    func nightOwnerKeys(createdFrom start: Date, to end: Date) async throws -> [WorryID: String]

    /// Takes the right to archive the night of `date` for `seconds` (one process of a fleet
    /// archives it); false when another process holds it or the night is already archived.
    func claimNightArchive(date: String, now: Date, seconds: TimeInterval) async throws -> Bool

    /// Gives up the claim on `date` (an attempt failed; the next may come at once).
    func releaseNightArchive(date: String) async throws

    /// Stores a night's anonymous sky (no texts, no ids), replacing an earlier one of that date.
    func saveNight(_ night: Night) async throws

    /// At most `limit` archived nights dated before `before` (all when nil), newest first:
    /// their dates and counts, not their skies (a page of a list that grows every night).
    func nights(before: String?, limit: Int) async throws -> [NightSummary]

    /// One archived night by its date (`YYYY-MM-DD`).
    func night(date: String) async throws -> Night?

    /// Keeps the poster PNG of the archived night `date`, for stores that keep files
    /// (`keepsClipFiles`: PostgreSQL, so every node serves the poster one node painted); a
    /// store whose files live in the data folder ignores it.
    func saveNightPoster(date: String, png: Data) async throws

    /// The kept poster of `date`; nil when none is kept (or the store keeps no files).
    func nightPoster(date: String) async throws -> Data?
}

extension WorryStore {
    /// The render state of one worry's clip.
    public func clipStatus(worryID: WorryID) async throws -> ClipStatus? {
        try await clipState(worryID: worryID)?.status
    }

    /// Clips queued or rendering.
    public func pendingJobCount(now: Date = Date()) async throws -> Int {
        try await renderBacklog(now: now).pending
    }
}
