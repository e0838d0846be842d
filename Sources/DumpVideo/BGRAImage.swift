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
    /// Where this picture may differ from the one appended before it, if its painter knows
    /// (nil: anywhere). The colour conversion leaves the rest as it was.
    var changedRegion: PictureRegion? { get }
}

extension BGRAImage {
    /// Unknown: the sink compares the picture with the last one itself.
    public var changedRegion: PictureRegion? { nil }
}

/// A rectangle of a picture, in whole pixels.
public struct PictureRegion: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether it overlaps the rectangle at (x, y) of `width` × `height`.
    func intersects(x otherX: Int, y otherY: Int, width otherWidth: Int, height otherHeight: Int) -> Bool {
        width > 0 && height > 0 && x < otherX + otherWidth && otherX < x + width && y < otherY + otherHeight
            && otherY < y + height
    }
}

/// A BGRA picture held in a Swift array: for tests and synthetic frames.
public struct BGRABuffer: BGRAImage, Sendable {
    public let width: Int
    public let height: Int
    public var bytesPerRow: Int { width * 4 }
    /// The pixels, row after row, 4 bytes each (B, G, R, A).
    public var bytes: [UInt8]
    /// Where it differs from the picture before it, when known.
    public var changedRegion: PictureRegion?

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
