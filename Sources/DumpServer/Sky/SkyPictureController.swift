import Foundation
import Hummingbird

/// `GET /sky.png` (the live sky as a picture, in a few sizes) and `GET /sky.webm` (as a loop).
struct SkyPictureController: Sendable {
    let skies: any SkyRendering
    let images: SkyImageCache
    let loop: SkyLoopCache
    let files: FileResponder
    /// How long a cache may keep a picture (`--sky-cache-seconds`).
    let imageMaxAge: Int
    /// How long a cache may keep the loop: as long as it is never made more often.
    let loopMaxAge: Int

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self)
            .get("/sky.png", use: picture)
            .get("/sky.webm", use: video)
    }

    /// The picture at one of the served sizes, painted at most once per sky per size; 503 busy
    /// while too many requests wait for the painter.
    @Sendable func picture(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let size = try Self.size(request.uri.queryParameters)
        guard skies.isAvailable else { throw RendererUnavailable("sky images") }
        switch try await images.png(size) {
        case .busy(let seconds):
            throw APIError(
                .serviceUnavailable, code: "busy", message: "Many skies are being painted; retry shortly.",
                headers: [.retryAfter: "\(seconds)"])
        case .image(let image):
            return Response(
                status: .ok,
                headers: [
                    .contentType: "image/png", .cacheControl: "public, max-age=\(imageMaxAge)",
                    .eTag: "\"skypng-\(size)-\(image.serial)\"",
                ],
                body: .init(byteBuffer: image.png))
        }
    }

    /// The loop when it is made; 202 with `Retry-After` while it is being made.
    @Sendable func video(_ request: Request, context: DumpRequestContext) async throws -> Response {
        switch try await loop.state() {
        case .ready(let url):
            if let response = try await files.response(
                for: url, contentType: "video/webm", cacheControl: "public, max-age=\(loopMaxAge)", request: request,
                context: context)
            {
                return response
            }
            throw APIError(
                .serviceUnavailable, code: "sky_loop_missing", message: "The sky loop is being made again; retry shortly.",
                headers: [.retryAfter: "5"])
        case .rendering(let seconds):
            return JSONBody.notYet(retryAfter: seconds, status: "rendering")
        }
    }

    /// The size `size=WxH` (or the pair `w`, `h`) asks for: one of `SkyImageCache.Size.served`
    /// (1920x1080 when none is given), or 400 `invalid_size` naming the sizes served.
    static func size(_ query: Hummingbird.Parameters) throws -> SkyImageCache.Size {
        let served = SkyImageCache.Size.served
        let asked: String?
        switch (query.get("size"), query.get("w"), query.get("h")) {
        case (nil, nil, nil): return .standard
        case (let size?, nil, nil): asked = size
        case (nil, let w?, let h?): asked = "\(w)x\(h)"
        default: asked = nil
        }
        guard let asked, let size = served.first(where: { $0.description == asked }) else {
            throw APIError.badRequest(
                "invalid_size", "The size must be one of \(served.map(\.description).joined(separator: ", ")).")
        }
        return size
    }
}
