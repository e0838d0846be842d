import Foundation

/// Where the service reads "now" from: injected, so tests move time instead of sleeping.
public protocol WorryClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemWorryClock: WorryClock {
    /// Creates the wall clock.
    public init() {}

    /// `Date()`.
    public func now() -> Date { Date() }
}
