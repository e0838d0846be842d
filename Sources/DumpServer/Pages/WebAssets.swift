import Foundation

/// The files of the page under `Assets/web`, looked up safely: a request path can only ever
/// name a regular file inside that folder.
struct WebAssets: Sendable {
    /// `Assets/web`, resolved.
    let root: URL

    init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The file for the path segments after `/assets/`, or nil when they try to leave the
    /// folder (`..`, hidden names, encoded slashes, NUL) or name nothing.
    func file(for segments: [Substring]) -> URL? {
        guard !segments.isEmpty else { return nil }
        var url = root
        for raw in segments {
            guard let segment = String(raw).removingPercentEncoding, Self.isSafe(segment) else { return nil }
            url.appendPathComponent(segment)
        }
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.path + "/") else { return nil }
        return resolved
    }

    /// The file `name` directly in the folder (`index.html`).
    func file(named name: String) -> URL {
        root.appendingPathComponent(name)
    }

    /// A segment that names a file in the same folder: not empty, not hidden, no separators.
    static func isSafe(_ segment: String) -> Bool {
        !segment.isEmpty && !segment.hasPrefix(".")
            && !segment.contains("/") && !segment.contains("\\") && !segment.contains("\0")
    }

    /// The media type of a file by its extension.
    static func contentType(for url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json", "map": return "application/json; charset=utf-8"
        case "webmanifest": return "application/manifest+json; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "txt": return "text/plain; charset=utf-8"
        case "yaml", "yml": return "application/yaml; charset=utf-8"
        case "webm": return "video/webm"
        case "mp4": return "video/mp4"
        default: return "application/octet-stream"
        }
    }
}
