import CompressNIO
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// gzip for the bodies that shrink: JSON, HTML, CSS, JavaScript, SVG, YAML, plain text.
/// Never videos or PNGs (already compressed), never a range (206), never HEAD.
enum Gzip {
    /// Bodies smaller than this go out as they are: the gzip framing would eat the gain.
    static let minimumBytes = 1024

    /// Whether the client accepts gzip (`Accept-Encoding: gzip`, not `gzip;q=0`).
    static func accepted(by request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { parameter in
                parameter.hasPrefix("q=") && (Double(parameter.dropFirst(2)) ?? 1) <= 0
            }
            if !refused { return true }
        }
        return false
    }

    /// Whether a body of this media type is worth compressing.
    static func worthCompressing(contentType: String?) -> Bool {
        let type = JSONBody.mediaType(of: contentType)
        return type.hasPrefix("text/") || type == "application/json" || type == "application/yaml"
            || type == "image/svg+xml" || type == "application/manifest+json" || type == "application/javascript"
    }

    /// `buffer` gzip-compressed; `fast` trades a little size for speed (bodies made per request).
    static func compress(_ buffer: ByteBuffer, fast: Bool = false) throws -> ByteBuffer {
        var input = buffer
        var configuration = ZlibConfiguration()
        configuration.compressionLevel = fast ? 1 : 6
        return try input.compress(with: .gzip(configuration: configuration))
    }

    /// The ETag of the gzip variant of a body whose ETag is `etag`: `"x"` → `"x-gz"`.
    static func variantETag(_ etag: String) -> String {
        guard etag.hasSuffix("\""), !etag.hasSuffix("-gz\"") else { return etag }
        return String(etag.dropLast()) + "-gz\""
    }
}

/// A body compressed at most once, on first demand, then shared by every answer (the live
/// sky's JSON: compressed once per sky revision, not once per request).
final class GzipOnce: Sendable {
    private let plain: BytesOnce
    private let compressed = NIOLockedValueBox<ByteBuffer?>(nil)

    init(_ plain: BytesOnce) {
        self.plain = plain
    }

    /// The gzip body.
    func gzip() throws -> ByteBuffer {
        let plain = plain.buffer
        return try compressed.withLockedValue { cached in
            if let cached { return cached }
            let made = try Gzip.compress(plain)
            cached = made
            return made
        }
    }
}

/// Compresses text bodies for clients that accept gzip, and says `Vary: Accept-Encoding`
/// wherever the answer depends on it. A route that compresses by itself (the sky) sets
/// `Content-Encoding` and is left alone.
///
/// ETags of compressed answers get a `-gz` suffix (a strong ETag names exact bytes); a
/// revalidation carrying one is handed to the routes without it, so they still answer 304.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = DumpRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var request = request
        var askedForVariant = false
        if let match = request.headers[.ifNoneMatch], match.contains("-gz\"") {
            var head = request.head
            head.headerFields[.ifNoneMatch] = match.replacingOccurrences(of: "-gz\"", with: "\"")
            request = Request(head: head, body: request.body)
            askedForVariant = true
        }
        let accepts = Gzip.accepted(by: request)
        var response = try await next(request, context)

        if response.status == .notModified {
            if askedForVariant, accepts, let etag = response.headers[.eTag] {
                response.headers[.eTag] = Gzip.variantETag(etag)
            }
            return response
        }
        guard Gzip.worthCompressing(contentType: response.headers[.contentType]) else { return response }
        Self.addVary(to: &response)
        guard accepts, request.method != .head, response.headers[.contentEncoding] == nil,
            response.status != .partialContent, response.headers[.contentRange] == nil
        else { return response }
        if let length = response.body.contentLength, length < Gzip.minimumBytes { return response }

        let collector = BodyCollector()
        let body = response.body
        try await body.write(collector)
        let plain = collector.buffer
        guard plain.readableBytes >= Gzip.minimumBytes else {
            response.body = .init(byteBuffer: plain)
            return response
        }
        let compressed = try Gzip.compress(plain, fast: true)
        response.body = .init(byteBuffer: compressed)
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        if let etag = response.headers[.eTag] { response.headers[.eTag] = Gzip.variantETag(etag) }
        return response
    }

    /// Adds `Accept-Encoding` to the response's `Vary`.
    static func addVary(to response: inout Response) {
        let vary = response.headers[.vary] ?? ""
        guard !vary.lowercased().contains("accept-encoding") else { return }
        response.headers[.vary] = vary.isEmpty ? "Accept-Encoding" : vary + ", Accept-Encoding"
    }
}

/// A response body writer that keeps what is written.
private final class BodyCollector: ResponseBodyWriter, @unchecked Sendable {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
