import DumpClip
import DumpEngine
import DumpRender
import DumpServer
import DumpVideo
import Foundation

/// The real clip renderer: the dust engine (`DustClip`) painting each frame once and feeding
/// it to the encoders asked for (MP4/H.264 + AAC and/or WebM/VP9 + Opus), keeping one frame as
/// the PNG thumbnail. The end card (with `ClipSettings.endCardAddress`) closes every video;
/// the thumbnail is taken long before it.
///
/// Memory stays bounded by `DustClip.stream`'s three reused surfaces, whatever the length.
public struct DustClipRendering: ClipRendering {
    /// Encoder threads per render (0 = all cores).
    public var encoderThreads: Int
    /// Where in the clip (0…1) the thumbnail is taken: a little after the text starts to break.
    public var thumbnailFraction: Double
    /// Encoder settings.
    public var tuning: EncoderTuning

    /// Creates the renderer.
    public init(encoderThreads: Int = 0, thumbnailFraction: Double = 0.35, tuning: EncoderTuning = .clips) {
        self.encoderThreads = encoderThreads
        self.thumbnailFraction = thumbnailFraction
        self.tuning = tuning
    }

    public func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs, progress: @Sendable (Double) -> Void
    ) throws {
        let options = DustOptions(
            width: settings.width, height: settings.height, fps: settings.fps, seconds: settings.seconds, seed: seed)
        let clip = DustClip(options: options, encoderThreads: encoderThreads)
        let painter = try DustPainter(text: text, options: options, endCard: EndCard(address: settings.endCardAddress))
        let video = VideoOptions(
            width: settings.width, height: settings.height, fps: settings.fps, tuning: tuning, threads: encoderThreads)
        let audio = settings.sound && (outputs.mp4 != nil || outputs.webm != nil) ? ClipSound.track(for: painter) : nil
        var sinks: [any FrameSink] = []
        if let url = outputs.mp4 { sinks.append(try makeFrameSink(format: .mp4, url: url, options: video, audio: audio)) }
        if let url = outputs.webm { sinks.append(try makeFrameSink(format: .webm, url: url, options: video, audio: audio)) }
        let thumbnailFrame = min(options.frameCount - 1, max(0, Int(thumbnailFraction * Double(options.frameCount))))
        let total = Double(options.frameCount)
        var particles = 0
        _ = try clip.stream(painter: painter, particles: &particles) { surface, index in
            for sink in sinks { try sink.append(surface) }
            if index == thumbnailFrame, let url = outputs.thumbnail {
                try surface.writePNG(to: url)
            }
            progress(Double(index + 1) / total)
        }
        for sink in sinks { try sink.finish() }
    }
}
