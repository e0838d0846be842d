import HTTPTypes
import Hummingbird

/// Adds headers every response should carry: no MIME sniffing, no referrer leaking worry ids.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = DumpRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name("Referrer-Policy"), response.headers[name] == nil {
            response.headers[name] = "same-origin"
        }
        return response
    }
}
