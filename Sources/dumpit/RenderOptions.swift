import ArgumentParser
import DumpRender
import DumpServer
import Foundation

/// Options of the render queue shared by `serve` and `worker`; the clip size ones are hidden
/// (tests and benchmarks render small clips quickly; the product renders 1280x720, 5 s).
struct RenderOptions: ParsableArguments {
    @Option(
        name: .customLong("render-lease"),
        help: ArgumentHelp("How long a claimed render is held without a heartbeat: 30s.", visibility: .hidden))
    var lease = "30s"

    @Option(name: .customLong("render-attempts"), help: ArgumentHelp("Attempts before a clip is given up.", visibility: .hidden))
    var attempts = 5

    @Option(name: .customLong("clip-size"), help: ArgumentHelp("Clip size WxH.", visibility: .hidden))
    var clipSize = "1280x720"

    @Option(name: .customLong("clip-seconds"), help: ArgumentHelp("Clip length in seconds.", visibility: .hidden))
    var clipSeconds = 5.0

    @Flag(name: .customLong("mute-clips"), help: "Render worry clips without their sound of wind and dust.")
    var muteClips = false

    func validate() throws {
        guard let seconds = DurationText.seconds(lease), (1...3600).contains(seconds) else {
            throw ValidationError("--render-lease must be a duration from 1s to 1h.")
        }
        guard (1...20).contains(attempts) else { throw ValidationError("--render-attempts must be between 1 and 20.") }
        guard let size = clipDimensions, (64...3840).contains(size.width), (64...3840).contains(size.height),
            size.width % 2 == 0, size.height % 2 == 0
        else { throw ValidationError("--clip-size must be WxH with even sides from 64 to 3840.") }
        guard (0.5...30).contains(clipSeconds) else { throw ValidationError("--clip-seconds must be from 0.5 to 30.") }
    }

    var clipDimensions: (width: Int, height: Int)? {
        let parts = clipSize.lowercased().split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
}

extension ServiceConfiguration {
    /// This configuration with the render options applied; the clips' end card shows the
    /// address of `publicBaseURL` (set it first).
    func with(_ rendering: RenderOptions, trustProxy: Bool = false) -> ServiceConfiguration {
        var configuration = self
        configuration.renderLease = DurationText.seconds(rendering.lease) ?? 30
        configuration.renderMaxAttempts = rendering.attempts
        let size = rendering.clipDimensions ?? (1280, 720)
        configuration.clip = ClipSettings(
            width: size.width, height: size.height, fps: 30, seconds: rendering.clipSeconds, sound: !rendering.muteClips,
            endCardAddress: EndCard.address(fromPublicURL: publicBaseURL))
        configuration.trustProxy = trustProxy
        return configuration
    }
}
