import DumpRender
import DumpVideo

/// A Cairo ARGB32 surface is byte-for-byte FFmpeg's BGRA on little-endian machines, so the
/// encoder reads the surface's memory directly: no copy per frame.
extension Surface: BGRAImage {
    public func withBGRABytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withPixels(body)
    }
}
