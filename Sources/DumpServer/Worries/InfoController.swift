import DumpDoor
import DumpStore
import Foundation
import Hummingbird

/// What the page reads about the service: `GET /api/stats` (the counter) and
/// `GET /api/limits` (what the door admits).
struct InfoController: Sendable {
    let store: any WorryStore
    /// Largest request body accepted.
    let maxBodyBytes: Int

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self)
            .get("/api/stats") { _, _ in
                JSONBody.response(try await store.stats(), headers: [.cacheControl: "no-cache"])
            }
            .get("/api/limits") { _, _ in
                // the door's rule, served: the page counts against this number, not a copy of it
                JSONBody.response(
                    Limits(text: .init(maxCharacters: Door.maxGraphemes), bodyBytes: maxBodyBytes),
                    headers: [.cacheControl: "public, max-age=3600"])
            }
    }
}

/// `GET /api/limits`: what the door admits, for the page's counter.
struct Limits: Encodable {
    struct Text: Encodable {
        /// Most characters a worry may have, counted as grapheme clusters after cleaning.
        var maxCharacters: Int
    }

    var text: Text
    /// Largest request body accepted.
    var bodyBytes: Int
}
