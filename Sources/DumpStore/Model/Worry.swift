import Foundation

/// What the service hands the store for a new worry.
public struct WorryDraft: Sendable {
    public var text: String
    public var owner: OwnerToken
    public var ttl: TimeInterval
    /// The clip this worry shows; worries with the same key share one render.
    public var clipKey: ClipKey
    /// The id of the star that shows these words (`SkyEngine.nodeID(text:)`): what reports and
    /// moderation act on.
    public var star: String
    /// `.public`, or `.private` when the door kept the words to their writer.
    public var visibility: WorryVisibility
    /// The client's `Idempotency-Key`: a second draft of the same owner with the same key,
    /// while the first worry lives, stores nothing and returns that worry.
    public var idempotencyKey: String?

    /// A draft; without a `clipKey`, the key of `text` in the default clip variant.
    public init(
        text: String, owner: OwnerToken, ttl: TimeInterval, clipKey: ClipKey? = nil, star: String = "",
        visibility: WorryVisibility = .public
    ) {
        self.text = text
        self.owner = owner
        self.ttl = ttl
        self.clipKey = clipKey ?? ClipKey(text: text, variant: "")
        self.star = star
        self.visibility = visibility == .hidden ? .private : visibility
    }
}

/// A stored worry. Carries no owner information: nothing read from the store can leak it.
public struct Worry: Sendable, Hashable, Codable {
    public var id: WorryID
    public var text: String
    public var createdAt: Date
    public var expiresAt: Date
    /// The clip it shows (shared with every worry of the same text).
    public var clipKey: ClipKey
    /// The star that shows these words (empty for worries stored before stars were recorded).
    public var star: String
    /// Who may see it, as read (the door's verdict, and its star's moderation).
    public var visibility: WorryVisibility

    public init(
        id: WorryID, text: String, createdAt: Date, expiresAt: Date, clipKey: ClipKey? = nil, star: String = "",
        visibility: WorryVisibility = .public
    ) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.clipKey = clipKey ?? ClipKey(rawValue: id.rawValue)
        self.star = star
        self.visibility = visibility
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
