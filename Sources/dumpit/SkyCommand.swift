import ArgumentParser
import DumpClip
import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// `dumpit sky --from worries.json -o sky.png|sky.svg|sky.pdf|sky.webm`: a night sky of worries.
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

    @Option(name: [.short, .customLong("output")], help: "Output file: .png, .svg, .pdf, or .webm (a seamless loop).")
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
    }

    /// The kind of file `path` asks for, by extension.
    static func output(for path: String) -> Output? {
        if let picture = PictureFormat(path: path) { return .picture(picture) }
        switch (path as NSString).pathExtension.lowercased() {
        case "webm": return .loop(.webm)
        case "mp4": return .loop(.mp4)
        default: return nil
        }
    }

    func validate() throws {
        guard let kind = Self.output(for: output) else {
            throw ValidationError("unknown output type \"\(output)\": use .png, .svg, .pdf or .webm")
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
            throw CommandFailure.print(error)
        }
        let layout = SkyEngine(seed: seed).layout(worries, now: Date())
        let url = URL(fileURLWithPath: output)
        try CommandFailure.checkDirectory(of: url)
        do {
            switch Self.output(for: output) {
            case .picture(let format):
                try renderSkyPicture(layout: layout, url: url, format: format, width: size.width, height: size.height, time: time)
            case .loop(let format):
                var bar = TerminalProgress(label: "rendering sky")
                try renderSkyLoop(
                    layout: layout, url: url, width: size.width, height: size.height, fps: fps, seconds: seconds,
                    format: format, start: time) { done, total in bar.update(done, of: total) }
            case nil:
                throw ValidationError("unknown output type \"\(output)\"")
            }
        } catch {
            throw CommandFailure.print(error)
        }
    }
}

/// A `WxH` picture size such as `3840x2160`.
struct PictureSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        self.init(width: width, height: height)
    }

    var description: String { "\(width)x\(height)" }
    var defaultValueDescription: String { description }

    /// 640x360 up to 7680x4320, as a sky is drawn.
    var isSkySize: Bool { (640...7680).contains(width) && (360...4320).contains(height) }

    /// Landscape or portrait, each side 360…7680, no more pixels than 7680x4320.
    var isPosterSize: Bool {
        (360...7680).contains(width) && (360...7680).contains(height) && width * height <= 7680 * 4320
    }
}

/// Errors found while running (not while parsing): printed as one line, then exit status 2.
enum CommandFailure {
    /// Prints "dumpit: error: <message>" to stderr and returns the exit code to throw.
    static func print(_ error: Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        return print(message)
    }

    /// Prints "dumpit: error: <message>" (first line only) to stderr; returns exit code 2.
    static func print(_ message: String) -> ExitCode {
        let line = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? message
        FileHandle.standardError.write(Data("dumpit: error: \(line)\n".utf8))
        return ExitCode(2)
    }

    /// Fails unless the folder `url` goes into exists.
    static func checkDirectory(of url: URL) throws {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw print("cannot write \(url.path): folder \(directory.path) does not exist")
        }
    }
}

/// A one-line progress bar on standard output when it is a terminal; silent otherwise.
struct TerminalProgress {
    let label: String
    let enabled = isatty(STDOUT_FILENO) == 1
    private var lastDrawn = -1

    init(label: String) {
        self.label = label
    }

    mutating func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardOutput.write(Data("\r\(label) \(bar) \(percent)% (\(done)/\(total))".utf8))
        if done == total { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
