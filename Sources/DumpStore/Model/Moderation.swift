import Crypto
import Foundation

/// Who may see a worry: everyone, only its writer (the door's care or hate verdict), or
/// nobody but its writer because its star was hidden (reports or an operator).
public enum WorryVisibility: String, Sendable, Codable, Hashable, CaseIterable {
    /// In the public sky, on the share page, in posters.
    case `public`
    /// Only under the writer's 내 고민 (the door kept it off the public sky).
    case `private`
    /// Its star was hidden by reports or an operator: gone from every public surface.
    case hidden
}

/// Why someone reported a star.
public enum ReportReason: String, Sendable, Codable, Hashable, CaseIterable {
    case personalInfo = "personal_info"
    case hate
    case selfHarm = "self_harm"
    case spam
    case other
}

/// When reports hide a star: at once for personal information, after three distinct reporters
/// otherwise; reports of self-harm never hide (the star goes to review, so a person in crisis
/// is not silenced by strangers) but count for review.
public enum ReportRule {
    /// Distinct reporters (of reasons that hide) that hide a star.
    public static let reportersToHide = 3

    /// Whether a star with these distinct reporters per reason is hidden.
    public static func hides(reporters: [ReportReason: Int]) -> Bool {
        if reporters[.personalInfo, default: 0] >= 1 { return true }
        let hiding = reporters.filter { $0.key != .selfHarm }.values.reduce(0, +)
        return hiding >= reportersToHide
    }
}

/// What filing a report did.
public struct ReportOutcome: Sendable, Hashable {
    /// False when this reporter had already reported this star (nothing was counted).
    public var counted: Bool
    /// Whether the star is hidden from the public now.
    public var hidden: Bool
    /// Whether this report hid it (it was public before).
    public var hidNow: Bool

    public init(counted: Bool, hidden: Bool, hidNow: Bool) {
        self.counted = counted
        self.hidden = hidden
        self.hidNow = hidNow
    }
}

/// An operator's view of one star: its live worries' texts (already masked by the door), its
/// reports by reason, and its state. Never a writer's token, hash or address.
public struct ModerationItem: Sendable, Hashable, Codable {
    /// The star's id (`n` + 16 hex digits), the same as the sky's node id.
    public var star: String
    /// The live worries of this star, oldest first.
    public var worries: [Worry]
    /// Distinct reporters per reason.
    public var reports: [String: Int]
    /// `public`, `hidden` (by reports or an operator) or `restored` (an operator overrode reports).
    public var state: String
    /// Who set the state: `reports` or `operator` (nil when never moderated).
    public var by: String?
    /// When the newest report came.
    public var lastReportAt: Date?

    public init(star: String, worries: [Worry], reports: [String: Int], state: String, by: String?, lastReportAt: Date?) {
        self.star = star
        self.worries = worries
        self.reports = reports
        self.state = state
        self.by = by
        self.lastReportAt = lastReportAt
    }

    /// Whether a person should look at it: hidden by reports, or reported as self-harm.
    public var needsReview: Bool {
        (state == "hidden" && by == "reports") || reports[ReportReason.selfHarm.rawValue, default: 0] > 0
    }
}

/// What deleting a worry removed: its id, and its clip when no other worry shows it (its files can go).
public struct DeletedWorry: Sendable, Hashable {
    public var id: WorryID
    public var clip: ClipKey?

    public init(id: WorryID, clip: ClipKey?) {
        self.id = id
        self.clip = clip
    }
}

/// The only form in which a reporter's token reaches the database: SHA-256 of a label of its
/// own and the token, so a reporter can never be matched with a writer's owner hash.
struct ReporterHash: Hashable, Sendable {
    let hex: String

    init(_ token: OwnerToken) {
        let digest = SHA256.hash(data: Data(("dumpit-reporter-v1:" + token.secret).utf8))
        hex = digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension WorryStore {
    /// The star of `id` when `id` is a star id, or the star of the live worry `id` names.
    public func star(named id: String, now: Date) async throws -> String? {
        if StarID.isValid(id) { return id }
        guard let worryID = WorryID(id), let worry = try await worry(id: worryID), !worry.isExpired(at: now) else {
            return nil
        }
        return worry.star.isEmpty ? nil : worry.star
    }
}

/// How an `Idempotency-Key` is kept: SHA-256 of a label, the owner hash and the key, so one
/// owner's key never matches another's and the key itself is not stored.
struct IdempotencyHash: Hashable, Sendable {
    let hex: String

    init(owner: OwnerHash, key: String) {
        hex = SHA256.hash(data: Data("dumpit-idempotency-v1:\(owner.hex):\(key)".utf8)).map { String(format: "%02x", $0) }
            .joined()
    }
}

/// A star's id as the sky names it: `n` and 16 lowercase hex digits.
public enum StarID {
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 17, bytes[0] == UInt8(ascii: "n") else { return false }
        return bytes.dropFirst().allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
    }
}
