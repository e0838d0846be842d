import Foundation

/// Stands in for the dust renderer until it is wired in: reports itself unavailable, so no
/// render worker starts and every clip stays queued (nothing is marked failed).
public struct UnavailableClipRendering: ClipRendering {
    /// Creates the stand-in.
    public init() {}

    /// Never available.
    public var isAvailable: Bool { false }

    public func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs, progress: @Sendable (Double) -> Void
    ) throws {
        throw RendererUnavailable("worry clips")
    }
}
