import DumpStore
import Foundation
import HTTPTypes
import Hummingbird

/// The pages: `GET /` (the dump box and the sky), `GET /sky` (the sky alone),
/// `GET /assets/**`, `GET /w/{id}` (a worry's share page) and `GET /safety`.
struct PageController: Sendable {
    let web: WebAssets
    let files: FileResponder
    let store: any WorryStore
    let clock: any WorryClock
    let origin: SiteOrigin
    /// The clips' size, for the share page's video and its cards.
    let clip: ClipSettings
    /// Who to write to (`--contact`), on the safety page.
    let contact: String

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self)
            .get("/") { request, context in
                try await asset(web.file(named: "index.html"), request: request, context: context)
            }
            .get("/sky") { request, context in
                try await asset(web.file(named: "sky.html"), request: request, context: context)
            }
            .get("/assets/**") { request, context in
                guard let file = web.file(for: context.parameters.getCatchAll()) else {
                    throw APIError.notFound("There is no such file.")
                }
                return try await asset(file, request: request, context: context)
            }
            .get("/w/{id}", use: share)
            .get("/safety") { request, _ in
                let page = SafetyPage(contact: contact, language: .init(acceptLanguage: request.headers[.acceptLanguage]))
                return Self.html(page.html(), status: .ok)
            }
    }

    /// A file of the page, revalidated on every load (`no-cache` + ETag) so updates show at once.
    func asset(_ file: URL, request: Request, context: DumpRequestContext) async throws -> Response {
        guard
            let response = try await files.response(
                for: file, contentType: WebAssets.contentType(for: file), cacheControl: "no-cache",
                request: request, context: context)
        else { throw APIError.notFound("There is no such file.") }
        return response
    }

    /// The share page; a gentle HTML page (404/410) when the worry is unknown or gone.
    @Sendable func share(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let page = SharePage(
            origin: origin.of(request), clip: clip, language: .init(acceptLanguage: request.headers[.acceptLanguage]))
        guard let text = context.parameters.get("id"), let id = WorryID(text) else {
            return Self.html(page.gone(found: false), status: .notFound)
        }
        let (worry, status) = (try await store.worry(id: id), try await store.clipStatus(worryID: id))
        guard let worry else {
            // Taken back by its writer: gone, like an expired worry, until it would have expired.
            let deleted = try await store.wasDeleted(id: id, now: clock.now())
            return Self.html(page.gone(found: deleted), status: deleted ? .gone : .notFound)
        }
        // Kept to its writer by the door, or its star hidden: not a public page, and nothing
        // tells it apart from an unknown id.
        guard worry.visibility == .public else { return Self.html(page.gone(found: false), status: .notFound) }
        guard !worry.isExpired(at: clock.now()) else { return Self.html(page.gone(found: true), status: .gone) }
        return Self.html(page.live(worry, status: status ?? .queued), status: .ok)
    }

    /// An HTML page with its own Content-Security-Policy, in the visitor's language.
    static func html(_ page: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .vary: "Accept-Language",
                .contentSecurityPolicy: SharePage.contentSecurityPolicy,
            ],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
