import CFFmpeg

/// Owns a libswscale context that converts packed BGRA pictures into an encoder's format.
final class Scaler {
    private let context: OpaquePointer
    let width: Int
    let height: Int

    init(width: Int, height: Int, to format: AVPixelFormat) throws {
        guard
            let context = sws_getContext(
                Int32(width), Int32(height), AV_PIX_FMT_BGRA,
                Int32(width), Int32(height), format,
                SWS_BILINEAR, nil, nil, nil)
        else {
            throw VideoError.ffmpeg(call: "sws_getContext", code: -1, message: "cannot convert BGRA to \(format)")
        }
        self.context = context
        self.width = width
        self.height = height
    }

    /// Converts `image` into `frame`'s planes (allocated by the caller).
    func convert(_ image: some BGRAImage, into frame: UnsafeMutablePointer<AVFrame>) throws {
        guard image.width == width, image.height == height else {
            throw VideoError.frameSize(expected: "\(width)x\(height)", got: "\(image.width)x\(image.height)")
        }
        let rows = try image.withBGRABytes { bytes -> Int32 in
            guard bytes.count >= image.bytesPerRow * height, let base = bytes.baseAddress else {
                throw VideoError.frameSize(expected: "\(image.bytesPerRow * height) bytes", got: "\(bytes.count) bytes")
            }
            return dumpit_scale_bgra_into(
                context, base.assumingMemoryBound(to: UInt8.self), Int32(image.bytesPerRow), Int32(height), frame)
        }
        try check(rows, "sws_scale")
    }

    deinit {
        sws_freeContext(context)
    }
}
