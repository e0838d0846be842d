import Foundation

/// Where rendered frames go: a video file or a folder of PNGs.
///
/// Frames are appended in order; `finish()` flushes and closes. A sink that is dropped
/// without `finish()` frees its resources but leaves an incomplete file.
public protocol FrameSink: AnyObject {
    /// Encodes one frame (must match the sink's width and height).
    func append(_ frame: some BGRAImage) throws
    /// Flushes buffered frames and closes the output.
    func finish() throws
}

/// The formats a clip can be written in.
public enum ClipFormat: String, Sendable, CaseIterable {
    /// WebM container, VP9 video (libvpx-vp9), Opus sound.
    case webm
    /// MP4 container, H.264 video (libx264), AAC sound, fast-start.
    case mp4
    /// A folder of `frame-00001.png` files.
    case pngSequence

    /// The format a path asks for: `.webm`, `.mp4`, or a directory (existing, or a path
    /// ending in `/` or without extension) for PNGs; nil for anything else.
    public static func forPath(_ path: String) -> ClipFormat? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .pngSequence
        }
        if path.hasSuffix("/") { return .pngSequence }
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "webm": return .webm
        case "mp4": return .mp4
        case "": return .pngSequence
        default: return nil
        }
    }
}

/// Encoding settings shared by the video sinks.
public struct VideoOptions: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var fps: Int
    /// Encoder settings (presets, quality factors, keyframe spacing).
    public var tuning: EncoderTuning
    /// Encoder threads; 0 means all cores.
    public var threads: Int
    /// The most bits per second the encoder should spend, whatever the quality factor asks
    /// (nil: `bitsPerPixel` of the picture rate). Dust from a 500-character worry is almost
    /// noise to an encoder: without a ceiling its clip was 4–7 MB against ~0.8 MB for a short one.
    /// H.264 holds it with a one-second VBV buffer; VP9 aims at it in constrained-quality mode.
    public var maxBitrate: Int?

    /// The default ceiling, in bits per pixel per frame: 3 Mbit/s at 1280x720, 30 fps
    /// (at most about 1.9 MB for a 5 s clip).
    public static let bitsPerPixel = 0.11

    public init(
        width: Int, height: Int, fps: Int, tuning: EncoderTuning = .clips, threads: Int = 0, maxBitrate: Int? = nil
    ) {
        self.width = width
        self.height = height
        self.fps = fps
        self.tuning = tuning
        self.threads = threads
        self.maxBitrate = maxBitrate
    }

    /// The bit-rate ceiling given to the encoders.
    var resolvedMaxBitrate: Int {
        maxBitrate ?? max(200_000, Int(Double(width * height * fps) * Self.bitsPerPixel))
    }

    /// The thread count to give FFmpeg.
    var resolvedThreads: Int32 {
        Int32(threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount)
    }

    func validate(for format: ClipFormat) throws {
        guard width > 0, height > 0, width <= 7680, height <= 4320 else {
            throw VideoError.invalidOptions("size \(width)x\(height) is outside 1x1…7680x4320")
        }
        guard (1...120).contains(fps) else { throw VideoError.invalidOptions("fps \(fps) is outside 1…120") }
        if format != .pngSequence, width % 2 != 0 || height % 2 != 0 {
            throw VideoError.invalidOptions("video width and height must be even (4:2:0), got \(width)x\(height)")
        }
    }
}

/// Opens the sink for `format` at `url`; video formats carry `audio` as their sound track
/// (a PNG sequence has none).
public func makeFrameSink(
    format: ClipFormat, url: URL, options: VideoOptions, audio: AudioTrack? = nil
) throws -> any FrameSink {
    switch format {
    case .webm, .mp4: return try VideoWriter(url: url, format: format, options: options, audio: audio)
    case .pngSequence: return try PNGSequenceWriter(directory: url, options: options)
    }
}

/// How hard and how finely the encoders work. Chosen from a measured table
/// (`Benchmarks/clips/README.md`: CPU seconds, size and SSIM against the lossless frames).
public struct EncoderTuning: Sendable, Equatable, Hashable {
    /// libx264 `preset` (ultrafast … veryslow).
    public var h264Preset: String
    /// libx264 `crf` (lower is better, 0–51).
    public var h264CRF: Int
    /// libx264 `tune`, if any.
    public var h264Tune: String?
    /// Further libx264 options (`key=value:key=value`), if any.
    public var x264Params: String?
    /// libvpx-vp9 `cpu-used` in realtime mode (higher is faster, 5–9).
    public var vp9Speed: Int
    /// libvpx-vp9 `crf` (lower is better, 0–63).
    public var vp9CRF: Int
    /// Seconds between keyframes.
    public var keyframeSeconds: Double
    /// Whether `VideoOptions.maxBitrate` bounds the rate.
    public var capsBitrate: Bool

    public init(
        h264Preset: String, h264CRF: Int, h264Tune: String? = nil, x264Params: String? = nil, vp9Speed: Int, vp9CRF: Int,
        keyframeSeconds: Double, capsBitrate: Bool
    ) {
        self.h264Preset = h264Preset
        self.h264CRF = h264CRF
        self.h264Tune = h264Tune
        self.x264Params = x264Params
        self.vp9Speed = vp9Speed
        self.vp9CRF = vp9CRF
        self.keyframeSeconds = keyframeSeconds
        self.capsBitrate = capsBitrate
    }

    /// What clips were encoded with before the measured table: kept so benchmarks can print
    /// today's figures beside the chosen ones in the same run.
    public static let legacy = EncoderTuning(
        h264Preset: "veryfast", h264CRF: 20, h264Tune: "animation", vp9Speed: 6, vp9CRF: 30,
        keyframeSeconds: 2, capsBitrate: false)

    /// The settings worry clips and sky loops are encoded with, chosen from the table: x264
    /// veryfast at crf 27 with the cheapest motion search (subme 1, diamond), a 3-frame
    /// lookahead (smaller and cheaper than veryfast's 10 on this dust: a still sky needs little
    /// look-ahead for mb-tree), fixed B-frames without weighting, no weighted P, 4x4 intra and
    /// P8x8 partitions only — 0.36 MB of video for a short worry at SSIM 0.988, a quarter less
    /// x264 CPU than `subme=1:me=dia` alone (issue 25); VP9 realtime at cpu-used 8, crf 34 for
    /// the WebM made on request.
    public static let clips = EncoderTuning(
        h264Preset: "veryfast", h264CRF: 27, h264Tune: nil,
        x264Params: "subme=1:me=dia:rc-lookahead=3:b-adapt=0:weightp=0:no-weightb=1:no-8x8dct=1:partitions=i4x4,p8x8",
        vp9Speed: 8, vp9CRF: 34, keyframeSeconds: 2, capsBitrate: true)
}
