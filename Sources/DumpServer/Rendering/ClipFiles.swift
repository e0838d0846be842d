import DumpStore
import Foundation

/// Where the files of one clip live: MP4 (H.264, made when the worry is posted), a PNG
/// thumbnail (likewise), WebM (VP9) and a vertical 9:16 MP4 for phone stories (both made on
/// first request). One folder per clip key (`<data>/clips/<key>/`).
public struct ClipFiles: Sendable, Hashable {
    /// The folder.
    public var folder: URL

    /// The files in `folder`: `clip.mp4`, `thumbnail.png`, `clip.webm`, `story.mp4`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// The path of one format.
    public func url(for format: ClipFileFormat) -> URL {
        folder.appendingPathComponent(format.fileName)
    }

    public var mp4: URL { url(for: .mp4) }
    public var webm: URL { url(for: .webm) }
    public var thumbnail: URL { url(for: .png) }
    public var story: URL { url(for: .story) }
}

/// The formats a clip is served in.
public enum ClipFileFormat: String, CaseIterable, Sendable {
    case mp4, png, webm, story

    /// The formats rendered when a worry is posted: what the share card plays, and its still.
    static let atPost: Set<ClipFileFormat> = [.mp4, .png]

    /// Whether the format is a version made later, by a worker, when it is first asked for,
    /// rather than at post time.
    var isMadeOnRequest: Bool { !Self.atPost.contains(self) }

    /// The format a version job (`RenderJob.version`) makes: `webm`, `story`.
    init?(version: String) {
        guard let format = Self(rawValue: version), format.isMadeOnRequest else { return nil }
        self = format
    }

    /// The settings this format is rendered at: the story is the clip turned upright (9:16).
    func settings(from settings: ClipSettings) -> ClipSettings {
        self == .story ? settings.upright : settings
    }

    /// The file's name in the clip's folder.
    var fileName: String {
        switch self {
        case .mp4: return "clip.mp4"
        case .png: return "thumbnail.png"
        case .webm: return "clip.webm"
        case .story: return "story.mp4"
        }
    }

    /// The media type sent with the file.
    var contentType: String {
        switch self {
        case .webm: return "video/webm"
        case .mp4, .story: return "video/mp4"
        case .png: return "image/png"
        }
    }
}

/// What one render call writes: any of the MP4, the WebM and the PNG thumbnail.
public struct ClipOutputs: Sendable, Hashable {
    public var mp4: URL?
    public var webm: URL?
    public var thumbnail: URL?

    public init(mp4: URL? = nil, webm: URL? = nil, thumbnail: URL? = nil) {
        self.mp4 = mp4
        self.webm = webm
        self.thumbnail = thumbnail
    }

    /// The paths asked for.
    var all: [URL] { [mp4, webm, thumbnail].compactMap { $0 } }
}
