import Foundation

/// An axis-aligned rectangle in the sky's 0…1 coordinates (x of width, y of height, y down).
public struct SkyLabelBox: Sendable, Equatable, Hashable {
    /// Left edge.
    public var minX: Double
    /// Top edge.
    public var minY: Double
    /// Right edge.
    public var maxX: Double
    /// Bottom edge.
    public var maxY: Double

    /// Creates a box from its edges.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// Width as a fraction of the sky's width.
    public var width: Double { maxX - minX }

    /// Height as a fraction of the sky's height.
    public var height: Double { maxY - minY }

    /// True when the two boxes share interior area (touching edges do not count).
    public func intersects(_ other: SkyLabelBox) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// True when the point (x, y) lies in the box, its edges included.
    public func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }

    /// True when all of `other` lies in the box, edges included.
    public func contains(_ other: SkyLabelBox) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The box grown by `dx` on the left and right and `dy` on the top and bottom.
    public func expanded(dx: Double, dy: Double) -> SkyLabelBox {
        SkyLabelBox(minX: minX - dx, minY: minY - dy, maxX: maxX + dx, maxY: maxY + dy)
    }

    /// True when the whole box lies inside the 0…1 sky.
    public var isInsideSky: Bool {
        minX >= 0 && minY >= 0 && maxX <= 1 && maxY <= 1
    }
}
