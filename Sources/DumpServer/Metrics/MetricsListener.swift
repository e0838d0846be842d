import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A tiny HTTP listener on a private port: answers `GET /metrics` and `GET /healthz`, nothing
/// else — for a process without the web service (a `dumpit worker`), and for a web node
/// started with `--metrics-port`, whose public port then has no `/metrics`.
///
/// A ServiceLifecycle `Service`: add it to the worker's service group, and it stops with the
/// group's graceful shutdown. Off unless the worker is given a metrics port.
public struct MetricsListener: Service {
    /// Answers whether the process is healthy, for `/healthz` (503 when not).
    public typealias HealthCheck = @Sendable () async -> Bool

    let host: String
    let port: Int
    let metrics: ServiceMetrics
    let queue: RenderQueueProbe?
    let health: HealthCheck
    let logger: Logger
    let onRunning: @Sendable (Int) async -> Void
    /// The exposition of a web node (its own gauges); nil: `metrics` with the `queue` probe.
    let text: (@Sendable () async throws -> String)?

    /// A listener on `host:port` (port 0: any free port, told to `onRunning`) serving
    /// `metrics`; with a `queue` probe, the render queue gauges are read at each scrape.
    public init(
        host: String = "127.0.0.1", port: Int, metrics: ServiceMetrics, queue: RenderQueueProbe? = nil,
        logger: Logger, health: @escaping HealthCheck = { true },
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        text: (@Sendable () async throws -> String)? = nil
    ) {
        self.text = text
        self.host = host
        self.port = port
        self.metrics = metrics
        self.queue = queue
        self.health = health
        self.logger = logger
        self.onRunning = onRunning
    }

    /// Listens until graceful shutdown or cancellation.
    public func run() async throws {
        try await application().run()
    }

    /// The Hummingbird app behind `run()` (tests drive it with `app.test(.router)`).
    func application() -> some ApplicationProtocol {
        let (onRunning, logger, host, port) = (self.onRunning, self.logger, self.host, self.port)
        return Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "DumpIt"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                logger.info("metrics listener running", metadata: ["host": "\(host)", "port": "\(bound)"])
                await onRunning(bound)
            },
            logger: logger)
    }

    private func router() -> Router<BasicRequestContext> {
        let (metrics, queue, health, logger, text) = (self.metrics, self.queue, self.health, self.logger, self.text)
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            if let text {
                return Response(
                    status: .ok, headers: [.contentType: ServiceMetrics.contentType, .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: try await text())))
            }
            if let queue {
                do {
                    metrics.recordRenderQueue(try await queue.read())
                } catch {
                    logger.warning("could not read the render queue", metadata: ["error": "\(error.localizedDescription)"])
                }
            }
            return Response(
                status: .ok, headers: [.contentType: ServiceMetrics.contentType, .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
        }
        router.get("/healthz") { _, _ -> Response in
            guard await health() else {
                return APIError(.serviceUnavailable, code: "unhealthy", message: "This worker is not healthy; see its log.")
                    .response()
            }
            return JSONBody.response(["status": "ok"], headers: [.cacheControl: "no-store"])
        }
        return router
    }
}
