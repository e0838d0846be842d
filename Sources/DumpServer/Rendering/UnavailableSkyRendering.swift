import DumpEngine
import Foundation

/// Stands in for the sky painter until it exists: every call throws `RendererUnavailable`,
/// which the service answers with 503. It paints nothing and pretends nothing.
public struct UnavailableSkyRendering: SkyRendering {
    /// Creates the stand-in.
    public init() {}

    /// Never available.
    public var isAvailable: Bool { false }

    public func png(of layout: SkyLayout, width: Int, height: Int, at time: Double) throws -> Data {
        throw RendererUnavailable("sky images")
    }

    public func loop(of layout: SkyLayout, settings: ClipSettings, to url: URL) throws {
        throw RendererUnavailable("sky videos")
    }

    public func poster(of sky: ArchivedSky, date: String, width: Int, height: Int) throws -> Data {
        throw RendererUnavailable("night posters")
    }
}
