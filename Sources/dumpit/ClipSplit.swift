import DumpClip
import DumpEngine
import DumpRender
import DumpServer
import DumpVideo
import Foundation

/// Where a clip's CPU goes, measured part by part in one run (`dumpit bench clip --split`):
/// the same frames and sound as the clip just rendered, each stage alone.
enum ClipSplit {
    static func measure(
        text: String, seed: UInt64, settings: ClipSettings, format: ClipFormat, tuning: EncoderTuning, threads: Int,
        pipelineCPU: Double
    ) throws {
        let options = DustOptions(
            width: settings.width, height: settings.height, fps: settings.fps, seconds: settings.seconds, seed: seed)
        var start = threadCPUSeconds()
        let painter = try DustPainter(text: text, options: options, endCard: EndCard(address: settings.endCardAddress))
        var simulation = painter.makeSimulation()
        let setup = threadCPUSeconds() - start
        let surface = try Surface(width: options.width, height: options.height)
        var frames: [BGRABuffer] = []
        frames.reserveCapacity(options.frameCount)
        var simulate = 0.0, paint = 0.0
        while true {
            start = threadCPUSeconds()
            guard let frame = simulation.nextFrameState() else { break }
            let painted = threadCPUSeconds()
            try painter.paint(frame, into: surface)
            let end = threadCPUSeconds()
            simulate += painted - start
            paint += end - painted
            var copy = BGRABuffer(width: options.width, height: options.height)
            surface.withPixels { copy.bytes = Array($0) }
            copy.changedRegion = surface.changedRegion
            frames.append(copy)
        }
        start = threadCPUSeconds()
        let track = settings.sound ? ClipSound.track(for: painter) : nil
        let sound = threadCPUSeconds() - start
        start = threadCPUSeconds()
        _ = try surface.pngData()
        let thumbnail = threadCPUSeconds() - start
        start = threadCPUSeconds()
        try VideoWriter.convertOnly(frames, width: options.width, height: options.height)
        let convert = threadCPUSeconds() - start

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-split-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func encode(audio: AudioTrack?, name: String) throws -> Double {
            let video = VideoOptions(
                width: options.width, height: options.height, fps: options.fps, tuning: tuning, threads: threads)
            let start = BenchDustCommand.cpuSeconds()
            let sink = try VideoWriter(
                url: directory.appendingPathComponent("\(name).\(format.rawValue)"), format: format, options: video,
                audio: audio)
            for frame in frames { try sink.append(frame) }
            try sink.finish()
            return BenchDustCommand.cpuSeconds() - start
        }
        let floor = try encode(audio: track, name: "floor")
        let silent = track == nil ? floor : try encode(audio: nil, name: "silent")
        let encoder = format == .webm ? "vp9" : "h264"
        let audioCodec = format == .webm ? "opus" : "aac"
        print(
            String(
                format:
                    "split: setup=%.3f simulate=%.3f paint=%.3f sound=%.3f thumbnail=%.3f convert=%.3f %@=%.3f %@+mux=%.3f",
                setup, simulate, paint, sound, thumbnail, convert, encoder, silent - convert, audioCodec, floor - silent))
        print(
            String(
                format: "split: floor=%.3f (encoders alone, same frames and sound) pipeline=%.3f pipeline/floor=%.2f",
                floor, pipelineCPU, pipelineCPU / floor))
    }

    /// CPU seconds of the calling thread so far (what it painted or converted, not the encoders' threads).
    static func threadCPUSeconds() -> Double {
        var usage = rusage()
        // RUSAGE_THREAD (1) is a GNU extension that Glibc's Swift overlay does not import.
        getrusage(__rusage_who_t(1), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
