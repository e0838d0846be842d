import DumpEngine
import DumpStore
import Foundation
import Hummingbird

/// `GET /api/sky`: the live sky as JSON, whole or as a delta (`?since=`), or the writer's own
/// (`?scope=mine`).
struct SkyController: Sendable {
    let layouts: SkyLayoutCache
    let mySkies: MySkyCache
    let store: any WorryStore
    let owners: OwnerCredential
    let engine: SkyEngine
    let live: LiveSkyFeed

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self).get("/api/sky", use: sky).get("/api/sky/region", use: region)
    }

    /// Most stars a region answers with, and how many when `limit` is not given.
    static let regionLimit = 1_000
    static let regionDefault = 600

    /// `GET /api/sky/region?x0=&y0=&x1=&y1=[&limit=]`: the faint stars beyond the view resting
    /// in a box of the sky (0...1 each way), brightest first, for a page zoomed in on it.
    /// Bounded work (`LiveSky.region`), whatever the sky's or the box's size.
    @Sendable func region(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let box = try Self.box(request.uri.queryParameters)
        let limit = try QueryLimit.parse(
            request.uri.queryParameters.get("limit"), default: Self.regionDefault, maximum: Self.regionLimit)
        let snapshot = try await layouts.served()
        let live = self.live
        let region = try await Blocking.run { live.region(box, limit: limit) }
        let bytes = region.jsonBytes(fields: [("revision", String(snapshot.revision))])
        return JSONBody.response(bytes: bytes, headers: [.cacheControl: "no-store"])
    }

    /// The box with corners (`x0`, `y0`) and (`x1`, `y1`): numbers from 0 to 1, in either order.
    static func box(_ query: Parameters) throws -> SkyLabelBox {
        func value(_ name: String) throws -> Double {
            guard let text = query.get(name) else {
                throw APIError.badRequest("invalid_region", "\(name) is required: x0, y0, x1 and y1 are numbers from 0 to 1.")
            }
            guard text.utf8.count <= 64, let number = Double(text), number.isFinite, number >= 0, number <= 1 else {
                throw APIError.badRequest("invalid_region", "\(name) must be a number from 0 to 1.")
            }
            return number
        }
        // Two corners, in either order; a box of no width holds the stars on its line.
        let (x0, y0, x1, y1) = (try value("x0"), try value("y0"), try value("x1"), try value("y1"))
        return SkyLabelBox(minX: min(x0, x1), minY: min(y0, y1), maxX: max(x0, x1), maxY: max(y0, y1))
    }

    @Sendable func sky(_ request: Request, context: DumpRequestContext) async throws -> Response {
        switch request.uri.queryParameters.get("scope") {
        case nil, "all":
            // X-Owner-Token is not read here: the public sky is the same for everyone.
            if let since = request.uri.queryParameters.get("since") {
                var answer = try await layouts.answer(since: since)
                if case .full(let snapshot) = answer { answer = .full(try await snapshot.withJSON()) }
                return try Self.answer(answer, request: request)
            }
            return try Self.whole(try await layouts.served().withJSON(), request: request)
        case "mine":
            return try await mine(request)
        default:
            throw APIError.badRequest("invalid_scope", "scope must be \"all\" or \"mine\".")
        }
    }

    /// The writer's own sky: their newest live worries laid out alone, cached per revision.
    private func mine(_ request: Request) async throws -> Response {
        let owner = try await owners.require(request)
        let (store, engine) = (store, engine)
        let json = try await mySkies.json(for: owner) { now in
            let worries = try await store.liveWorries(owner: owner, now: now, limit: WorryController.myWorriesLimit).worries
            return engine.layout(worries.map(SkyWorry.init), now: now).jsonBytes()
        }
        return JSONBody.response(bytes: json, headers: [.cacheControl: "private, no-store"])
    }

    /// The whole sky, revalidated by its ETag (304), gzipped once per sky when accepted.
    static func whole(_ snapshot: SkySnapshot, request: Request) throws -> Response {
        let etag = snapshot.etag
        if let match = request.headers[.ifNoneMatch], FileResponder.matches(match, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache", .vary: "Accept-Encoding"])
        }
        guard Gzip.accepted(by: request), request.method != .head else {
            return JSONBody.response(
                buffer: snapshot.json, headers: [.eTag: etag, .cacheControl: "no-cache", .vary: "Accept-Encoding"])
        }
        return JSONBody.response(
            buffer: try snapshot.gzip.gzip(),
            headers: [
                .eTag: Gzip.variantETag(etag), .cacheControl: "no-cache", .vary: "Accept-Encoding", .contentEncoding: "gzip",
            ])
    }

    /// The answer to a page that holds a sky (`?since=<version>`): the delta, small and sent as
    /// is (the compression middleware gzips it when it is worth it), or the whole sky with
    /// `full: true`, compressed once per sky.
    static func answer(_ answer: SkyAnswer, request: Request) throws -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store", .vary: "Accept-Encoding"]
        if case .full(let snapshot) = answer, Gzip.accepted(by: request), request.method != .head {
            headers[.contentEncoding] = "gzip"
            return JSONBody.response(buffer: try snapshot.versioned.gzip(), headers: headers)
        }
        return JSONBody.response(buffer: answer.body, headers: headers)
    }
}
