import HTTPTypes
import Hummingbird

/// Adds headers every response should carry: no MIME sniffing, no referrer leaking worry ids,
/// and a Content-Security-Policy on every HTML page that has not set its own.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = DumpRequestContext

    /// The policy of the page and `/sky`: scripts, styles, images, media and requests from this
    /// origin only; no inline script, no plugins, no framing, no `<base>` tricks. (The share
    /// page sets its own, see `PageController.html`.)
    static let pagePolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "media-src 'self' blob:", "connect-src 'self'", "font-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name("Referrer-Policy"), response.headers[name] == nil {
            response.headers[name] = "same-origin"
        }
        if response.headers[.contentSecurityPolicy] == nil,
            response.headers[.contentType]?.lowercased().hasPrefix("text/html") == true
        {
            response.headers[.contentSecurityPolicy] = Self.pagePolicy
        }
        return response
    }
}
