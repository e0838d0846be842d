import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// `GET /posters`, `GET /posters/{date}.png`.
    func registerPosterRoutes(on table: RouteTable) {
        table.add(.get, "/posters") { _, _ in
            let nights = try await store.nights()
            let list = PosterList(posters: nights.map {
                PosterList.Poster(date: $0.date, worries: $0.worryCount, png: "/posters/\($0.date).png")
            })
            return JSONBody.response(list, headers: [.cacheControl: "public, max-age=60"])
        }
        table.add(.get, "/posters/{date}.png") { request, context in
            guard let date = context.parameters.get("date"), NightCalendar.isDateName(date) else {
                throw APIError.notFound("There is no poster for this date.")
            }
            guard let night = try await store.night(date: date) else {
                throw APIError.notFound("There is no poster for this date.")
            }
            if let response = try await files.response(
                for: nights.posterURL(date: date), contentType: "image/png",
                cacheControl: "public, max-age=86400", request: request, context: context)
            {
                return response
            }
            guard skies.isAvailable else { throw RendererUnavailable("night posters") }
            await posterJobs.paint(night, with: nights, logger: logger)
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
}
