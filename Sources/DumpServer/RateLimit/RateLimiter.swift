import Foundation
import NIOConcurrencyHelpers

/// A sliding one-minute window per key (an owner token's hash or a client address), in memory.
///
/// A limit of 0 admits everything. Keys are hashed with a per-process random salt, so the
/// table never holds an owner token itself.
final class RateLimiter: Sendable {
    /// Requests admitted per key per window; 0 turns the limiter off.
    let limit: Int
    /// The window's length in seconds.
    let window: TimeInterval

    private struct State {
        var hits: [UInt64: [Date]] = [:]
        var admissions = 0
    }

    private let state = NIOLockedValueBox(State())
    private let salt = UInt64.random(in: .min ... .max)

    init(limit: Int, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Admits one request for `key` at `now` and returns nil, or returns the whole seconds to
    /// wait before the next one would be admitted.
    func admit(_ key: String, now: Date) -> Int? {
        guard limit > 0 else { return nil }
        let hashed = saltedHash(key)
        return state.withLockedValue { state in
            state.admissions += 1
            if state.admissions % 1024 == 0 { prune(&state, now: now) }
            let horizon = now.addingTimeInterval(-window)
            var hits = state.hits[hashed, default: []]
            hits.removeAll { $0 <= horizon }
            if hits.count >= limit {
                state.hits[hashed] = hits
                let wait = hits[0].addingTimeInterval(window).timeIntervalSince(now)
                return max(1, Int(wait.rounded(.up)))
            }
            hits.append(now)
            state.hits[hashed] = hits
            return nil
        }
    }

    /// Forgets keys with no hit inside the window, so the table does not grow forever.
    private func prune(_ state: inout State, now: Date) {
        let horizon = now.addingTimeInterval(-window)
        state.hits = state.hits.filter { ($0.value.last ?? .distantPast) > horizon }
    }

    private func saltedHash(_ key: String) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(salt)
        hasher.combine(key)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
