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
    /// WebM container, VP9 video (libvpx-vp9).
    case webm
    /// MP4 container, H.264 video (libx264), fast-start.
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
    /// Constant-quality factor (lower is better): VP9 0–63, H.264 0–51.
    public var quality: Int?
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

    public init(width: Int, height: Int, fps: Int, quality: Int? = nil, threads: Int = 0, maxBitrate: Int? = nil) {
        self.width = width
        self.height = height
        self.fps = fps
        self.quality = quality
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

/// Opens the sink for `format` at `url`.
public func makeFrameSink(format: ClipFormat, url: URL, options: VideoOptions) throws -> any FrameSink {
    switch format {
    case .webm, .mp4: return try VideoWriter(url: url, format: format, options: options)
    case .pngSequence: return try PNGSequenceWriter(directory: url, options: options)
    }
}
