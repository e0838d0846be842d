import DumpStore
import Foundation
import Logging
import ServiceLifecycle

/// A process that only renders: the render queue of `dumpit worker`, with no HTTP site.
///
/// It claims clips from the shared store, renders them, stores the files (in the database
/// with PostgreSQL, in `--data/clips` with SQLite), and rescues jobs whose renderer died. It
/// stops gracefully on SIGTERM or SIGINT: no new claim, the render under way is finished.
public struct RenderWorker: Sendable {
    let queue: RenderQueue
    let logger: Logger
    let listener: MetricsListener?

    /// A worker rendering with `configuration.renderWorkers` threads; with `metricsPort`, its
    /// metrics and health on `http://metricsHost:metricsPort/metrics` and `/healthz`.
    public init(
        configuration: ServiceConfiguration, store: any WorryStore, clips: any ClipRendering, logger: Logger,
        metricsHost: String = "127.0.0.1", metricsPort: Int? = nil
    ) {
        let metrics = ServiceMetrics()
        let storage = StorageHealth(
            probe: StorageHealth.freeSpace(under: configuration.dataDirectory),
            minimumFreeBytes: configuration.minimumFreeBytes)
        queue = RenderQueue(
            configuration: configuration, store: store, clips: clips, clock: SystemWorryClock(), logger: logger,
            metrics: metrics, storage: storage)
        self.logger = logger
        listener = metricsPort.map { port in
            MetricsListener(
                host: metricsHost, port: port, metrics: metrics,
                queue: .store(store, clock: SystemWorryClock(), metrics: metrics), logger: logger,
                health: { (try? await store.revision()) != nil },
                onRunning: { port in logger.info("worker metrics listening", metadata: ["port": "\(port)"]) })
        }
        try? FileManager.default.createDirectory(at: configuration.clipsDirectory, withIntermediateDirectories: true)
    }

    /// This worker's id in job rows and logs.
    public var workerID: String { queue.workerID }

    /// Renders until SIGTERM or SIGINT.
    public func run() async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: queue)] + (listener.map { [.init(service: $0)] } ?? []),
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
