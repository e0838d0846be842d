import DumpEngine
import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /api/sky`, `GET /sky.png`, `GET /sky.webm`.
    func registerSkyRoutes(on table: RouteTable) {
        table.add(.get, "/api/sky") { request, _ in
            switch request.uri.queryParameters.get("scope") {
            case nil, "all":
                // X-Owner-Token is not read here: the public sky is the same for everyone.
                if let since = request.uri.queryParameters.get("since") {
                    return try Self.skyAnswer(try await skyLayouts.answer(since: since), request: request)
                }
                let snapshot = try await skyLayouts.current()
                let etag = snapshot.etag
                if let match = request.headers[.ifNoneMatch], FileResponder.matches(match, etag: etag) {
                    return Response(
                        status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache", .vary: "Accept-Encoding"])
                }
                guard Gzip.accepted(by: request), request.method != .head else {
                    return JSONBody.response(
                        buffer: snapshot.json, headers: [.eTag: etag, .cacheControl: "no-cache", .vary: "Accept-Encoding"])
                }
                return JSONBody.response(
                    buffer: try snapshot.gzip.gzip(),
                    headers: [
                        .eTag: Gzip.variantETag(etag), .cacheControl: "no-cache", .vary: "Accept-Encoding",
                        .contentEncoding: "gzip",
                    ])
            case "mine":
                let owner = try await owners.require(request)
                let json = try await mySkies.json(for: owner) { now in
                    let worries = try await store.liveWorries(owner: owner, now: now, limit: Self.myWorriesLimit).worries
                    return engine.layout(worries.map(SkyWorry.init), now: now).jsonBytes()
                }
                return JSONBody.response(bytes: json, headers: [.cacheControl: "private, no-store"])
            default:
                throw APIError.badRequest("invalid_scope", "scope must be \"all\" or \"mine\".")
            }
        }
        table.add(.get, "/sky.png") { request, _ in
            let size = try Self.skyPictureSize(request.uri.queryParameters)
            guard skies.isAvailable else { throw RendererUnavailable("sky images") }
            switch try await skyImages.png(size) {
            case .busy(let seconds):
                throw APIError(
                    .serviceUnavailable, code: "busy", message: "Many skies are being painted; retry shortly.",
                    headers: [.retryAfter: "\(seconds)"])
            case .image(let image):
                let maxAge = max(1, Int(configuration.skyCacheSeconds))
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "image/png", .cacheControl: "public, max-age=\(maxAge)",
                        .eTag: "\"skypng-\(size)-\(image.serial)\"",
                    ],
                    body: .init(byteBuffer: image.png))
            }
        }
        table.add(.get, "/sky.webm") { request, context in
            switch try await skyLoop.state() {
            case .ready(let url):
                let cacheControl = "public, max-age=\(max(1, Int(configuration.skyLoopMinimumInterval)))"
                if let response = try await files.response(
                    for: url, contentType: "video/webm", cacheControl: cacheControl, request: request, context: context)
                {
                    return response
                }
                throw APIError(
                    .serviceUnavailable, code: "sky_loop_missing", message: "The sky loop is being made again; retry shortly.",
                    headers: [.retryAfter: "5"])
            case .rendering(let seconds):
                return Self.notYet(retryAfter: seconds, status: "rendering")
            }
        }
    }

    /// The answer to a page that holds a sky (`?since=<version>`): the delta, small and sent as
    /// is (the compression middleware gzips it when it is worth it), or the whole sky with
    /// `full: true`, compressed once per sky.
    static func skyAnswer(_ answer: SkyAnswer, request: Request) throws -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store", .vary: "Accept-Encoding"]
        if case .full(let snapshot) = answer, Gzip.accepted(by: request), request.method != .head {
            headers[.contentEncoding] = "gzip"
            return JSONBody.response(buffer: try snapshot.versioned.gzip(), headers: headers)
        }
        return JSONBody.response(buffer: answer.body, headers: headers)
    }

    /// The size `size=WxH` (or the pair `w`, `h`) asks for: one of `SkyImageCache.Size.served`
    /// (1920x1080 when none is given), or 400 `invalid_size` naming the sizes served.
    static func skyPictureSize(_ query: Hummingbird.Parameters) throws -> SkyImageCache.Size {
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

    /// 202 with `Retry-After` and `{"status": ...}`: the thing exists but is still being made.
    static func notYet(retryAfter: Int, status: String) -> Response {
        JSONBody.response(
            ["status": status], status: .accepted,
            headers: [.retryAfter: "\(retryAfter)", .cacheControl: "no-store"])
    }
}
