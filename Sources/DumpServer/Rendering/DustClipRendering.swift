import DumpClip
import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// The real clip renderer: the dust engine (`DustClip`) painting each frame once and feeding
/// it to both encoders (WebM/VP9 and MP4/H.264), keeping one frame as the PNG thumbnail.
///
/// Memory stays bounded by `DustClip.stream`'s three reused surfaces, whatever the length.
public struct DustClipRendering: ClipRendering {
    /// Encoder threads per render (0 = all cores).
    public var encoderThreads: Int
    /// Where in the clip (0…1) the thumbnail is taken: a little after the text starts to break.
    public var thumbnailFraction: Double

    /// Creates the renderer.
    public init(encoderThreads: Int = 0, thumbnailFraction: Double = 0.35) {
        self.encoderThreads = encoderThreads
        self.thumbnailFraction = thumbnailFraction
    }

    public func renderClip(text: String, seed: UInt64, settings: ClipSettings, into files: ClipFiles) throws {
        let options = DustOptions(
            width: settings.width, height: settings.height, fps: settings.fps, seconds: settings.seconds, seed: seed)
        let clip = DustClip(options: options, encoderThreads: encoderThreads)
        let painter = try DustPainter(text: text, options: options)
        let video = VideoOptions(width: settings.width, height: settings.height, fps: settings.fps, threads: encoderThreads)
        let webm = try makeFrameSink(format: .webm, url: files.webm, options: video)
        let mp4 = try makeFrameSink(format: .mp4, url: files.mp4, options: video)
        let thumbnailFrame = min(options.frameCount - 1, max(0, Int(thumbnailFraction * Double(options.frameCount))))
        var particles = 0
        _ = try clip.stream(painter: painter, particles: &particles) { surface, index in
            try webm.append(surface)
            try mp4.append(surface)
            if index == thumbnailFrame {
                try surface.writePNG(to: files.thumbnail)
            }
        }
        try webm.finish()
        try mp4.finish()
    }
}
