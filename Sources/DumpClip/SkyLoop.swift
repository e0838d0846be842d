import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// The timing of a seamless sky loop: `fps × seconds` frames spanning exactly one drift period.
///
/// Every star's drift repeats after `layout.driftPeriod`, so if the loop's frames step through
/// one period, the frame after the last (frame `frameCount`) equals frame 0 and playback
/// wraps without a jump. A loop shorter than the period simply plays the drift faster.
public struct SkyLoop: Sendable, Equatable {
    /// Frames per second.
    public var fps: Int
    /// Loop length in seconds.
    public var seconds: Int
    /// The drift period the loop spans (seconds of sky time).
    public var period: Double
    /// Sky time of frame 0, in seconds since the Unix epoch.
    public var start: Double

    /// A loop of `seconds` at `fps` over one drift `period`, starting at sky time `start`.
    public init(fps: Int = 30, seconds: Int = 10, period: Double = SkyLayout.standardDriftPeriod, start: Double = 0) {
        self.fps = fps
        self.seconds = seconds
        self.period = period
        self.start = start
    }

    /// How many frames the loop has.
    public var frameCount: Int { fps * seconds }

    /// The sky time of frame `index`: `start + period × index / frameCount`.
    ///
    /// Computed as one product and one division (not accumulated steps), so frame
    /// `frameCount` lands exactly one period after frame 0.
    public func time(ofFrame index: Int) -> Double {
        start + period * Double(index) / Double(frameCount)
    }
}

/// What a finished sky loop measured.
public struct SkyLoopReport: Sendable, Equatable {
    /// Frames encoded.
    public var frames: Int
    /// Wall-clock seconds the render took.
    public var seconds: Double
}

/// Renders a seamless loop of `layout` drifting for one period into a WebM (or MP4) file.
///
/// The backdrop is painted once; each frame copies it into one reused surface, draws links,
/// stars and labels at the frame's time, and streams the surface to the encoder, so memory
/// stays the same however long the loop is.
@discardableResult
public func renderSkyLoop(
    layout: SkyLayout, url: URL, width: Int, height: Int, fps: Int = 30, seconds: Int = 10,
    format: ClipFormat = .webm, start: Double = 0, options: SkyPainter.Options = SkyPainter.Options(snapStars: false),
    encoderThreads: Int = 0, progress: ((Int, Int) -> Void)? = nil
) throws -> SkyLoopReport {
    let started = Date()
    guard seconds > 0 else { throw VideoError.invalidOptions("a sky loop needs at least one second, got \(seconds)") }
    let loop = SkyLoop(fps: fps, seconds: seconds, period: layout.driftPeriod, start: start)
    let painter = try SkyPainter(layout: layout, width: width, height: height, options: options)
    let sink = try makeFrameSink(
        format: format, url: url, options: VideoOptions(width: width, height: height, fps: fps, threads: encoderThreads))
    let background = try painter.renderBackground()
    let frame = try Surface(width: width, height: height)
    for index in 0..<loop.frameCount {
        frame.copyPixels(from: background)
        try painter.paintForeground(into: frame, at: loop.time(ofFrame: index))
        try sink.append(frame)
        progress?(index + 1, loop.frameCount)
    }
    try sink.finish()
    return SkyLoopReport(frames: loop.frameCount, seconds: Date().timeIntervalSince(started))
}
