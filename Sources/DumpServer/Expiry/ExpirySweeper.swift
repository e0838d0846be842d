import DumpStore
import Foundation
import Logging
import ServiceLifecycle

/// Every `sweepInterval` seconds (at most a minute), deletes the worries that have expired
/// and then their clip files.
///
/// Reads already hide expired worries (the store filters by `expiresAt > now`); sweeping
/// frees the space and takes the words off the disk.
final class ExpirySweeper: Service, Sendable {
    private let store: any WorryStore
    private let clock: any WorryClock
    private let directory: ClipDirectory
    private let interval: TimeInterval
    private let logger: Logger
    private let metrics: ServiceMetrics

    init(configuration: ServiceConfiguration, store: any WorryStore, clock: any WorryClock,
         logger: Logger, metrics: ServiceMetrics) {
        self.store = store
        self.clock = clock
        directory = ClipDirectory(url: configuration.clipsDirectory)
        interval = min(max(configuration.sweepInterval, 0.05), 60)
        self.logger = logger
        self.metrics = metrics
    }

    /// Sweeps, then sleeps, until graceful shutdown.
    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await sweep()
            } catch {
                logger.error("expiry sweep failed", metadata: ["error": "\(error.localizedDescription)"])
            }
            do {
                try await cancelWhenGracefulShutdown { [interval] in
                    try await Task.sleep(for: .seconds(interval))
                }
            } catch {
                return
            }
        }
    }

    /// Deletes the worries expired now, and the files of clips no live worry shows any more;
    /// returns the worries' ids.
    @discardableResult
    func sweep() async throws -> [WorryID] {
        let (store, now, directory) = (self.store, clock.now(), self.directory)
        let ids = try await Blocking.run {
            let swept = try store.deleteExpired(now: now)
            for key in swept.clips { directory.delete(key) }
            return swept.worries
        }
        if !ids.isEmpty {
            metrics.recordSwept(ids.count)
            logger.info("swept expired worries", metadata: ["count": "\(ids.count)"])
        }
        return ids
    }
}
