import Hummingbird

/// Counts requests by route pattern, method and status, and sums their durations.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = DumpRequestContext

    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            metrics.recordRequest(
                route: context.endpointPath ?? "NotFound", method: request.method.rawValue,
                status: status, duration: ContinuousClock.now - start)
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
