import DumpStore
import Foundation

/// The render queue as the store sees it at one moment: jobs waiting or running, and how long
/// the oldest pending one has waited.
public struct RenderQueueReading: Sendable, Equatable {
    /// Clip render jobs pending or running.
    public var depth: Int
    /// How long the oldest pending job has waited; nil when none waits or the store cannot tell.
    public var oldestPendingAge: Duration?

    /// A reading of `depth` jobs, the oldest waiting `oldestPendingAge`.
    public init(depth: Int, oldestPendingAge: Duration? = nil) {
        self.depth = depth
        self.oldestPendingAge = oldestPendingAge
    }
}

/// Reads the render queue when `/metrics` is scraped (two cheap store queries), so the gauges
/// are as fresh as the scrape and no timer polls the store.
public struct RenderQueueProbe: Sendable {
    /// Reads the queue now.
    public let read: @Sendable () async throws -> RenderQueueReading

    /// A probe that calls `read`.
    public init(read: @escaping @Sendable () async throws -> RenderQueueReading) {
        self.read = read
    }

    /// The probe of `store`: its pending job count and the age of its oldest queued job, in one
    /// query (`WorryStore.renderBacklog`).
    public static func store(_ store: any WorryStore, clock: any WorryClock, metrics: ServiceMetrics) -> RenderQueueProbe {
        RenderQueueProbe {
            let now = clock.now()
            let backlog = try await metrics.timeStore("render_backlog") { try await store.renderBacklog(now: now) }
            return RenderQueueReading(
                depth: backlog.pending,
                oldestPendingAge: backlog.oldestQueuedSeconds > 0 ? .milliseconds(Int64(backlog.oldestQueuedSeconds * 1000)) : nil
            )
        }
    }
}
