import Foundation
import Hummingbird

/// Serves a file from disk with `Content-Type`, `ETag`, `Cache-Control`, conditional GET
/// (304) and single byte ranges (206 / 416).
struct FileResponder: Sendable {
    private let fileIO = FileIO()

    /// Size and modification time of a file, or nil when it does not exist.
    static func stat(_ url: URL) async throws -> (size: Int, modified: Date)? {
        try await Blocking.run {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                (attributes[.type] as? FileAttributeType) == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.intValue
            else { return nil }
            return (size, (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The response for the file at `url`, or nil when there is no such file.
    ///
    /// The ETag is the size and modification time, or — for a file whose content a name fixes
    /// (a clip, the same bytes on every node of a fleet) — `stableTag` and the size, so that
    /// a range resumed on another node still matches.
    func response(
        for url: URL, contentType: String, cacheControl: String,
        request: Request, context: DumpRequestContext, stableTag: String? = nil
    ) async throws -> Response? {
        guard let info = try await Self.stat(url) else { return nil }
        let version = stableTag ?? String(Int64(info.modified.timeIntervalSince1970 * 1_000_000), radix: 16)
        let etag = "\"\(String(info.size, radix: 16))-\(version)\""
        var headers: HTTPFields = [
            .contentType: contentType,
            .eTag: etag,
            .cacheControl: cacheControl,
            .acceptRanges: "bytes",
        ]
        if let ifNoneMatch = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch, etag: etag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        var range = ByteRange(header: request.headers[.range], size: info.size)
        if let ifRange = request.headers[.ifRange], ifRange.trimmingSpaces != etag {
            range = .whole
        }
        switch range {
        case .whole:
            let body = try await fileIO.loadFile(path: url.path, context: context)
            return Response(status: .ok, headers: headers, body: body)
        case .part(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(info.size)"
            let body = try await fileIO.loadFile(path: url.path, range: bytes, context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        case .unsatisfiable:
            throw APIError(
                .rangeNotSatisfiable, code: "range_not_satisfiable",
                message: "The requested byte range is not inside this \(info.size)-byte file.",
                headers: [.contentRange: "bytes */\(info.size)", .acceptRanges: "bytes"])
        }
    }

    /// Whether an `If-None-Match` list names `etag` (or is `*`).
    static func matches(_ list: String, etag: String) -> Bool {
        list.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingSpaces
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
