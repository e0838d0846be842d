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

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self).get("/api/sky", use: sky)
    }

    @Sendable func sky(_ request: Request, context: DumpRequestContext) async throws -> Response {
        switch request.uri.queryParameters.get("scope") {
        case nil, "all":
            // X-Owner-Token is not read here: the public sky is the same for everyone.
            if let since = request.uri.queryParameters.get("since") {
                return try Self.answer(try await layouts.answer(since: since), request: request)
            }
            return try Self.whole(try await layouts.served(), request: request)
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
