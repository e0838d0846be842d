import DumpStore
import Foundation
import HTTPTypes
import Hummingbird

extension SiteRoutes {
    /// `GET /`, `GET /sky`, `GET /assets/**`, `GET /w/{id}`, `GET /safety`.
    func registerPageRoutes(on table: RouteTable) {
        table.add(.get, "/") { request, context in
            try await asset(web.file(named: "index.html"), request: request, context: context)
        }
        table.add(.get, "/sky") { request, context in
            try await asset(web.file(named: "sky.html"), request: request, context: context)
        }
        table.add(.get, "/assets/**") { request, context in
            guard let file = web.file(for: context.parameters.getCatchAll()) else {
                throw APIError.notFound("There is no such file.")
            }
            return try await asset(file, request: request, context: context)
        }
        table.add(.get, "/w/{id}") { request, context in
            try await sharePage(request, context: context)
        }
        table.add(.get, "/safety") { request, _ in
            let page = SafetyPage(
                contact: configuration.contact, language: .init(acceptLanguage: request.headers[.acceptLanguage]))
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
    func sharePage(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let page = SharePage(
            origin: origin(of: request), clip: configuration.clip,
            language: .init(acceptLanguage: request.headers[.acceptLanguage]))
        guard let text = context.parameters.get("id"), let id = WorryID(text) else {
            return Self.html(page.gone(found: false), status: .notFound)
        }
        let (worry, status) = (try await store.worry(id: id), try await store.clipStatus(worryID: id))
        guard let worry else {
            // Taken back by its writer: gone, like an expired worry, until it would have expired.
            if try await store.wasDeleted(id: id, now: clock.now()) {
                return Self.html(page.gone(found: true), status: .gone)
            }
            return Self.html(page.gone(found: false), status: .notFound)
        }
        // Kept to its writer by the door, or its star hidden: not a public page, and nothing
        // tells it apart from an unknown id.
        guard worry.visibility == .public else { return Self.html(page.gone(found: false), status: .notFound) }
        guard !worry.isExpired(at: clock.now()) else { return Self.html(page.gone(found: true), status: .gone) }
        return Self.html(page.live(worry, status: status ?? .queued), status: .ok)
    }

    /// The site's origin for absolute links: configured (`--public-url`), or from the request's
    /// `Host` and, behind a trusted proxy, its `X-Forwarded-Proto`.
    func origin(of request: Request) -> String {
        if let configured = configuration.publicBaseURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let host = request.head.authority ?? "localhost"
        let safe = host.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-:[]".unicodeScalars.contains(scalar))
        }
        // Behind a trusted proxy (`--trust-proxy`), the scheme the visitor used.
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.split(separator: ",").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        let scheme = configuration.trustProxy && forwarded == "https" ? "https" : "http"
        return scheme + "://" + (safe && !host.isEmpty ? host : "localhost")
    }

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
