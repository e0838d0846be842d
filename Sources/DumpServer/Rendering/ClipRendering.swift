import Foundation

/// Paints a worry into its clip files. The service's only view of the dust renderer.
///
/// Calls are blocking and run on a render thread, never on the event loop. A render must be a
/// pure function of (text, seed, settings): the same inputs give the same bytes.
public protocol ClipRendering: Sendable {
    /// Writes the WebM clip, the MP4 clip and the PNG thumbnail of `text` to `files`.
    ///
    /// The files may be left incomplete when this throws; the caller deletes them.
    func renderClip(text: String, seed: UInt64, settings: ClipSettings, into files: ClipFiles) throws

    /// Whether this renderer can render at all. A stand-in answers false, and the render queue
    /// then starts no workers: clips stay pending instead of failing for good.
    var isAvailable: Bool { get }
}

extension ClipRendering {
    /// A real renderer is available.
    public var isAvailable: Bool { true }
}
