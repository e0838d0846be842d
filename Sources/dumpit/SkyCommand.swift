import ArgumentParser
import DumpClip
import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// `dumpit sky --from worries.json -o sky.png|sky.svg|sky.pdf|sky.webm|sky.json`: a night sky of worries.
struct SkyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sky",
        abstract: "Draw a night sky of worries as PNG, SVG or PDF, or a seamless WebM loop.",
        discussion: """
            The input is a JSON array of {"text": "...", "createdAt"?: ISO-8601 date, "id"?: "..."}.
            Worries with the same words become one brighter star.
            """)

    @Option(name: .customLong("from"), help: ArgumentHelp("JSON array of worries to draw.", valueName: "worries.json"))
    var from: String

    @Option(
        name: [.short, .customLong("output")],
        help: "Output file: .png, .svg, .pdf, .webm (a seamless loop), or .json (the layout, as GET /api/sky sends it).")
    var output: String

    @Option(help: "Picture size WxH, from 640x360 to 7680x4320 (even numbers for video).")
    var size = PictureSize(width: 1920, height: 1080)

    @Option(help: "Sky seed: the same worries and seed give the same sky.")
    var seed: UInt64 = 1

    @Option(help: "Sky time in seconds since the Unix epoch (stars drift with a 10 s period); the first frame of a loop.")
    var time: Double = 0

    @Option(help: "Loop length in seconds for .webm (1–60).")
    var seconds = 10

    @Option(help: "Frames per second for .webm (1–60).")
    var fps = 30

    /// The output kinds the command writes.
    enum Output: Equatable {
        case picture(PictureFormat)
        case loop(ClipFormat)
        /// The layout itself, the JSON the page draws (for the page's benchmark and fixtures).
        case layout
    }

    /// The kind of file `path` asks for, by extension.
    static func output(for path: String) -> Output? {
        if let picture = PictureFormat(path: path) { return .picture(picture) }
        switch (path as NSString).pathExtension.lowercased() {
        case "webm": return .loop(.webm)
        case "mp4": return .loop(.mp4)
        case "json": return .layout
        default: return nil
        }
    }

    func validate() throws {
        guard let kind = Self.output(for: output) else {
            throw ValidationError("unknown output type \"\(output)\": use .png, .svg, .pdf, .webm or .json")
        }
        guard size.isSkySize else {
            throw ValidationError("size \(size) is outside 640x360…7680x4320")
        }
        guard time.isFinite else { throw ValidationError("time must be a finite number of seconds") }
        if case .loop = kind {
            guard size.width % 2 == 0, size.height % 2 == 0 else {
                throw ValidationError("video size must be even, got \(size)")
            }
            guard (1...60).contains(seconds) else { throw ValidationError("seconds \(seconds) is outside 1…60") }
            guard (1...60).contains(fps) else { throw ValidationError("fps \(fps) is outside 1…60") }
        }
    }

    func run() async throws {
        let worries: [SkyWorry]
        do {
            worries = try SkyWorriesFile.load(from: URL(fileURLWithPath: from), now: Date())
        } catch {
            throw error
        }
        let layout = SkyEngine(seed: seed).layout(worries, now: Date())
        let url = URL(fileURLWithPath: output)
        try CLIError.checkFolder(of: url)
        do {
            switch Self.output(for: output) {
            case .picture(let format):
                try renderSkyPicture(layout: layout, url: url, format: format, width: size.width, height: size.height, time: time)
            case .loop(let format):
                var bar = ProgressBar(label: "rendering sky")
                try renderSkyLoop(
                    layout: layout, url: url, width: size.width, height: size.height, fps: fps, seconds: seconds,
                    format: format, start: time
                ) { done, total in bar.update(done, of: total) }
            case .layout:
                try Data(layout.jsonBytes()).write(to: url, options: .atomic)
            case nil:
                throw ValidationError("unknown output type \"\(output)\"")
            }
        } catch {
            throw error
        }
    }
}
