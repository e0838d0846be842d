/// The wave that sweeps across the text in reading direction, releasing it as dust.
///
/// Every point of the text box has a key in 0…1: how far along the reading order it lies
/// (mostly across a line, a little down the lines). The key is linear in (x, y), so a painter
/// can fade the crisp text with one linear gradient whose stops sit at the wave's position.
public struct DustWave: Sendable, Equatable {
    /// The text's box (pixels).
    public let minX: Double, minY: Double, width: Double, height: Double
    /// Right-to-left scripts sweep from the right.
    public let rightToLeft: Bool
    /// How much of the key comes from the horizontal position (the rest from the vertical).
    public static let acrossWeight = 0.82
    /// Width of the band, in key units, over which a point of text fades out.
    public static let softness = 0.12

    public init(minX: Double, minY: Double, width: Double, height: Double, rightToLeft: Bool) {
        self.minX = minX
        self.minY = minY
        self.width = max(width, 1)
        self.height = max(height, 1)
        self.rightToLeft = rightToLeft
    }

    /// The reading-order key of a point, 0 at the start of the text and 1 at its end.
    @inline(__always)
    public func key(x: Double, y: Double) -> Double {
        let across = (x - minX) / width
        let down = (y - minY) / height
        return Self.acrossWeight * (rightToLeft ? 1 - across : across) + (1 - Self.acrossWeight) * down
    }

    /// The gradient of `key` in pixels: key(p) = key(origin) + dot(p − origin, gradient).
    public var gradient: (dx: Double, dy: Double) {
        (Self.acrossWeight / width * (rightToLeft ? -1 : 1), (1 - Self.acrossWeight) / height)
    }

    /// A point whose key is exactly 0.
    public var origin: (x: Double, y: Double) { (rightToLeft ? minX + width : minX, minY) }

    /// The wave's position at `time`: a point of text with key k is fully crisp while
    /// position ≤ k − softness and gone once position ≥ k. Runs from −softness to 1.
    public static func position(at time: Double, timeline: DustTimeline) -> Double {
        guard timeline.sweep > 0 else { return time < timeline.hold ? -softness : 1 }
        let progress = (time - timeline.hold) / timeline.sweep
        return -softness + (1 + softness) * min(max(progress, 0), 1)
    }

    /// How opaque the crisp text still is at key `k` when the wave is at `position`.
    public static func textAlpha(key k: Double, position: Double) -> Double {
        min(max((k - position) / softness, 0), 1)
    }
}
