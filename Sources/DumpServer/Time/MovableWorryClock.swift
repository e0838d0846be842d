import Foundation
import NIOConcurrencyHelpers

/// A clock that stands still until told to move: for tests of expiry, nights and caches.
public final class MovableWorryClock: WorryClock {
    private let instant: NIOLockedValueBox<Date>

    /// Creates a clock showing `start`.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        instant = NIOLockedValueBox(start)
    }

    /// The instant the clock shows.
    public func now() -> Date { instant.withLockedValue { $0 } }

    /// Moves the clock forward (or back, for a negative interval) by `seconds`.
    public func advance(by seconds: TimeInterval) {
        instant.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        instant.withLockedValue { $0 = date }
    }
}
