import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// Renders a worry into its dust clip: paints frame k+1 on a second thread while frame k is
/// encoded, through a bounded hand-off of three reused surfaces, so memory does not grow with
/// the clip's length.
public struct DustClip: Sendable {
    public var options: DustOptions
    /// Encoder threads (0 = all cores).
    public var encoderThreads: Int
    /// The end card over the last second, if any (the caller decides: video clips have one,
    /// a PNG sequence only when asked).
    public var endCard: EndCard?
    /// Whether video clips carry the dust's sound (`--mute` turns it off).
    public var sound: Bool
    /// Encoder settings.
    public var tuning: EncoderTuning

    public init(
        options: DustOptions, encoderThreads: Int = 0, endCard: EndCard? = nil, sound: Bool = true,
        tuning: EncoderTuning = .clips
    ) {
        self.options = options
        self.encoderThreads = encoderThreads
        self.endCard = endCard
        self.sound = sound
        self.tuning = tuning
    }

    /// What a finished render measured.
    public struct Report: Sendable {
        public var frames: Int
        public var particles: Int
        public var seconds: Double
    }

    /// Renders `text` into `url` as `format`; `progress` is called after each encoded frame
    /// with (frames done, total) on the calling thread.
    @discardableResult
    public func render(
        text: String, to url: URL, format: ClipFormat, progress: ((Int, Int) -> Void)? = nil
    ) throws -> Report {
        let started = Date()
        let painter = try DustPainter(text: text, options: options, endCard: endCard)
        let audio = sound && format != .pngSequence ? ClipSound.track(for: painter) : nil
        let sink = try makeFrameSink(
            format: format, url: url,
            options: VideoOptions(
                width: options.width, height: options.height, fps: options.fps, tuning: tuning, threads: encoderThreads),
            audio: audio)
        var particles = 0
        let frames = try stream(painter: painter, particles: &particles) { surface, index in
            try sink.append(surface)
            progress?(index + 1, options.frameCount)
        }
        try sink.finish()
        return Report(frames: frames, particles: particles, seconds: Date().timeIntervalSince(started))
    }

    /// Paints every frame on a painter thread and hands each surface to `consume` on the
    /// calling thread; returns the number of frames.
    public func stream(
        painter: DustPainter, particles: inout Int, consume: (Surface, Int) throws -> Void
    ) throws -> Int {
        let free = HandOff<Surface>(capacity: 3)
        let filled = HandOff<(Surface, Int)>(capacity: 2)
        for _ in 0..<3 { free.put(try Surface(width: options.width, height: options.height)) }
        let work = PainterWork(painter: painter)
        particles = work.simulation.particleCount
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            work.run(free: free, filled: filled)
        }
        thread.stackSize = 1 << 22
        thread.start()
        var count = 0
        do {
            while let (surface, index) = filled.take() {
                try consume(surface, index)
                count += 1
                free.put(surface)
            }
        } catch {
            filled.cancel()
            free.cancel()
            done.wait()
            throw error
        }
        done.wait()
        if let error = work.failure { throw error }
        return count
    }

    /// Paints every frame into memory-light PNG files for inspection: frames at the given
    /// fractions of the clip (0…1), written as `name-<percent>.png` into `directory`.
    public func writeStills(text: String, fractions: [Double], directory: URL, name: String) throws -> [URL] {
        let painter = try DustPainter(text: text, options: options, endCard: endCard)
        let wanted = Dictionary(fractions.map { (min(options.frameCount - 1, Int($0 * Double(options.frameCount))), $0) }) {
            a, _ in a
        }
        var urls: [URL] = []
        var particles = 0
        _ = try stream(painter: painter, particles: &particles) { surface, index in
            guard let fraction = wanted[index] else { return }
            let url = directory.appendingPathComponent("\(name)-\(Int((fraction * 100).rounded())).png")
            try surface.writePNG(to: url)
            urls.append(url)
        }
        return urls
    }
}

/// The painter thread's side of a render.
///
/// `@unchecked Sendable`: after `start()` only the painter thread touches `painter` and
/// `simulation`; the caller reads `failure` only after the thread has signalled completion.
private final class PainterWork: @unchecked Sendable {
    let painter: DustPainter
    var simulation: DustSimulation
    var failure: Error?

    init(painter: DustPainter) {
        self.painter = painter
        simulation = painter.makeSimulation()
    }

    func run(free: HandOff<Surface>, filled: HandOff<(Surface, Int)>) {
        defer { filled.close() }
        while let frame = simulation.nextFrameState() {
            guard let surface = free.take() else { return }
            do {
                try painter.paint(frame, into: surface)
            } catch {
                failure = error
                return
            }
            guard filled.put((surface, frame.index)) else { return }
        }
    }
}
