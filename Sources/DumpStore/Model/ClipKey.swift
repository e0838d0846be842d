import Crypto
import Foundation

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

    /// The key of the job row of version `name` of this clip (`<key>.<name>`). Its files are
    /// kept under this clip's key; only the job has this key.
    public func version(_ name: String) -> ClipKey { ClipKey(rawValue: "\(rawValue).\(name)") }

    /// Whether the key can name a folder: hex digits, or a legacy worry id (base64url).
    public var isSafeFileName: Bool {
        !rawValue.isEmpty && rawValue.utf8.count <= 64 && rawValue.utf8.allSatisfy(OwnerToken.isURLSafe)
    }

    public var description: String { rawValue }
}

/// The state of a clip's render: waiting its turn, being rendered, done, given up.
public enum ClipStatus: String, Sendable, Codable {
    case queued, rendering, ready, failed
}

/// Where a worry's clip stands.
public struct ClipState: Sendable, Hashable {
    public var key: ClipKey
    public var status: ClipStatus
    /// Queued clips that will be rendered before this one (0 unless `status` is `.queued`),
    /// counted no further than `aheadLimit`: a post never counts a whole backed-up queue.
    public var queuedAhead: Int

    /// The most `queuedAhead` counts.
    public static let aheadLimit = 1_000

    public init(key: ClipKey, status: ClipStatus, queuedAhead: Int = 0) {
        self.key = key
        self.status = status
        self.queuedAhead = queuedAhead
    }
}
