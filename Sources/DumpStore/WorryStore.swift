import Foundation

/// Where worries, owners, cumulative stats, render jobs and archived nights are kept.
///
/// One protocol so that PostgreSQL can replace the embedded SQLite store: the service talks
/// only to this. Every method that depends on "now" takes it as a parameter (time is
/// injected), and every query of live worries filters by `expiresAt > now` itself, so a
/// worry is invisible the moment it expires even before the sweeper deletes it.
public protocol WorryStore: Sendable {
    /// Stores a new worry, its owner (token kept only as a hash), the cumulative stats and a
    /// pending render job, all in one transaction that is durable when this returns.
    func addWorry(_ draft: WorryDraft, now: Date) throws -> Worry

    /// Stores several worries (each with its own "now") as `addWorry` does, all in one
    /// transaction: one durable commit for a burst of posts (group commit). All or none.
    func addWorries(_ drafts: [(draft: WorryDraft, now: Date)]) throws -> [Worry]

    /// The worry with `id`, expired or not (the service answers 410 for expired ones);
    /// nil when unknown or already swept.
    func worry(id: WorryID) throws -> Worry?

    /// All worries alive at `now`, oldest first.
    func liveWorries(now: Date) throws -> [Worry]

    /// The worries alive at `now` whose owner token is `owner`, oldest first.
    func liveWorries(owner: OwnerToken, now: Date) throws -> [Worry]

    /// Cumulative counters: distinct owners ever and worries ever (they survive expiry).
    func stats() throws -> WorryStats

    /// A number that changes whenever the set of live worries may have changed (insert or
    /// sweep); lets the service cache the sky layout.
    func revision() throws -> Int64

    /// Claims the oldest pending render job (marks it running) or returns nil.
    func claimRenderJob(now: Date) throws -> RenderJob?

    /// Marks a job done; its clip is ready.
    func completeRenderJob(worryID: WorryID, now: Date) throws

    /// Records a failure; the job goes back to pending until `maxAttempts` is reached, then
    /// stays failed.
    func failRenderJob(worryID: WorryID, error: String, maxAttempts: Int, now: Date) throws

    /// Puts jobs left running by a previous process (crash, shutdown) back to pending.
    func requeueInterruptedJobs() throws -> Int

    /// The render state of one worry's clip.
    func clipStatus(worryID: WorryID) throws -> ClipStatus?

    /// Number of pending + running jobs (for metrics).
    func pendingJobCount() throws -> Int

    /// Deletes every worry expired at `now` (and its job); returns their ids so the caller
    /// can delete their files.
    func deleteExpired(now: Date) throws -> [WorryID]

    /// All worries created in `[start, end)` — used to archive a night before they expire.
    func worries(createdFrom start: Date, to end: Date) throws -> [Worry]

    /// Stores a night's anonymous sky (no texts, no ids), replacing an earlier one of that date.
    func saveNight(_ night: Night) throws

    /// Archived nights, newest first.
    func nights() throws -> [Night]

    /// One archived night by its date (`YYYY-MM-DD`).
    func night(date: String) throws -> Night?
}

/// A worry's id: 128 random bits, base64url without padding (22 characters). Unguessable.
public struct WorryID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 22-character text form used in URLs and JSON.
    public let rawValue: String

    /// Wraps an id read from a URL or the database; nil when it is not 22 base64url characters.
    public init?(_ rawValue: String) {
        guard rawValue.utf8.count == 22,
            rawValue.utf8.allSatisfy({ OwnerToken.isURLSafe($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    /// A fresh random id from the system's secure generator.
    public static func random() -> WorryID {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        for _ in 0..<2 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return WorryID(text)!
    }

    public var description: String { rawValue }
}

/// The secret a browser makes and keeps to recognise its own worries. Never stored in the
/// clear, never logged, never put in a URL or a response.
public struct OwnerToken: Sendable, Hashable {
    /// The token as the client sent it.
    public let secret: String

    /// Accepts 32–128 URL-safe characters (`A–Z a–z 0–9 - _`); nil otherwise.
    public init?(_ secret: String) {
        let bytes = secret.utf8
        guard (32...128).contains(bytes.count), bytes.allSatisfy(OwnerToken.isURLSafe) else { return nil }
        self.secret = secret
    }

    static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

/// What the service hands the store for a new worry.
public struct WorryDraft: Sendable {
    public var text: String
    public var owner: OwnerToken
    public var ttl: TimeInterval

    public init(text: String, owner: OwnerToken, ttl: TimeInterval) {
        self.text = text
        self.owner = owner
        self.ttl = ttl
    }
}

/// A stored worry. Carries no owner information: nothing read from the store can leak it.
public struct Worry: Sendable, Hashable, Codable {
    public var id: WorryID
    public var text: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: WorryID, text: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Whether the worry is past its time at `now`.
    public func isExpired(at now: Date) -> Bool { expiresAt <= now }
}

/// Cumulative counters shown on the page.
public struct WorryStats: Sendable, Hashable, Codable {
    public var people: Int
    public var worries: Int

    public init(people: Int, worries: Int) {
        self.people = people
        self.worries = worries
    }
}

/// The state of a worry's clip render.
public enum ClipStatus: String, Sendable, Codable {
    case pending, ready, failed
}

/// A claimed render job.
public struct RenderJob: Sendable, Hashable {
    public var worryID: WorryID
    public var text: String
    public var attempts: Int

    public init(worryID: WorryID, text: String, attempts: Int) {
        self.worryID = worryID
        self.text = text
        self.attempts = attempts
    }
}

/// One archived night: anonymous sky data, no worry texts and no ids.
public struct Night: Sendable, Hashable, Codable {
    /// Local date of the night, `YYYY-MM-DD`.
    public var date: String
    /// How many worries flew away that day.
    public var worryCount: Int
    /// The anonymous sky (positions, counts, colours) as JSON produced by the sky engine.
    public var skyJSON: Data
    public var archivedAt: Date

    public init(date: String, worryCount: Int, skyJSON: Data, archivedAt: Date) {
        self.date = date
        self.worryCount = worryCount
        self.skyJSON = skyJSON
        self.archivedAt = archivedAt
    }
}
