import DumpEngine
import DumpRender
@testable import DumpServer
import DumpVideo
import Foundation

/// A clip renderer for tests about HTTP, not about dust: every frame is one solid colour
/// picked from the seed, encoded for real (WebM, MP4, PNG) at the configured tiny size.
///
/// `@unchecked Sendable`: `calls` is only touched while holding `lock`.
final class SolidColourClips: ClipRendering, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(text: String, seed: UInt64, settings: ClipSettings)] = []

    /// What was rendered, in order.
    var calls: [(text: String, seed: UInt64, settings: ClipSettings)] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs, progress: @Sendable (Double) -> Void
    ) throws {
        lock.lock()
        recorded.append((text, seed, settings))
        lock.unlock()
        let frame = BGRABuffer(
            width: settings.width, height: settings.height,
            red: UInt8(truncatingIfNeeded: seed), green: UInt8(truncatingIfNeeded: seed >> 8), blue: 200)
        let options = VideoOptions(width: settings.width, height: settings.height, fps: settings.fps, threads: 1)
        for (format, url) in [(ClipFormat.webm, outputs.webm), (.mp4, outputs.mp4)] {
            guard let url else { continue }
            let sink = try makeFrameSink(format: format, url: url, options: options)
            for index in 0..<settings.frameCount {
                try sink.append(frame)
                progress(Double(index + 1) / Double(settings.frameCount))
            }
            try sink.finish()
        }
        if let thumbnail = outputs.thumbnail {
            try Surface(width: settings.width, height: settings.height).writePNG(to: thumbnail)
        }
    }
}

/// A clip renderer that always fails, to test retries and the failed status.
struct FailingClips: ClipRendering {
    struct Failure: Error, LocalizedError {
        var errorDescription: String? { "this renderer always fails" }
    }

    func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs, progress: @Sendable (Double) -> Void
    ) throws {
        throw Failure()
    }
}

/// A sky painter for HTTP tests: a real PNG of the requested size, transparent, plus a count
/// of paintings so caching can be checked.
///
/// `@unchecked Sendable`: `count` is only touched while holding `lock`.
final class BlankSkyPaintings: SkyRendering, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// How many PNGs were painted.
    var paintings: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func png(of layout: SkyLayout, width: Int, height: Int, at time: Double) throws -> Data {
        lock.lock()
        count += 1
        lock.unlock()
        return try Surface(width: width, height: height).pngData()
    }

    func loop(of layout: SkyLayout, settings: ClipSettings, to url: URL) throws {
        let sink = try makeFrameSink(
            format: .webm, url: url,
            options: VideoOptions(width: settings.width, height: settings.height, fps: settings.fps, threads: 1))
        for _ in 0..<settings.frameCount { try sink.append(BGRABuffer(width: settings.width, height: settings.height)) }
        try sink.finish()
    }

    func poster(of sky: ArchivedSky, date: String, width: Int, height: Int) throws -> Data {
        lock.lock()
        posterCount += 1
        lock.unlock()
        return try Surface(width: width, height: height).pngData()
    }

    private var posterCount = 0

    /// How many posters were painted.
    var posters: Int {
        lock.lock()
        defer { lock.unlock() }
        return posterCount
    }
}

/// Work held until `release()`: counts what started, and lets it all (and all later work)
/// finish at once. Shared by the held test renderers.
///
/// `@unchecked Sendable`: the counter is only touched while holding `lock`; the semaphore is
/// thread-safe.
final class Hold: @unchecked Sendable {
    private let lock = NSLock()
    private var begun = 0
    private let gate = DispatchSemaphore(value: 0)

    /// Work started so far.
    var started: Int {
        lock.lock()
        defer { lock.unlock() }
        return begun
    }

    /// Lets every held piece of work (and all later ones) finish.
    func release() {
        for _ in 0..<100 { gate.signal() }
    }

    /// Counts one piece of work and waits until released (at most 30 s).
    func enter() {
        lock.lock()
        begun += 1
        lock.unlock()
        _ = gate.wait(timeout: .now() + 30)
    }
}

/// A sky painter whose paintings and posters wait until `release()`, to test what waits for them.
final class HeldSkyPaintings: SkyRendering, Sendable {
    private let hold = Hold()
    private let inner = BlankSkyPaintings()

    /// Paintings started so far.
    var started: Int { hold.started }

    /// Lets every held painting (and all later ones) finish.
    func release() { hold.release() }

    func png(of layout: SkyLayout, width: Int, height: Int, at time: Double) throws -> Data {
        hold.enter()
        return try inner.png(of: layout, width: width, height: height, at: time)
    }

    func loop(of layout: SkyLayout, settings: ClipSettings, to url: URL) throws {
        try inner.loop(of: layout, settings: settings, to: url)
    }

    func poster(of sky: ArchivedSky, date: String, width: Int, height: Int) throws -> Data {
        hold.enter()
        return try inner.poster(of: sky, date: date, width: width, height: height)
    }
}

/// A clip renderer that holds each render until released, to test what happens to work in
/// progress at shutdown. Writes tiny real files through `SolidColourClips` once released.
final class HeldClips: ClipRendering, Sendable {
    private let hold = Hold()
    private let inner = SolidColourClips()

    /// Renders started so far.
    var started: Int { hold.started }

    /// Lets every held render (and all later ones) finish.
    func release() { hold.release() }

    func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs, progress: @Sendable (Double) -> Void
    ) throws {
        progress(0.25)
        hold.enter()
        try inner.renderClip(text: text, seed: seed, settings: settings, outputs: outputs, progress: progress)
    }
}
