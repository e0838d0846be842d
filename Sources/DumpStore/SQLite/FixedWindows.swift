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
        let current = RateWindow(containing: now, length: window)
        let count = counts.withLock { counts in
            if counts.count > 4096 { counts = counts.filter { $0.value.windowStart >= current.start } }
            var entry = counts[key] ?? Count(windowStart: current.start, count: 0)
            if entry.windowStart != current.start { entry = Count(windowStart: current.start, count: 0) }
            entry.count += 1
            counts[key] = entry
            return entry.count
        }
        return current.wait(afterCount: count, limit: limit, now: now)
    }
}

/// One fixed rate-limit window, `[k·w, (k+1)·w)` in Unix seconds: the rule both stores apply.
struct RateWindow {
    /// The window's first instant, in seconds since 1970.
    let start: Double
    let length: TimeInterval

    /// The window of `length` seconds that contains `now`.
    init(containing now: Date, length: TimeInterval) {
        start = (now.timeIntervalSince1970 / length).rounded(.down) * length
        self.length = length
    }

    /// Nil when the `count`th request of this window is within `limit`, else the whole seconds
    /// from `now` until the window ends.
    func wait(afterCount count: Int, limit: Int, now: Date) -> Int? {
        guard count > limit else { return nil }
        return max(1, Int((start + length - now.timeIntervalSince1970).rounded(.up)))
    }
}
