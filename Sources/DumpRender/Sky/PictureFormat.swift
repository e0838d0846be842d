import Foundation

/// The still formats a sky or a poster is written in.
public enum PictureFormat: String, Sendable, CaseIterable {
    /// A PNG image (Cairo image surface).
    case png
    /// A one-page vector PDF; text stays text.
    case pdf
    /// A vector SVG; text is drawn as glyph outlines, never as markup.
    case svg

    /// The format a file name asks for by its extension (case-insensitive), or nil.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }

    /// The vector document kind, or nil for PNG.
    public var vectorKind: VectorDocument.Kind? {
        switch self {
        case .png: return nil
        case .pdf: return .pdf
        case .svg: return .svg
        }
    }
}
