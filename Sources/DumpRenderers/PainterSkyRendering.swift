import DumpClip
import DumpEngine
import DumpRender
import DumpServer
import DumpVideo
import Foundation

/// The real sky painter: `SkyPainter` for still skies, `renderSkyLoop` for the seamless loop
/// and `PosterPainter` for a night's poster. A new painter per call, so each call may run on
/// any thread (Pango layouts belong to the thread that made them).
public struct PainterSkyRendering: SkyRendering {
    /// Encoder threads for the loop video (0 = all cores).
    public var encoderThreads: Int

    /// Creates the painter.
    public init(encoderThreads: Int = 0) {
        self.encoderThreads = encoderThreads
    }

    public func png(of layout: SkyLayout, width: Int, height: Int, at time: Double) throws -> Data {
        try SkyPainter(layout: layout, width: width, height: height).render(at: time).pngData()
    }

    /// One drift period of `layout` (10 s), so the loop is seamless; size and frame rate from
    /// `settings`.
    public func loop(of layout: SkyLayout, settings: ClipSettings, to url: URL) throws {
        try renderSkyLoop(
            layout: layout, url: url, width: settings.width, height: settings.height, fps: settings.fps,
            seconds: max(1, Int(layout.driftPeriod.rounded())), format: .webm,
            encoderThreads: encoderThreads)
    }

    public func poster(of sky: ArchivedSky, date: String, width: Int, height: Int) throws -> Data {
        try PosterPainter(sky: sky, date: date, width: width, height: height).render().pngData()
    }
}
