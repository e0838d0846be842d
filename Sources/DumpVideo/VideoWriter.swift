import CFFmpeg
import Foundation

/// Encodes BGRA frames in-process into WebM/VP9 or MP4/H.264 (yuv420p, fast-start), with an
/// optional sound track: Opus in WebM, AAC in MP4.
///
/// `ColourConverter` turns each frame into YUV (only the tiles that changed); libavcodec encodes it (and the sound, a frame's worth at a
/// time, so the streams interleave as they are written); libavformat muxes them. Every FFmpeg
/// return code is checked and surfaces as a `VideoError` carrying av_strerror's text.
public final class VideoWriter: FrameSink {
    private let converter: ColourConverter
    private let encoder: Encoder
    private let audio: AudioEncoder?
    private let muxer: Muxer
    private let fps: Int
    private var finished = false
    /// Frames appended so far.
    public private(set) var frameCount = 0

    /// Opus bit rate in WebM: transparent for wind and rustle in stereo.
    public static let opusBitRate = 64_000
    /// AAC (FFmpeg's native encoder) bit rate in MP4. At 80 kbit/s its quantisation noise
    /// read 0.8 LU louder than the mix (ebur128); at 96 kbit/s it is within 0.2 LU.
    public static let aacBitRate = 96_000

    /// Opens `url` for writing in `format` (`.webm` or `.mp4`), with `audio` as its sound
    /// track when given (48 kHz).
    public init(url: URL, format: ClipFormat, options: VideoOptions, audio track: AudioTrack? = nil) throws {
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
        converter = try ColourConverter(width: options.width, height: options.height)
        _ = try muxer.addStream(for: encoder.context)
        if let track, track.frameCount > 0 {
            guard track.sampleRate == 48_000, (1...2).contains(track.channels) else {
                throw VideoError.invalidOptions("sound must be 48 kHz mono or stereo")
            }
            let audio =
                format == .webm
                ? try AudioEncoder(name: "libopus", bitRate: Self.opusBitRate, track: track, globalHeader: globalHeader)
                : try AudioEncoder(
                    name: "aac", bitRate: Self.aacBitRate, track: track, globalHeader: globalHeader,
                    // the fast coder: a third less CPU than two-loop search, same loudness (ebur128)
                    options: [("aac_coder", "fast")])
            _ = try muxer.addStream(for: audio.context)
            self.audio = audio
        } else {
            audio = nil
        }
        self.fps = fps
        try muxer.start(path: path, options: muxOptions)
    }

    public func append(_ frame: some BGRAImage) throws {
        guard !finished else { throw VideoError.finished }
        let timeBase = encoder.context.pointee.time_base
        try encoder.encode(fill: { try converter.convert(frame, into: $0) }, packets: { try muxer.write($0, from: timeBase) })
        frameCount += 1
        try writeAudio(upTo: Double(frameCount) / Double(fps))
    }

    /// Encodes the sound up to `seconds`, so audio and video packets reach the muxer together.
    private func writeAudio(upTo seconds: Double) throws {
        guard let audio else { return }
        let timeBase = audio.context.pointee.time_base
        try audio.encode(upTo: seconds) { try muxer.write($0, from: timeBase, stream: 1) }
    }

    public func finish() throws {
        guard !finished else { return }
        finished = true
        let timeBase = encoder.context.pointee.time_base
        try encoder.flush { try muxer.write($0, from: timeBase) }
        if let audio {
            let audioTimeBase = audio.context.pointee.time_base
            try audio.finish { try muxer.write($0, from: audioTimeBase, stream: 1) }
        }
        try muxer.finish()
    }

    /// Converts `frames` into the encoders' YUV 4:2:0 the way `append` does, and drops the
    /// result: the colour conversion's cost alone, for `dumpit bench clip --split`.
    public static func convertOnly(_ frames: [some BGRAImage], width: Int, height: Int) throws {
        let converter = try ColourConverter(width: width, height: height)
        guard let frame = av_frame_alloc() else {
            throw VideoError.ffmpeg(call: "av_frame_alloc", code: -1, message: "out of memory")
        }
        defer {
            var pointer: UnsafeMutablePointer<AVFrame>? = frame
            av_frame_free(&pointer)
        }
        frame.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        try check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer")
        for image in frames { try converter.convert(image, into: frame) }
    }
}
