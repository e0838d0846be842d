import Hummingbird

/// One route of the service: method and path pattern as Hummingbird reads it (`/w/{id}`).
public struct RouteDescription: Hashable, Sendable, CustomStringConvertible {
    /// The method, "GET" or "POST".
    public var method: String
    /// The path pattern with `{name}` captures.
    public var path: String

    public var description: String { "\(method) \(path)" }
}

/// The router, as the controllers add their routes to it: it remembers every route, so that
/// other methods on a known path answer 405 with `Allow`, and tests can check every route is
/// documented. Each controller hands it a `RouteCollection` (`table.addRoutes(controller.endpoints)`).
final class RouteTable: RouterMethods {
    typealias Context = DumpRequestContext

    let router: Router<DumpRequestContext>
    /// Every route added so far, in order.
    private(set) var routes: [RouteDescription] = []

    init(router: Router<DumpRequestContext>) {
        self.router = router
    }

    @discardableResult
    func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == DumpRequestContext {
        routes.append(RouteDescription(method: method.rawValue, path: path.description))
        router.on(path, method: method, responder: responder)
        return self
    }

    /// Middleware belongs on the router (`ServiceAssembly`), before any route.
    @discardableResult
    func add(middleware: any MiddlewareProtocol<Request, Response, DumpRequestContext>) -> Self {
        router.add(middleware: middleware)
        return self
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
