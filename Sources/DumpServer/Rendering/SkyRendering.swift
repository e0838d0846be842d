import DumpEngine
import Foundation

/// Paints skies into pixels: the live sky as a PNG or a seamless loop, and a night's poster.
///
/// The layout itself comes from `SkyEngine`; only painting is behind this protocol. Calls are
/// blocking and run on a worker thread.
public protocol SkyRendering: Sendable {
    /// A PNG of `layout` at `width`×`height`, with every star at its drifted position at `time`
    /// (seconds since the Unix epoch, the page's clock).
    func png(of layout: SkyLayout, width: Int, height: Int, at time: Double) throws -> Data

    /// A WebM loop of one drift period of `layout`, seamless end to start, written to `url`.
    func loop(of layout: SkyLayout, settings: ClipSettings, to url: URL) throws

    /// The poster PNG of the archived night `date` (`YYYY-MM-DD`).
    func poster(of sky: ArchivedSky, date: String, width: Int, height: Int) throws -> Data

    /// Whether this painter can paint at all; a stand-in answers false and the service
    /// answers 503 without trying.
    var isAvailable: Bool { get }
}

extension SkyRendering {
    /// A real painter is available.
    public var isAvailable: Bool { true }
}
