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
    /// What the sweep also clears: caches of things made from worries.
    private let caches: [any ForgetsOldCopies]
    private let store: any WorryStore
    private let clock: any WorryClock
    private let directory: ClipDirectory
    private let skyDirectory: URL
    private let interval: TimeInterval
    private let logger: Logger
    private let metrics: ServiceMetrics

    init(
        configuration: ServiceConfiguration, store: any WorryStore, clock: any WorryClock,
        logger: Logger, metrics: ServiceMetrics, caches: [any ForgetsOldCopies] = []
    ) {
        self.caches = caches
        self.store = store
        self.clock = clock
        directory = ClipDirectory(url: configuration.clipsDirectory)
        skyDirectory = configuration.skyDirectory
        interval = min(max(configuration.sweepInterval, 0.05), 60)
        self.logger = logger
        self.metrics = metrics
    }

    /// Seconds a node's copy of a clip file the store keeps is kept.
    static let copyLife: TimeInterval = 600
    /// Seconds a sky loop file is kept.
    static let skyFileLife: TimeInterval = 900

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
        let skyDirectory = self.skyDirectory
        try await Blocking.run {
            if store.keepsClipFiles {
                // Local copies of clip files the store keeps: fetched again when asked for, so
                // kept only a few minutes; none outlives its worry by more than that, whichever
                // node swept it.
                directory.pruneCopies(olderThan: Self.copyLife, now: now)
            }
            // The sky loop shows the worries of when it was made: made again when asked for.
            ClipDirectory.pruneFiles(in: skyDirectory, olderThan: Self.skyFileLife, now: now)
        }
        for cache in caches { await cache.forgetOldCopies(now: now) }
        if !ids.isEmpty {
            metrics.recordSwept(ids.count)
            logger.info("swept expired worries", metadata: ["count": "\(ids.count)"])
        }
        return ids
    }
}

/// A cache of things made from worries (skies, pictures), which must not keep them long after
/// the sky changed: an expired, deleted or hidden worry leaves memory within minutes.
protocol ForgetsOldCopies: Sendable {
    /// Drops what is older than the cache's own limit at `now`.
    func forgetOldCopies(now: Date) async
}
