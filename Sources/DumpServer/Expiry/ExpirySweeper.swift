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
    private let ttl: TimeInterval

    init(configuration: ServiceConfiguration, store: any WorryStore, clock: any WorryClock,
         logger: Logger, metrics: ServiceMetrics) {
        self.store = store
        self.clock = clock
        directory = ClipDirectory(url: configuration.clipsDirectory)
        interval = min(max(configuration.sweepInterval, 0.05), 60)
        self.logger = logger
        self.metrics = metrics
        ttl = configuration.ttl
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
        let swept = try await store.deleteExpired(now: now)
        let ids = swept.worries
        try await Blocking.run {
            for key in swept.clips { directory.delete(key) }
        }
        if store.keepsClipFiles {
            // Local copies of clips this node did not sweep itself (another node did): gone
            // once older than a worry's life, which no clip outlives.
            let ttl = self.ttl
            try await Blocking.run {
                directory.pruneCopies(olderThan: ttl + 60, now: now)
            }
        }
        if !ids.isEmpty {
            metrics.recordSwept(ids.count)
            logger.info("swept expired worries", metadata: ["count": "\(ids.count)"])
        }
        return ids
    }
}
