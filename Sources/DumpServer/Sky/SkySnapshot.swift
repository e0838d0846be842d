import DumpEngine
import Foundation
import NIOCore

/// One computed live sky: the layout, its JSON bytes, and what it was computed from.
struct SkySnapshot: Sendable {
    /// Counts computations; the ETag of `GET /api/sky`.
    var serial: Int
    /// The store revision read before the worries were listed (the layout is at least this new).
    var revision: Int64
    /// When the first of its worries expires; the snapshot is stale from then on.
    var validUntil: Date
    /// The layout.
    var layout: SkyLayout
    /// `layout` encoded once with `SkyLayout.jsonBytes()`, in a buffer every answer shares.
    var json: ByteBuffer
    /// How many live worries it holds.
    var worryCount: Int

    /// Whether it still shows the live set at `now` for a store at `revision`.
    func isCurrent(revision: Int64, now: Date) -> Bool {
        self.revision >= revision && now < validUntil
    }
}
