import Foundation
import Synchronization

/// Fixed-window request counters in memory: the rate limits of the SQLite store.
///
/// A window is `[k·w, (k+1)·w)` in Unix seconds, the same rule the PostgreSQL store applies
/// in SQL, so both stores admit and refuse the same requests. Keys are hashes from the
/// caller; windows that ended are pruned now and then.
final class FixedWindows: Sendable {
    private struct Count {
        var windowStart: Double
        var count: Int
    }

    private let counts = Mutex([String: Count]())

    /// Counts one request of `key` at `now`; nil when within `limit`, else whole seconds until
    /// the window ends. A limit of 0 admits everything.
    func admit(_ key: String, limit: Int, window: TimeInterval, now: Date) -> Int? {
        guard limit > 0, window > 0 else { return nil }
        let seconds = now.timeIntervalSince1970
        let start = (seconds / window).rounded(.down) * window
        return counts.withLock { counts in
            if counts.count > 4096 { counts = counts.filter { $0.value.windowStart >= start } }
            var entry = counts[key] ?? Count(windowStart: start, count: 0)
            if entry.windowStart != start { entry = Count(windowStart: start, count: 0) }
            entry.count += 1
            counts[key] = entry
            guard entry.count > limit else { return nil }
            return max(1, Int((start + window - seconds).rounded(.up)))
        }
    }
}
