import CFFmpeg

/// Converts packed BGRA pictures into YUV 4:2:0 (BT.601, limited range: what the clips are
/// tagged with), converting only the tiles that changed since the previous picture.
///
/// A dust clip's night sky, its held text and its end card stay still for most of the clip:
/// only where dust moves do pixels change from one frame to the next. Each 32×16 tile is
/// compared with the previous picture (a copy kept here) and converted only if it changed;
/// tiles outside the region the painter says it changed (`BGRAImage.changedRegion`) are
/// skipped without a comparison. Unchanged tiles keep last frame's YUV in the encoder's one
/// reused input frame (`av_frame_make_writable` keeps its contents, copying them if it must
/// give the frame a new buffer). Converting a whole 1280×720 frame through libswscale cost
/// about 2.7 ms; a still frame costs a comparison at most.
final class ColourConverter {
    let width: Int
    let height: Int
    static let tileWidth = 32
    static let tileHeight = 16
    /// The previous picture, rows packed (`width × 4` bytes each).
    private var previous: [UInt8]
    /// Whether the frame already holds the previous picture's YUV.
    private var primed = false
    /// Tiles converted and tiles skipped since the start, for benchmarks.
    private(set) var convertedTiles = 0
    private(set) var skippedTiles = 0

    init(width: Int, height: Int) throws {
        guard width % 2 == 0, height % 2 == 0 else {
            throw VideoError.invalidOptions("video width and height must be even (4:2:0), got \(width)x\(height)")
        }
        self.width = width
        self.height = height
        previous = [UInt8](repeating: 0, count: width * height * 4)
    }

    /// Converts `image` into `frame` (a YUV420P frame of the same size, already allocated),
    /// which must be the frame the previous picture was converted into.
    func convert(_ image: some BGRAImage, into frame: UnsafeMutablePointer<AVFrame>) throws {
        guard image.width == width, image.height == height else {
            throw VideoError.frameSize(expected: "\(width)x\(height)", got: "\(image.width)x\(image.height)")
        }
        guard let y = dumpit_frame_plane(frame, 0), let u = dumpit_frame_plane(frame, 1),
            let v = dumpit_frame_plane(frame, 2)
        else { throw VideoError.ffmpeg(call: "av_frame_get_buffer", code: -1, message: "frame has no planes") }
        let strides = (Int(dumpit_frame_stride(frame, 0)), Int(dumpit_frame_stride(frame, 1)), Int(dumpit_frame_stride(frame, 2)))
        let reuse = primed
        primed = true
        // Tiles outside the painter's changed region are known to be as they were.
        let hint = reuse ? image.changedRegion : nil
        let rowBytes = width * 4
        try image.withBGRABytes { source in
            let rowStride = image.bytesPerRow
            guard source.count >= rowStride * (height - 1) + rowBytes, let base = source.baseAddress else {
                throw VideoError.frameSize(expected: "\(rowStride * height) bytes", got: "\(source.count) bytes")
            }
            let pixels = base.assumingMemoryBound(to: UInt8.self)
            previous.withUnsafeMutableBufferPointer { kept in
                // Bounds: tiles are clipped to width × height; every row read lies within the
                // image (rowStride ≥ rowBytes, checked above) and `kept` (rowBytes × height).
                for tileY in stride(from: 0, to: height, by: Self.tileHeight) {
                    let rows = min(Self.tileHeight, height - tileY)
                    for tileX in stride(from: 0, to: width, by: Self.tileWidth) {
                        let columns = min(Self.tileWidth, width - tileX)
                        let bytes = columns * 4
                        if let hint, !hint.intersects(x: tileX, y: tileY, width: columns, height: rows) {
                            skippedTiles += 1
                            continue
                        }
                        var same = reuse
                        if same {
                            for row in tileY..<(tileY + rows)
                            where memcmp(
                                pixels + row * rowStride + tileX * 4, kept.baseAddress! + row * rowBytes + tileX * 4, bytes)
                                != 0
                            {
                                same = false
                                break
                            }
                        }
                        if same {
                            skippedTiles += 1
                            continue
                        }
                        convertedTiles += 1
                        for row in tileY..<(tileY + rows) {
                            memcpy(kept.baseAddress! + row * rowBytes + tileX * 4, pixels + row * rowStride + tileX * 4, bytes)
                        }
                        Self.convertTile(
                            pixels, rowStride: rowStride, x: tileX, y: tileY, columns: columns, rows: rows,
                            planes: (y, u, v), strides: strides)
                    }
                }
            }
        }
    }

    /// BT.601 limited range in 14-bit fixed point, as libswscale computes it; chroma from the
    /// mean of each 2×2 block.
    @inline(__always)
    private static func convertTile(
        _ pixels: UnsafePointer<UInt8>, rowStride: Int, x: Int, y: Int, columns: Int, rows: Int,
        planes: (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>),
        strides: (Int, Int, Int)
    ) {
        let one = 1 << 13
        for row in stride(from: y, to: y + rows, by: 2) {
            let top = pixels + row * rowStride, bottom = top + rowStride
            let lumaTop = planes.0 + row * strides.0, lumaBottom = lumaTop + strides.0
            let cb = planes.1 + (row / 2) * strides.1, cr = planes.2 + (row / 2) * strides.2
            for column in stride(from: x, to: x + columns, by: 2) {
                let i = column * 4
                let b0 = Int(top[i]), g0 = Int(top[i + 1]), r0 = Int(top[i + 2])
                let b1 = Int(top[i + 4]), g1 = Int(top[i + 5]), r1 = Int(top[i + 6])
                let b2 = Int(bottom[i]), g2 = Int(bottom[i + 1]), r2 = Int(bottom[i + 2])
                let b3 = Int(bottom[i + 4]), g3 = Int(bottom[i + 5]), r3 = Int(bottom[i + 6])
                lumaTop[column] = luma(r0, g0, b0, one)
                lumaTop[column + 1] = luma(r1, g1, b1, one)
                lumaBottom[column] = luma(r2, g2, b2, one)
                lumaBottom[column + 1] = luma(r3, g3, b3, one)
                // Sums of four: coefficients carry the /4.
                let r = r0 + r1 + r2 + r3, g = g0 + g1 + g2 + g3, b = b0 + b1 + b2 + b3
                cb[column / 2] = UInt8(truncatingIfNeeded: ((-2428 * r - 4768 * g + 7196 * b + 4 * one) >> 16) + 128)
                cr[column / 2] = UInt8(truncatingIfNeeded: ((7196 * r - 6026 * g - 1170 * b + 4 * one) >> 16) + 128)
            }
        }
    }

    @inline(__always)
    private static func luma(_ r: Int, _ g: Int, _ b: Int, _ one: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: ((4207 * r + 8260 * g + 1604 * b + one) >> 14) + 16)
    }
}
