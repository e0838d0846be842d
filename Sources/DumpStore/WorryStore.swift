import Crypto
import DumpEngine
import Foundation

/// Where worries, owners, cumulative stats, render jobs and archived nights are kept.
///
/// One protocol so that PostgreSQL can replace the embedded SQLite store: the service talks
/// only to this. Every method that depends on "now" takes it as a parameter (time is
/// injected), and every query of live worries filters by `expiresAt > now` itself, so a
/// worry is invisible the moment it expires even before the sweeper deletes it.
public protocol WorryStore: Sendable {
    /// Stores a new worry, its owner (token kept only as a hash), the cumulative stats and —
    /// unless a worry with the same clip key already has one — a queued clip, all in one
    /// transaction that is durable when this returns.
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

    /// Claims the clip queued longest that a live worry still shows (marks it rendering), or
    /// returns nil.
    func claimRenderJob(now: Date) throws -> RenderJob?

    /// Marks a clip rendered; every worry showing it has its clip ready.
    func completeRenderJob(key: ClipKey, now: Date) throws

    /// Records a failure; the clip is queued again until `maxAttempts` is reached, then
    /// stays failed.
    func failRenderJob(key: ClipKey, error: String, maxAttempts: Int, now: Date) throws

    /// Puts clips left rendering by a previous process (crash, shutdown) back in the queue.
    func requeueInterruptedJobs() throws -> Int

    /// Where one worry's clip stands: its key, its status and its place in the queue.
    func clipState(worryID: WorryID) throws -> ClipState?

    /// The text of a clip (for formats made on first request); nil when no such clip.
    func clipText(key: ClipKey) throws -> String?

    /// Number of queued + rendering clips (for metrics and wait estimates).
    func pendingJobCount() throws -> Int

    /// Deletes every worry expired at `now`, and every clip no remaining worry shows;
    /// returns both so the caller can delete the clips' files.
    func deleteExpired(now: Date) throws -> ExpiredSweep

    /// All worries created in `[start, end)` — used to archive a night before they expire.
    func worries(createdFrom start: Date, to end: Date) throws -> [Worry]

    /// The owner key of each worry created in `[start, end)`, by worry id: a hash of the stored
    /// owner hash, for counting distinct people on a night's poster (a constellation's name is
    /// drawn only when five people share it). Never the stored hash itself; never served.
    func nightOwnerKeys(createdFrom start: Date, to end: Date) throws -> [WorryID: String]

    /// Stores a night's anonymous sky (no texts, no ids), replacing an earlier one of that date.
    func saveNight(_ night: Night) throws

    /// Archived nights, newest first.
    func nights() throws -> [Night]

    /// One archived night by its date (`YYYY-MM-DD`).
    func night(date: String) throws -> Night?
}

extension WorryStore {
    /// The render state of one worry's clip.
    public func clipStatus(worryID: WorryID) throws -> ClipStatus? {
        try clipState(worryID: worryID)?.status
    }
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
    /// The clip this worry shows; worries with the same key share one render.
    public var clipKey: ClipKey

    /// A draft; without a `clipKey`, the key of `text` in the default clip variant.
    public init(text: String, owner: OwnerToken, ttl: TimeInterval, clipKey: ClipKey? = nil) {
        self.text = text
        self.owner = owner
        self.ttl = ttl
        self.clipKey = clipKey ?? ClipKey(text: text, variant: "")
    }
}

/// Names one rendered clip: a hash of everything the clip is a pure function of — the text
/// and a variant string the renderer gives (its version, size, frame rate, length). Two
/// worries with the same key share one render and one set of files.
///
/// The key is of the exact text as stored, not of a normalised one: a clip shows the words as
/// they were written (case, punctuation), so "싫어요" and "싫어요!!" are two clips.
public struct ClipKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The first 128 bits of SHA-256(variant, NUL, text), in hex.
    public init(text: String, variant: String) {
        var bytes = Array(variant.utf8)
        bytes.append(0)
        bytes.append(contentsOf: text.utf8)
        rawValue = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The clip's render seed, from the key: a render after a crash, or a format made later,
    /// gives the same frames.
    public var seed: UInt64 { stableHash(rawValue) }

    /// Whether the key can name a folder: hex digits, or a legacy worry id (base64url).
    public var isSafeFileName: Bool {
        !rawValue.isEmpty && rawValue.utf8.count <= 64 && rawValue.utf8.allSatisfy(OwnerToken.isURLSafe)
    }

    public var description: String { rawValue }
}

/// A stored worry. Carries no owner information: nothing read from the store can leak it.
public struct Worry: Sendable, Hashable, Codable {
    public var id: WorryID
    public var text: String
    public var createdAt: Date
    public var expiresAt: Date
    /// The clip it shows (shared with every worry of the same text).
    public var clipKey: ClipKey

    public init(id: WorryID, text: String, createdAt: Date, expiresAt: Date, clipKey: ClipKey? = nil) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.clipKey = clipKey ?? ClipKey(rawValue: id.rawValue)
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

/// The state of a clip's render: waiting its turn, being rendered, done, given up.
public enum ClipStatus: String, Sendable, Codable {
    case queued, rendering, ready, failed
}

/// Where a worry's clip stands.
public struct ClipState: Sendable, Hashable {
    public var key: ClipKey
    public var status: ClipStatus
    /// Queued clips that will be rendered before this one (0 unless `status` is `.queued`).
    public var queuedAhead: Int

    public init(key: ClipKey, status: ClipStatus, queuedAhead: Int = 0) {
        self.key = key
        self.status = status
        self.queuedAhead = queuedAhead
    }
}

/// A claimed render job: one clip to render.
public struct RenderJob: Sendable, Hashable {
    public var key: ClipKey
    public var text: String
    public var attempts: Int

    public init(key: ClipKey, text: String, attempts: Int) {
        self.key = key
        self.text = text
        self.attempts = attempts
    }
}

/// What a sweep of expired worries deleted: the worries, and the clips no live worry uses any
/// more (their files can go).
public struct ExpiredSweep: Sendable, Hashable {
    public var worries: [WorryID]
    public var clips: [ClipKey]

    public init(worries: [WorryID] = [], clips: [ClipKey] = []) {
        self.worries = worries
        self.clips = clips
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
