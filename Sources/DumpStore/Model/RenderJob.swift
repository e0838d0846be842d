import Foundation

/// A claimed render job: one attempt at one clip, or at one version of a clip made after it,
/// held under a lease.
public struct RenderJob: Sendable, Hashable {
    /// The job's row: the clip's key, or `base.version(version)` for a version.
    public var key: ClipKey
    /// The clip this job renders for (its files are kept under this key; its seed is this key's).
    public var base: ClipKey
    /// The version made (`webm`, `story`); empty for the clip itself (its post-time files).
    public var version: String
    public var text: String
    /// This attempt's number (1 for the first): completion and failure are fenced on it.
    public var attempts: Int
    /// When the lease ends unless extended; after it a rescuer may give the job to another.
    public var leaseUntil: Date
    /// When the job became due: the post that queued the clip, or the end of a retry's backoff
    /// (for the POST-to-ready time a worker process reports).
    public var dueAt: Date

    public init(
        key: ClipKey, text: String, attempts: Int, leaseUntil: Date = .distantFuture, dueAt: Date = .distantPast,
        base: ClipKey? = nil, version: String = ""
    ) {
        self.key = key
        self.base = base ?? key
        self.version = version
        self.text = text
        self.attempts = attempts
        self.leaseUntil = leaseUntil
        self.dueAt = dueAt
    }
}

/// One file of a rendered clip (`clip.mp4`, `thumbnail.png`, …) handed to the store with the
/// completion, for stores that keep clip files.
public struct ClipFile: Sendable, Hashable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// The render queue at a moment: for metrics and wait estimates.
public struct RenderBacklog: Sendable, Hashable {
    /// Clips queued or rendering.
    public var pending: Int
    /// Seconds since the oldest queued clip became due; 0 when none is queued.
    public var oldestQueuedSeconds: Double

    public init(pending: Int, oldestQueuedSeconds: Double) {
        self.pending = pending
        self.oldestQueuedSeconds = oldestQueuedSeconds
    }
}

/// When a failed attempt is tried again: exponential backoff with jitter, as mature job
/// queues do (a failure that repeats waits longer each time; jitter spreads a burst of
/// failures so they do not all come back together).
public struct RetryBackoff: Sendable {
    /// Delay after the first failure, in seconds.
    public var base: TimeInterval
    /// Longest delay, in seconds.
    public var cap: TimeInterval

    public init(base: TimeInterval = 5, cap: TimeInterval = 300) {
        self.base = base
        self.cap = cap
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based): `base · 2^(attempt−1)`,
    /// capped, times a random factor in [0.5, 1.5).
    public func delay(afterAttempt attempt: Int, jitter: Double = Double.random(in: 0.5..<1.5)) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        return min(cap, base * pow(2, exponent)) * jitter
    }
}
