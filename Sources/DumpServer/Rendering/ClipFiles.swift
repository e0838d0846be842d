import DumpStore
import Foundation

/// Where the three files of one worry's clip are written: WebM (VP9), MP4 (H.264) and a PNG
/// thumbnail, all in one folder per worry (`<data>/clips/<id>/`).
public struct ClipFiles: Sendable, Hashable {
    /// The WebM/VP9 clip.
    public var webm: URL
    /// The MP4/H.264 clip.
    public var mp4: URL
    /// A still of the clip as PNG.
    public var thumbnail: URL

    /// Creates a set of clip paths.
    public init(webm: URL, mp4: URL, thumbnail: URL) {
        self.webm = webm
        self.mp4 = mp4
        self.thumbnail = thumbnail
    }

    /// The files in `folder`: `clip.webm`, `clip.mp4`, `thumbnail.png`.
    public init(folder: URL) {
        self.init(
            webm: folder.appendingPathComponent("clip.webm"),
            mp4: folder.appendingPathComponent("clip.mp4"),
            thumbnail: folder.appendingPathComponent("thumbnail.png"))
    }

    /// The three paths, in a fixed order.
    var all: [URL] { [webm, mp4, thumbnail] }

    /// The path of one format.
    func url(for format: ClipFileFormat) -> URL {
        switch format {
        case .webm: return webm
        case .mp4: return mp4
        case .png: return thumbnail
        }
    }
}

/// The three formats a clip is served in, named by their URL extension.
enum ClipFileFormat: String, CaseIterable, Sendable {
    case webm, mp4, png

    /// The media type sent with the file.
    var contentType: String {
        switch self {
        case .webm: return "video/webm"
        case .mp4: return "video/mp4"
        case .png: return "image/png"
        }
    }
}
