import DumpStore
import Foundation
import Hummingbird

/// This node's metrics in the Prometheus text format, the render queue read at the scrape.
struct MetricsText: Sendable {
    let metrics: ServiceMetrics
    let renderQueue: RenderQueueProbe
    let layouts: SkyLayoutCache
    let storage: StorageHealth

    func read() async throws -> String {
        let queue = try await renderQueue.read()
        let live = await layouts.latest?.worryCount
        return metrics.prometheusText(queue: queue, liveWorries: live, storageFull: storage.isFull())
    }
}

/// For operators and load balancers: `GET /healthz`, `GET /metrics` (unless it has a private
/// port, `--metrics-port`) and `GET /openapi.yaml`.
struct OpsController: Sendable {
    let store: any WorryStore
    let storage: StorageHealth
    /// Nil when the metrics have a private port (`MetricsListener`), not a public route.
    let metrics: MetricsText?
    let files: FileResponder
    /// Where `openapi.yaml` is installed.
    let assetsDirectory: URL

    var endpoints: RouteCollection<DumpRequestContext> {
        let routes = RouteCollection(context: DumpRequestContext.self).get("/healthz", use: health)
        if let metrics {
            routes.get("/metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: ServiceMetrics.contentType, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: try await metrics.read())))
            }
        }
        return routes.get("/openapi.yaml") { request, context in
            guard
                let response = try await files.response(
                    for: assetsDirectory.appendingPathComponent("openapi.yaml"),
                    contentType: "application/yaml; charset=utf-8", cacheControl: "no-cache", request: request,
                    context: context)
            else { throw APIError.notFound("This server has no OpenAPI description installed.") }
            return response
        }
    }

    /// 200 `{"status": "ok"}`; 503 when the store does not answer or the disk is full (a load
    /// balancer takes the node out).
    @Sendable func health(_ request: Request, context: DumpRequestContext) async throws -> Response {
        do {
            _ = try await store.revision()
        } catch {
            throw APIError(.serviceUnavailable, code: "store_unavailable", message: "The worry store does not answer.")
        }
        guard !storage.isFull() else {
            // degraded: the body is the error shape plus the reasons
            let full = StorageHealth.fullError()
            return JSONBody.response(
                Degraded(error: .init(code: full.code, message: full.message), reasons: [full.code]),
                status: .serviceUnavailable, headers: [.cacheControl: "no-store", .retryAfter: "60"])
        }
        return JSONBody.response(["status": "ok"], headers: [.cacheControl: "no-store"])
    }
}

/// `/healthz` of a degraded node: `{"error": {...}, "status": "degraded", "reasons": [...]}`.
struct Degraded: Encodable {
    var error: APIError.ErrorEnvelope.Body
    var status = "degraded"
    var reasons: [String]
}
