import DumpEngine
import DumpStore
import Foundation

/// Paints a worry into clip files. The service's only view of the dust renderer.
///
/// Calls are blocking and run on a render thread, never on the event loop. A render must be a
/// pure function of (text, seed, settings): the same inputs give the same bytes, so a format
/// made later matches the one made at post time frame for frame.
public protocol ClipRendering: Sendable {
    /// Writes the files of `outputs` for `text` at `settings`, calling `progress` with the
    /// fraction of frames done (0…1) as it goes.
    ///
    /// The files may be left incomplete when this throws; the caller deletes them.
    func renderClip(
        text: String, seed: UInt64, settings: ClipSettings, outputs: ClipOutputs,
        progress: @Sendable (Double) -> Void
    ) throws

    /// Whether this renderer can render at all. A stand-in answers false, and the render queue
    /// then starts no workers: clips stay queued instead of failing for good.
    var isAvailable: Bool { get }
}

extension ClipRendering {
    /// A real renderer is available.
    public var isAvailable: Bool { true }
}

extension ClipKey {
    /// The clip's render seed, from the key: a render after a crash, or a version made later,
    /// gives the same frames.
    public var seed: UInt64 { stableHash(rawValue) }
}
