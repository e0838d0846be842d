import ArgumentParser
import DumpClip
import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// `dumpit bench-dust`: times the dust clip's parts in one run, so ratios hold on a noisy,
/// shared machine. Used by Benchmarks/dust/run.sh.
struct BenchDustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-dust", abstract: "Benchmark: render-only, encode-only and pipelined dust clip.",
        shouldDisplay: false)

    @Option(help: "The worry to render.")
    var text = "회사 가기 싫어요 😢 내일은 괜찮을까요"

    @Option(help: "Clip length in seconds.")
    var seconds = 5.0

    @Option(help: "Repetitions; the median is printed.")
    var runs = 3

    func run() async throws {
        let options = DustOptions(width: 1280, height: 720, fps: 30, seconds: seconds, seed: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var renderTimes: [Double] = [], encodeTimes: [Double] = [], pipelineTimes: [Double] = []
        var encodeCPU: [Double] = [], pipelineCPU: [Double] = []
        for run in 0..<runs {
            // 1. Render only: paint every frame, keep a copy (the encoder's input for step 2).
            var frames: [BGRABuffer] = []
            let painter = try DustPainter(text: text, options: options)
            var simulation = painter.makeSimulation()
            let surface = try Surface(width: options.width, height: options.height)
            var copyTime = 0.0
            let renderStart = Date()
            while let frame = simulation.nextFrameState() {
                try painter.paint(frame, into: surface)
                let copyStart = Date()
                var buffer = BGRABuffer(width: options.width, height: options.height)
                surface.withPixels { buffer.bytes = Array($0) }
                frames.append(buffer)
                copyTime += Date().timeIntervalSince(copyStart)
            }
            renderTimes.append(Date().timeIntervalSince(renderStart) - copyTime)

            // 2. Encode only: the same frames, already in memory (the floor of any pipeline).
            let encodeStart = Date(), encodeCPUStart = Self.cpuSeconds()
            let sink = try VideoWriter(
                url: directory.appendingPathComponent("floor-\(run).webm"), format: .webm,
                options: VideoOptions(width: options.width, height: options.height, fps: options.fps))
            for frame in frames { try sink.append(frame) }
            try sink.finish()
            encodeTimes.append(Date().timeIntervalSince(encodeStart))
            encodeCPU.append(Self.cpuSeconds() - encodeCPUStart)
            frames.removeAll()

            // 3. The real pipeline: painting overlapped with encoding.
            let pipelineStart = Date(), pipelineCPUStart = Self.cpuSeconds()
            try DustClip(options: options).render(
                text: text, to: directory.appendingPathComponent("clip-\(run).webm"), format: .webm)
            pipelineTimes.append(Date().timeIntervalSince(pipelineStart))
            pipelineCPU.append(Self.cpuSeconds() - pipelineCPUStart)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let render = median(renderTimes), encode = median(encodeTimes), pipeline = median(pipelineTimes)
        let frames = options.frameCount
        print(
            String(
                format: "dust: %dx%d %d fps %.0f s (%d frames) VP9, median of %d", options.width, options.height, options.fps,
                seconds, frames, runs))
        print(String(format: "dust: render-only   %.2f s (%.1f ms/frame)", render, render * 1000 / Double(frames)))
        print(
            String(
                format: "dust: encode-only   %.2f s (%.1f ms/frame, cpu %.2f s)  <- floor", encode,
                encode * 1000 / Double(frames), median(encodeCPU)))
        print(
            String(
                format: "dust: pipeline      %.2f s (%.1f ms/frame, cpu %.2f s)", pipeline, pipeline * 1000 / Double(frames),
                median(pipelineCPU)))
        print("dust: \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "dust: pipeline/floor = %.2f (target <= 1.3)", pipeline / encode))
    }

    /// User + system CPU seconds of this process so far (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
