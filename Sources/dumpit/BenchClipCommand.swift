import ArgumentParser
import DumpClip
import DumpEngine
import DumpRender
import DumpRenderers
import DumpServer
import DumpStore
import DumpVideo
import Foundation

/// `dumpit bench clip`: renders one worry's clip as the server would — the post-time MP4 and
/// thumbnail, or a format made on request — with given encoder settings, and prints the CPU
/// seconds, wall seconds and bytes it took. Used by Benchmarks/clips/run.sh.
struct BenchClipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clip", abstract: "Benchmark: one clip format with given encoder settings, and where its CPU goes.")

    enum Output: String, ExpressibleByArgument {
        /// MP4 + PNG thumbnail: what a post renders.
        case post
        /// The WebM made on first request.
        case webm
        /// The 9:16 story MP4 made on first request.
        case story
        /// Lossless PNG frames (the reference for SSIM).
        case frames
    }

    @Option(help: "The worry to render.")
    var text: String

    @Option(help: "post (MP4 + thumbnail), webm, story, or frames (PNG reference).")
    var output: Output = .post

    @Option(help: "Where to write: a file, or a folder for frames.")
    var out: String

    @Option(help: "Encoder settings to start from: clips (chosen) or legacy (before the table).")
    var tuning = "clips"

    @Option(name: .customLong("h264-preset")) var h264Preset: String?
    @Option(name: .customLong("h264-crf")) var h264CRF: Int?
    @Option(name: .customLong("h264-tune"), help: "An x264 tune, or none.") var h264Tune: String?
    @Option(name: .customLong("x264-params"), help: "Extra x264 options, key=value:key=value.") var x264Params: String?
    @Option(name: .customLong("vp9-speed")) var vp9Speed: Int?
    @Option(name: .customLong("vp9-crf")) var vp9CRF: Int?
    @Option(name: .customLong("keyframe-seconds")) var keyframeSeconds: Double?
    @Option(help: "Encoder threads (the server gives cores / render workers: 1 with its default one worker per core).")
    var threads = 1
    @Flag(help: "No sound (as `serve --mute-clips`).") var mute = false
    @Option(name: .customLong("public-url"), help: "The end card's address, as `serve --public-url`.") var publicURL: String?
    @Flag(
        help: """
            After the clip, measure in the same run where its CPU goes: the simulation, painting, \
            the sound, colour conversion, and the same frames through the encoders alone (the floor).
            """)
    var split = false

    func run() async throws {
        var tuning: EncoderTuning
        switch self.tuning {
        case "clips": tuning = .clips
        case "legacy": tuning = .legacy
        default: throw CLIError("--tuning must be clips or legacy")
        }
        if let h264Preset { tuning.h264Preset = h264Preset }
        if let h264CRF { tuning.h264CRF = h264CRF }
        if let h264Tune { tuning.h264Tune = h264Tune == "none" ? nil : h264Tune }
        if let x264Params { tuning.x264Params = x264Params }
        if let vp9Speed { tuning.vp9Speed = vp9Speed }
        if let vp9CRF { tuning.vp9CRF = vp9CRF }
        if let keyframeSeconds { tuning.keyframeSeconds = keyframeSeconds }
        let settings = ClipSettings(sound: !mute, endCardAddress: EndCard.address(fromPublicURL: publicURL))
        let seed = ClipKey(text: text, variant: settings.variant).seed
        let url = URL(fileURLWithPath: out)
        let renderer = DustClipRendering(encoderThreads: threads, tuning: tuning)
        func render() throws {
            switch output {
            case .post:
                try renderer.renderClip(
                    text: text, seed: seed, settings: settings,
                    outputs: ClipOutputs(mp4: url, thumbnail: url.deletingPathExtension().appendingPathExtension("png")),
                    progress: { _ in })
            case .webm:
                try renderer.renderClip(
                    text: text, seed: seed, settings: settings, outputs: ClipOutputs(webm: url), progress: { _ in })
            case .story:
                try renderer.renderClip(
                    text: text, seed: seed, settings: settings.upright, outputs: ClipOutputs(mp4: url), progress: { _ in })
            case .frames:
                // the reference carries the same end card as the clips, so SSIM compares like with like
                let options = DustOptions(
                    width: settings.width, height: settings.height, fps: settings.fps, seconds: settings.seconds, seed: seed)
                try DustClip(options: options, endCard: EndCard(address: settings.endCardAddress)).render(
                    text: text, to: url, format: .pngSequence)
            }
        }
        // A server renders clip after clip: the first render of a process also pays for loading
        // fonts (fontconfig, Pango) and binding symbols. It is reported (cold=) and not counted.
        var cold = 0.0
        if output != .frames {
            let coldStart = BenchDustCommand.cpuSeconds()
            try render()
            cold = BenchDustCommand.cpuSeconds() - coldStart
        }
        let cpuStart = BenchDustCommand.cpuSeconds()
        let start = Date()
        try render()
        let wall = Date().timeIntervalSince(start), cpu = BenchDustCommand.cpuSeconds() - cpuStart
        let bytes: Int
        if output == .frames {
            bytes = 0
        } else {
            bytes = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
        }
        print(String(format: "cpu=%.3f wall=%.3f bytes=%d cold=%.3f", cpu, wall, bytes, cold))
        if split {
            let format: ClipFormat = output == .webm ? .webm : .mp4
            try ClipSplit.measure(
                text: text, seed: seed, settings: output == .story ? settings.upright : settings, format: format,
                tuning: tuning, threads: threads, pipelineCPU: cpu)
        }
    }
}
