import Foundation

/// What changed in the sky's worries after a revision: the sky change feed, so a web node keeps
/// its in-memory sky by reading only what changed since the revision it last saw instead of
/// every live worry after every post.
///
/// Applying a complete answer to the set the caller held for revision `after` (insert or
/// replace `shown`, remove `gone`, and drop what expired at `now`, `expiresAt <= now`) gives
/// exactly what `liveWorries(now:)` returns in the snapshot the answer was read in.
public struct SkyChanges: Sendable, Equatable {
    /// The store's revision this answer is complete up to (read in the same snapshot as the rows).
    public var revision: Int64
    /// False when `after` is older than the feed keeps (rows were pruned) or newer than the
    /// store's revision (another database): the caller must read every live worry again
    /// (`liveWorries(now:)`) and start over from `revision`. Both lists are empty then.
    public var complete: Bool
    /// Worries that are in the sky now (public, not hidden, alive at `now`) and whose sky
    /// membership may have changed after `after` (a worry may be listed again although it
    /// never left), oldest first.
    public var shown: [Worry]
    /// Ids of worries whose membership may have changed after `after` and that are NOT in
    /// the sky now (deleted, hidden, expired or swept), sorted.
    public var gone: [WorryID]

    /// An answer of the feed.
    public init(revision: Int64, complete: Bool, shown: [Worry], gone: [WorryID]) {
        self.revision = revision
        self.complete = complete
        self.shown = shown
        self.gone = gone
    }

    /// How long the feed keeps its rows: the periodic sweep (`deleteExpired(now:)`) prunes rows
    /// written more than this many seconds before its `now`, and a caller whose revision is
    /// older than what was pruned gets `complete: false`.
    public static let retention: TimeInterval = 3600
}
