import ArgumentParser
import DumpClip
import DumpDoor
import DumpEngine
import DumpRender
import DumpVideo
import Foundation

/// `dumpit render "<text>" -o clip.webm|clip.mp4|frames/`: one worry into its dust clip.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a worry breaking into glowing dust, as WebM, MP4 or a folder of PNGs.")

    @Argument(help: "The worry (1–500 characters; cleaned and masked as a posted worry is).")
    var text: String

    @Option(name: [.short, .customLong("output")], help: "clip.webm, clip.mp4, or a directory for PNG frames.")
    var output: String

    @Option(help: "Frame size WxH (up to 3840x2160; even numbers for video).")
    var size = PictureSize(width: 1280, height: 720)

    @Option(help: "Frames per second (1–60).")
    var fps = 30

    @Option(help: "Clip length in seconds (1–30).")
    var seconds = 5.0

    @Option(help: "Random seed: the same text, seed and options give the same frames.")
    var seed: UInt64 = 1

    @Option(help: "Encoder threads (0 = all cores).")
    var threads = 0

    @Flag(help: "No sound (a video clip otherwise carries its wind and dust: Opus in WebM, AAC in MP4).")
    var mute = false

    @Option(
        name: .customLong("public-url"),
        help: "The site's origin, e.g. https://dump.example: its address shows on the end card under the wordmark.")
    var publicURL: String?

    @Flag(
        name: .customLong("end-card"), inversion: .prefixedNo,
        help: "The last second's wordmark (default: on for video, off for a PNG sequence).")
    var endCard: Bool?

    func validate() throws {
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an absolute http(s) URL.")
            }
        }
    }

    func run() async throws {
        // The one text rule, as for a posted worry: cleaned, personal data masked.
        let admission: Admission
        do {
            admission = try Door.admit(text)
        } catch {
            throw CLIError(error.code == .emptyText ? "the worry is empty: write at least one visible character" : error.message)
        }
        let worry = admission.text
        if !admission.masked.isEmpty {
            FileHandle.standardError.write(
                Data("dumpit: masked \(admission.masked.map(\.rawValue).joined(separator: ", "))\n".utf8))
        }
        if admission.verdict == .care {
            let care = CareAnswer.answer(korean: admission.isKorean)
            let lines = care.lines.map { [$0.name, $0.phone].compactMap { $0 }.joined(separator: " ") }
            FileHandle.standardError.write(Data("dumpit: \(care.message) \(lines.joined(separator: " · "))\n".utf8))
        }
        guard size.width > 0, size.height > 0, size.width <= 3840, size.height <= 2160 else {
            throw CLIError("size \(size.width)x\(size.height) is outside 1x1…3840x2160")
        }
        guard (1...60).contains(fps) else { throw CLIError("fps \(fps) is outside 1…60") }
        guard seconds >= 1, seconds <= 30 else { throw CLIError("seconds \(seconds) is outside 1…30") }
        guard let format = ClipFormat.forPath(output) else {
            throw CLIError("unknown output type for \(output): use .webm, .mp4 or a directory")
        }
        if format != .pngSequence, size.width % 2 != 0 || size.height % 2 != 0 {
            throw CLIError("video size must be even, got \(size.width)x\(size.height)")
        }
        let url = URL(fileURLWithPath: output)
        if format == .pngSequence {
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw CLIError("cannot create \(url.path): \(error.localizedDescription)")
            }
            try CLIError.checkFolder(url)
        } else {
            try CLIError.checkFolder(of: url)
        }

        let card = (endCard ?? (format != .pngSequence)) ? EndCard(address: EndCard.address(fromPublicURL: publicURL)) : nil
        let clip = DustClip(
            options: DustOptions(width: size.width, height: size.height, fps: fps, seconds: seconds, seed: seed),
            encoderThreads: threads, endCard: card, sound: !mute)
        var bar = ProgressBar(label: "rendering")
        do {
            try clip.render(text: worry, to: url, format: format) { done, total in bar.update(done, of: total) }
        } catch {
            throw CLIError(error.localizedDescription)
        }
    }
}
