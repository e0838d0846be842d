import CFFmpeg
import Foundation

/// Encodes BGRA frames in-process into WebM/VP9 or MP4/H.264 (yuv420p, fast-start).
///
/// libswscale converts each frame; libavcodec encodes it; libavformat muxes it. Every FFmpeg
/// return code is checked and surfaces as a `VideoError` carrying av_strerror's text.
public final class VideoWriter: FrameSink {
    private let scaler: Scaler
    private let encoder: Encoder
    private let muxer: Muxer
    private var finished = false
    /// Frames appended so far.
    public private(set) var frameCount = 0

    /// Opens `url` for writing in `format` (`.webm` or `.mp4`).
    public init(url: URL, format: ClipFormat, options: VideoOptions) throws {
        try options.validate(for: format)
        let path = url.path
        let threads = options.resolvedThreads
        let tuning = options.tuning
        let ceiling = String(options.resolvedMaxBitrate)
        let encoderName: String
        let containerName: String
        var codecOptions: [(String, String)]
        var muxOptions: [(String, String)] = []
        switch format {
        case .webm:
            encoderName = "libvpx-vp9"
            containerName = "webm"
            codecOptions = [
                ("deadline", "realtime"), ("cpu-used", String(tuning.vp9Speed)), ("row-mt", "1"),
                // Constrained quality: crf decides, `b` bounds the rate. One-pass realtime VP9
                // spends about half its `b` on this dust, so `b` is twice the ceiling: measured,
                // a 500-character worry lands at 1.4 MB for 5 s at 1280x720 (a smaller `b` blurs
                // the dots; none at all gave 4–7 MB). Without the ceiling, pure crf (`b` 0).
                ("crf", String(tuning.vp9CRF)),
                ("b", tuning.capsBitrate ? String(options.resolvedMaxBitrate * 2) : "0"),
                ("lag-in-frames", "0"),
                ("tile-columns", options.width >= 1280 ? "2" : "0"),
            ]
        case .mp4:
            encoderName = "libx264"
            containerName = "mp4"
            // crf decides, capped by the VBV (one second of buffer at the ceiling)
            codecOptions = [("preset", tuning.h264Preset), ("crf", String(tuning.h264CRF))]
            if let tune = tuning.h264Tune { codecOptions.append(("tune", tune)) }
            if let params = tuning.x264Params { codecOptions.append(("x264-params", params)) }
            if tuning.capsBitrate { codecOptions += [("maxrate", ceiling), ("bufsize", ceiling)] }
            muxOptions = [("movflags", "+faststart")]
        case .pngSequence:
            throw VideoError.invalidOptions("a PNG sequence is written by PNGSequenceWriter")
        }
        _ = codecOptions
        muxer = try Muxer(formatName: containerName, path: path)
        let globalHeader = muxer.wantsGlobalHeader
        let fps = options.fps
        encoder = try Encoder(
            name: encoderName, width: options.width, height: options.height, fps: fps,
            pixelFormat: AV_PIX_FMT_YUV420P, options: codecOptions
        ) { context in
            context.pointee.thread_count = threads
            context.pointee.gop_size = Int32(max(1, (Double(fps) * tuning.keyframeSeconds).rounded()))
            // libswscale's default matrix is BT.601 in limited range; tag it so players agree.
            context.pointee.colorspace = AVCOL_SPC_SMPTE170M
            context.pointee.color_primaries = AVCOL_PRI_BT709
            context.pointee.color_trc = AVCOL_TRC_BT709
            context.pointee.color_range = AVCOL_RANGE_MPEG
            if globalHeader { context.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }
        }
        scaler = try Scaler(width: options.width, height: options.height, to: AV_PIX_FMT_YUV420P)
        try muxer.start(encoder: encoder, path: path, options: muxOptions)
    }

    public func append(_ frame: some BGRAImage) throws {
        guard !finished else { throw VideoError.finished }
        let timeBase = encoder.context.pointee.time_base
        try encoder.encode(fill: { try scaler.convert(frame, into: $0) }, packets: { try muxer.write($0, from: timeBase) })
        frameCount += 1
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        let timeBase = encoder.context.pointee.time_base
        try encoder.flush { try muxer.write($0, from: timeBase) }
        try muxer.finish()
    }
}
