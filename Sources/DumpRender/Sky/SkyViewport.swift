import DumpEngine
import Foundation

/// Where the sky's 0…1 coordinates land on a canvas: a 16:9 "sky box" in pixels (or points).
///
/// The page fits the box to *cover* the window (the cluster stays round; the edges of a
/// non-16:9 window crop the box), and `cover` does exactly the same, so a rendered sky and
/// the live page agree. Posters instead fit the round cluster inside a region (`fitting`).
public struct SkyViewport: Sendable, Equatable {
    /// Left edge of the sky box (may be negative when the box is cropped).
    public var x: Double
    /// Top edge of the sky box.
    public var y: Double
    /// Width of the sky box.
    public var width: Double
    /// Height of the sky box (width × 9/16).
    public var height: Double

    /// A sky box from its edges.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The 16:9 box that covers a `width × height` canvas, centred (the page's rule).
    public static func cover(width: Double, height: Double) -> SkyViewport {
        let scale = max(width / 16, height / 9)
        let boxWidth = 16 * scale, boxHeight = 9 * scale
        return SkyViewport(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
    }

    /// The box whose round cluster (radius 0.42 of the box's height, plus a rim for glows and
    /// drift) fits inside `region`, centred on it.
    public static func fitting(clusterIn region: PixelRect) -> SkyViewport {
        let boxHeight = min(region.width, region.height) / clusterSpan
        let boxWidth = boxHeight * SkyLayout.aspectRatio
        return SkyViewport(
            x: region.x + (region.width - boxWidth) / 2, y: region.y + (region.height - boxHeight) / 2,
            width: boxWidth, height: boxHeight)
    }

    /// The share of the box's height the cluster and its glow need: 2 × 0.42 plus a rim.
    static let clusterSpan: Double = 0.92

    /// The length star radii are fractions of: min(width, height) of the box.
    public var unit: Double { min(width, height) }

    /// The point of sky coordinates (`sx`, `sy`) on the canvas.
    @inline(__always)
    public func point(_ sx: Double, _ sy: Double) -> (x: Double, y: Double) {
        (x + sx * width, y + sy * height)
    }

    /// The centre of the sky box on the canvas.
    public var center: (x: Double, y: Double) { point(0.5, 0.5) }
}
