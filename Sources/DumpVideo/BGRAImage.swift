/// A picture in packed 8-bit BGRA (Cairo's ARGB32 on little-endian machines), rows
/// `bytesPerRow` apart.
///
/// Sinks read the bytes inside `withBGRABytes` only, so a Cairo surface can be handed to an
/// encoder without a copy.
public protocol BGRAImage {
    /// Width in pixels.
    var width: Int { get }
    /// Height in pixels.
    var height: Int { get }
    /// Distance between the starts of two rows, in bytes (≥ 4 × width).
    var bytesPerRow: Int { get }
    /// Calls `body` with the pixel bytes (`bytesPerRow × height` of them).
    func withBGRABytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// A BGRA picture held in a Swift array: for tests and synthetic frames.
public struct BGRABuffer: BGRAImage, Sendable {
    public let width: Int
    public let height: Int
    public var bytesPerRow: Int { width * 4 }
    /// The pixels, row after row, 4 bytes each (B, G, R, A).
    public var bytes: [UInt8]

    /// A picture filled with one opaque colour.
    public init(width: Int, height: Int, red: UInt8 = 0, green: UInt8 = 0, blue: UInt8 = 0) {
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: bytes.count, by: 4) {
            bytes[i] = blue
            bytes[i + 1] = green
            bytes[i + 2] = red
            bytes[i + 3] = 255
        }
    }

    /// Sets one pixel to an opaque colour.
    public mutating func set(x: Int, y: Int, red: UInt8, green: UInt8, blue: UInt8) {
        let i = (y * width + x) * 4
        bytes[i] = blue
        bytes[i + 1] = green
        bytes[i + 2] = red
        bytes[i + 3] = 255
    }

    public func withBGRABytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }
}
