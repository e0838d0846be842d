import DumpRender
import DumpVideo

/// A Cairo ARGB32 surface is byte-for-byte FFmpeg's BGRA on little-endian machines, so the
/// encoder reads the surface's memory directly: no copy per frame.
extension Surface: BGRAImage {
    public func withBGRABytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withPixels(body)
    }

    /// The painter's own account of where this frame changed, in whole pixels.
    public var changedRegion: PictureRegion? {
        guard let rect = changedSinceLastFrame else { return nil }
        let (x0, y0, x1, y1) = rect.pixelBounds(width: width, height: height)
        return PictureRegion(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}
