import CCairo
import Foundation

/// An ARGB32 Cairo image surface (premultiplied, BGRA byte order on little-endian machines)
/// that owns its `cairo_surface_t` and frees it in `deinit`.
///
/// `@unchecked Sendable`: a surface is handed whole from the render thread to the encoder
/// thread through a bounded channel and is never touched by two threads at once; Cairo image
/// surfaces hold no thread-affine state.
public final class Surface: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Bytes between the starts of two rows.
    public let bytesPerRow: Int
    /// Where this picture may differ from the frame painted before it (nil: anywhere), as the
    /// painter of a clip's frames knows it: the encoder's colour conversion skips the rest.
    public var changedSinceLastFrame: PixelRect?
    /// What a clip's painter left on this surface, so that painting the next frame into it
    /// restores only that much of its background (`DustPainter.paint`); nil: unknown.
    var held: HeldPicture?

    /// A new, fully transparent surface.
    public init(width: Int, height: Int) throws {
        guard (1...32767).contains(width), (1...32767).contains(height) else {
            throw RenderError.invalidSize(width: width, height: height)
        }
        guard let pointer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw RenderError.cairo(call: "cairo_image_surface_create", message: "no surface")
        }
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(pointer)
            try check(status, "cairo_image_surface_create(\(width)x\(height))")
        }
        self.pointer = pointer
        self.width = width
        self.height = height
        bytesPerRow = Int(cairo_image_surface_get_stride(pointer))
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Lets `body` read the pixel bytes (`bytesPerRow × height`), after Cairo's pending drawing.
    public func withPixels<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        cairo_surface_flush(pointer)
        let base = UnsafeRawPointer(cairo_image_surface_get_data(pointer)!)
        return try body(UnsafeRawBufferPointer(start: base, count: bytesPerRow * height))
    }

    /// Lets `body` change the pixel bytes directly; Cairo is told afterwards.
    ///
    /// For hot loops (particle splatting) that would be far slower through Cairo calls.
    public func withMutablePixels<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        cairo_surface_flush(pointer)
        let base = UnsafeMutableRawPointer(cairo_image_surface_get_data(pointer)!)
        defer { cairo_surface_mark_dirty(pointer) }
        return try body(UnsafeMutableRawBufferPointer(start: base, count: bytesPerRow * height))
    }

    /// The bytes of row `y` (BGRA, `4 × width` of them).
    public func row(_ y: Int) -> [UInt8] {
        precondition(y >= 0 && y < height, "row \(y) outside 0..<\(height)")
        return withPixels { Array($0[(y * bytesPerRow)..<(y * bytesPerRow + width * 4)]) }
    }

    /// The un-premultiplied colour and alpha at (x, y), each 0…255.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the surface")
        return withPixels { bytes in
            let i = y * bytesPerRow + x * 4
            let a = bytes[i + 3]
            func unpremultiply(_ c: UInt8) -> UInt8 {
                a == 0 ? 0 : UInt8(min(255, (Int(c) * 255 + Int(a) / 2) / Int(a)))
            }
            return (unpremultiply(bytes[i + 2]), unpremultiply(bytes[i + 1]), unpremultiply(bytes[i]), a)
        }
    }

    /// The smallest pixel rectangle holding every pixel that is not fully transparent, or nil
    /// when the surface is empty.
    public func visibleBounds() -> (x: Int, y: Int, width: Int, height: Int)? {
        withPixels { bytes in
            var minX = width, minY = height, maxX = -1, maxY = -1
            for y in 0..<height {
                let row = y * bytesPerRow
                var rowMin = -1, rowMax = -1
                for x in 0..<width where bytes[row + x * 4 + 3] != 0 {
                    if rowMin < 0 { rowMin = x }
                    rowMax = x
                }
                guard rowMax >= 0 else { continue }
                minX = min(minX, rowMin); maxX = max(maxX, rowMax)
                minY = min(minY, y); maxY = y
            }
            return maxX < 0 ? nil : (minX, minY, maxX - minX + 1, maxY - minY + 1)
        }
    }

    /// Copies every pixel of `other` (same size) onto this surface: a fast reset to a
    /// pre-painted background.
    public func copyPixels(from other: Surface) {
        precondition(other.width == width && other.height == height && other.bytesPerRow == bytesPerRow, "size mismatch")
        other.withPixels { source in
            withMutablePixels { target in target.copyMemory(from: source) }
        }
    }

    /// Copies the pixels of `other` (same size) inside `rect` (rounded out to whole pixels,
    /// clipped to the surface) onto this surface.
    public func copyPixels(from other: Surface, in rect: PixelRect) {
        precondition(other.width == width && other.height == height && other.bytesPerRow == bytesPerRow, "size mismatch")
        let (x0, y0, x1, y1) = rect.pixelBounds(width: width, height: height)
        guard x0 < x1, y0 < y1 else { return }
        let stride = bytesPerRow, start = x0 * 4, count = (x1 - x0) * 4
        other.withPixels { source in
            withMutablePixels { target in
                // Bounds: rows y0..<y1 ≤ height and bytes start..<start+count ≤ width × 4 ≤ stride.
                for y in y0..<y1 {
                    let offset = y * stride + start
                    (target.baseAddress! + offset).copyMemory(from: source.baseAddress! + offset, byteCount: count)
                }
            }
        }
    }

    /// Writes the surface as a PNG file.
    public func writePNG(to url: URL) throws {
        let status = cairo_surface_write_to_png(pointer, url.path)
        if status == CAIRO_STATUS_WRITE_ERROR {
            throw RenderError.io("cannot write PNG to \(url.path)")
        }
        try check(status, "cairo_surface_write_to_png(\(url.path))")
    }

    /// The surface encoded as PNG bytes.
    public func pngData() throws -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                pointer,
                { closure, bytes, length in
                    let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
                    sink.data.append(bytes!, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        try check(status, "cairo_surface_write_to_png_stream")
        return sink.data
    }
}

/// What one clip painter left on a surface beyond one of its backgrounds.
struct HeldPicture {
    /// The painter (`DustPainter.identity`).
    var painter: UInt64
    /// Which of the painter's backgrounds lies under it (0: the sky, 1: the end card's).
    var base: Int
    /// Where the surface differs from that background (nil: nowhere).
    var beyond: PixelRect?
}
