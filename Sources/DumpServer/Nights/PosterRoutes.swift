import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// Posters in one page of `GET /posters` unless `limit` says otherwise, and the most it may say.
    static let postersPerPage = 30
    static let postersPerPageMaximum = 100

    /// A `limit` query value: absent gives `default`; otherwise a whole number from 1 to
    /// `maximum`, or 400 `invalid_limit`.
    static func pageLimit(_ text: String?, default value: Int, maximum: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), (1...maximum).contains(number), String(number) == text else {
            throw APIError.badRequest("invalid_limit", "limit must be a whole number from 1 to \(maximum).")
        }
        return number
    }

    /// `GET /posters` (paged, newest first), `GET /posters/{date}.png`.
    func registerPosterRoutes(on table: RouteTable) {
        table.add(.get, "/posters") { request, _ in
            let query = request.uri.queryParameters
            let limit = try Self.pageLimit(query.get("limit"), default: Self.postersPerPage, maximum: Self.postersPerPageMaximum)
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
        table.add(.get, "/posters/{date}.png") { request, context in
            guard let date = context.parameters.get("date"), NightCalendar.isDateName(date) else {
                throw APIError.notFound("There is no poster for this date.")
            }
            guard let night = try await store.night(date: date) else {
                throw APIError.notFound("There is no poster for this date.")
            }
            let file = nights.posterURL(date: date)
            if !FileManager.default.fileExists(atPath: file.path), store.keepsClipFiles,
                let png = try await store.nightPoster(date: date)
            {
                // painted by the node that archived the night, kept in the store for every node
                try await Blocking.run { try png.write(to: file, options: .atomic) }
            }
            if let response = try await files.response(
                for: file, contentType: "image/png",
                cacheControl: "public, max-age=86400", request: request, context: context)
            {
                return response
            }
            // a night whose poster was never kept (its painting failed, or it was archived
            // before posters were kept in the store): painted here once, a couple at a time
            guard skies.isAvailable else { throw RendererUnavailable("night posters") }
            guard await posterJobs.paint(night, with: nights, logger: logger) else {
                throw APIError(
                    .serviceUnavailable, code: "busy", message: "Other posters are being painted; retry shortly.",
                    headers: [.retryAfter: "30"])
            }
            return Self.notYet(retryAfter: 10, status: "painting")
        }
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
