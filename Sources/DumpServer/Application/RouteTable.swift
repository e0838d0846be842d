import Hummingbird

/// One route of the service: method and path pattern as Hummingbird reads it (`/w/{id}`).
public struct RouteDescription: Hashable, Sendable, CustomStringConvertible {
    /// The method, "GET" or "POST".
    public var method: String
    /// The path pattern with `{name}` captures.
    public var path: String

    public var description: String { "\(method) \(path)" }
}

/// Registers routes on the router and remembers them, so that other methods on a known path
/// answer 405 with `Allow`, and tests can check every route is documented.
final class RouteTable {
    typealias Handler = @Sendable (Request, DumpRequestContext) async throws -> Response

    let router: Router<DumpRequestContext>
    /// Every route added so far, in order.
    private(set) var routes: [RouteDescription] = []

    init(router: Router<DumpRequestContext>) {
        self.router = router
    }

    /// Adds `handler` for `method` on `path`.
    func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        routes.append(RouteDescription(method: method.rawValue, path: path))
        router.on(RouterPath(path), method: method, use: handler)
    }

    /// Makes the methods that a known path does not serve (OPTIONS, TRACE and QUERY too) answer
    /// 405 with `Allow` instead of 404.
    /// HEAD is left to Hummingbird wherever GET exists.
    func addMethodNotAllowed() {
        var methodsByPath: [String: Set<String>] = [:]
        var order: [String] = []
        for route in routes {
            if methodsByPath[route.path] == nil { order.append(route.path) }
            methodsByPath[route.path, default: []].insert(route.method)
        }
        let candidates: [HTTPRequest.Method] =
            [.get, .head, .post, .put, .patch, .delete, .options, .trace]
            + [HTTPRequest.Method("QUERY")].compactMap { $0 }
        for path in order {
            let served = methodsByPath[path] ?? []
            var allowed = served
            if served.contains("GET") { allowed.insert("HEAD") }
            let allow = allowed.sorted().joined(separator: ", ")
            for method in candidates where !allowed.contains(method.rawValue) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw APIError(
                        .methodNotAllowed, code: "method_not_allowed",
                        message: "\(request.method.rawValue) is not allowed here; use \(allow).",
                        headers: [.allow: allow])
                }
            }
        }
    }
}
