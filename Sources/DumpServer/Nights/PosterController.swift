import DumpStore
import Foundation
import Hummingbird
import Logging

/// `GET /posters` (the archived nights, paged, newest first) and `GET /posters/{date}.png`.
struct PosterController: Sendable {
    /// Posters in one page of `GET /posters` unless `limit` says otherwise, and the most it may say.
    static let perPage = 30
    static let perPageMaximum = 100

    let store: any WorryStore
    let nights: NightArchiver
    let jobs: PosterJobs
    let skies: any SkyRendering
    let files: FileResponder
    let logger: Logger

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self)
            .get("/posters", use: list)
            .get("/posters/{date}.png", use: poster)
    }

    /// One page of nights, with the link to the next (older) page, null on the last.
    @Sendable func list(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let limit = try QueryLimit.parse(query.get("limit"), default: Self.perPage, maximum: Self.perPageMaximum)
        let before = query.get("before")
        if let before, !NightCalendar.isDateName(before) {
            throw APIError.badRequest("invalid_before", "before must be a date, YYYY-MM-DD.")
        }
        let nights = try await store.nights(before: before, limit: limit)
        let list = PosterList(
            posters: nights.map { PosterList.Poster(date: $0.date, worries: $0.worryCount, png: "/posters/\($0.date).png") },
            next: nights.count == limit ? nights.last.map { "/posters?before=\($0.date)&limit=\(limit)" } : nil)
        return JSONBody.response(list, headers: [.cacheControl: "public, max-age=60"])
    }

    /// A night's poster: this node's file, else the store's copy, else painted here once (a
    /// couple at a time; 503 busy beyond that).
    @Sendable func poster(_ request: Request, context: DumpRequestContext) async throws -> Response {
        guard let date = context.parameters.get("date"), NightCalendar.isDateName(date),
            let night = try await store.night(date: date)
        else { throw APIError.notFound("There is no poster for this date.") }
        let file = nights.posterURL(date: date)
        if !FileManager.default.fileExists(atPath: file.path), store.keepsClipFiles,
            let png = try await store.nightPoster(date: date)
        {
            // painted by the node that archived the night, kept in the store for every node
            try await Blocking.run { try png.write(to: file, options: .atomic) }
        }
        if let response = try await files.response(
            for: file, contentType: "image/png", cacheControl: "public, max-age=86400", request: request, context: context)
        {
            return response
        }
        // a night whose poster was never kept (its painting failed, or it was archived before
        // posters were kept in the store)
        guard skies.isAvailable else { throw RendererUnavailable("night posters") }
        guard await jobs.paint(night, with: nights, logger: logger) else {
            throw APIError(
                .serviceUnavailable, code: "busy", message: "Other posters are being painted; retry shortly.",
                headers: [.retryAfter: "30"])
        }
        return JSONBody.notYet(retryAfter: 10, status: "painting")
    }
}

/// `GET /posters`.
struct PosterList: Encodable {
    struct Poster: Encodable {
        var date: String
        var worries: Int
        var png: String
    }
    var posters: [Poster]
    /// The next page (older nights), or null on the last.
    var next: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(posters, forKey: .posters)
        try container.encode(next, forKey: .next)  // null, not absent, on the last page
    }

    private enum CodingKeys: String, CodingKey { case posters, next }
}
