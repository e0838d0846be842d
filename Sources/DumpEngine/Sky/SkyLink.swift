import Foundation

/// A faint line between two near stars of one sky.
public struct SkyLink: Codable, Sendable, Equatable, Hashable {
    /// Index of the first star in `SkyLayout.nodes` (always the smaller index).
    public var a: Int
    /// Index of the second star in `SkyLayout.nodes`.
    public var b: Int
    /// Opacity 0…1: `1 - distance / cutoff`, so longer links fade out.
    public var strength: Double

    /// Creates a link between the stars at indices `a` and `b`.
    public init(a: Int, b: Int, strength: Double) {
        self.a = a
        self.b = b
        self.strength = strength
    }
}
