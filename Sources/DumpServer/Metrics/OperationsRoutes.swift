import DumpStore
import Foundation
import Hummingbird

extension SiteRoutes {
    /// This node's metrics in the Prometheus text format, the render queue read at the scrape.
    func metricsText() async throws -> String {
        let queue = try await renderQueueProbe.read()
        let live = await skyLayouts.latest?.worryCount
        return metrics.prometheusText(queue: queue, liveWorries: live, storageFull: storage.isFull())
    }

    /// `GET /healthz`, `GET /metrics` (unless it has a private port), `GET /openapi.yaml`.
    func registerOperationsRoutes(on table: RouteTable) {
        table.add(.get, "/healthz") { _, _ in
            do {
                _ = try await store.revision()
            } catch {
                throw APIError(.serviceUnavailable, code: "store_unavailable", message: "The worry store does not answer.")
            }
            guard !storage.isFull() else {
                // degraded: a load balancer takes the node out; the body is the error shape plus the reasons
                let full = StorageHealth.fullError()
                return JSONBody.response(
                    Degraded(error: .init(code: full.code, message: full.message), reasons: [full.code]),
                    status: .serviceUnavailable, headers: [.cacheControl: "no-store", .retryAfter: "60"])
            }
            return JSONBody.response(["status": "ok"], headers: [.cacheControl: "no-store"])
        }
        if configuration.metricsPort == nil {
            // with --metrics-port, only the private listener has it (`ServiceAssembly`)
            table.add(.get, "/metrics") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: ServiceMetrics.contentType, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: try await metricsText())))
            }
        }
        table.add(.get, "/openapi.yaml") { request, context in
            let file = configuration.assetsDirectory.appendingPathComponent("openapi.yaml")
            guard
                let response = try await files.response(
                    for: file, contentType: "application/yaml; charset=utf-8", cacheControl: "no-cache",
                    request: request, context: context)
            else { throw APIError.notFound("This server has no OpenAPI description installed.") }
            return response
        }
    }
}

/// `/healthz` of a degraded node: `{"error": {...}, "status": "degraded", "reasons": [...]}`.
struct Degraded: Encodable {
    var error: APIError.ErrorEnvelope.Body
    var status = "degraded"
    var reasons: [String]
}
