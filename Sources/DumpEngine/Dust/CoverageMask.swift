/// How much ink covers each pixel of a rendered text: 0 (none) … 255 (full).
///
/// Produced by the drawing layer (Pango) and consumed by the dust engine, which samples
/// particles from the glyphs' own pixels. Row-major, `width × height` values.
public struct CoverageMask: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var values: [UInt8]

    /// A mask of the given size, `values` row-major (must hold `width × height` entries).
    public init(width: Int, height: Int, values: [UInt8]) {
        precondition(values.count == width * height, "mask needs width × height values")
        self.width = width
        self.height = height
        self.values = values
    }

    /// Coverage at (x, y); 0 outside the mask.
    public subscript(x: Int, y: Int) -> UInt8 {
        guard x >= 0, y >= 0, x < width, y < height else { return 0 }
        return values[y * width + x]
    }

    /// Number of pixels with any ink.
    public var inkedPixelCount: Int { values.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
}
