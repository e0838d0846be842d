import DumpEngine
import DumpStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import ServiceLifecycle

/// Renders pending clips with a fixed number of workers, each on its own thread, from the
/// store's durable job rows.
///
/// At start, jobs a previous process left running go back to pending. Workers wake when a
/// worry is posted (`announce()`), or every `renderPollInterval` for jobs nobody announced.
/// On graceful shutdown they take no new job; a render in progress is finished and recorded,
/// and jobs never claimed stay pending for the next start.
final class RenderQueue: Service, Sendable {
    private let store: any WorryStore
    private let clips: any ClipRendering
    private let clock: any WorryClock
    private let logger: Logger
    private let metrics: ServiceMetrics
    private let directory: ClipDirectory
    private let settings: ClipSettings
    private let maxAttempts: Int
    private let pollInterval: TimeInterval
    private let wakeups: [(stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)]
    private let stopping = NIOLockedValueBox(false)
    private let storage: StorageHealth

    init(configuration: ServiceConfiguration, store: any WorryStore, clips: any ClipRendering,
         clock: any WorryClock, logger: Logger, metrics: ServiceMetrics, storage: StorageHealth) {
        self.store = store
        self.storage = storage
        self.clips = clips
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        directory = ClipDirectory(url: configuration.clipsDirectory)
        settings = configuration.clip
        maxAttempts = max(1, configuration.renderMaxAttempts)
        pollInterval = max(0.05, configuration.renderPollInterval)
        wakeups = (0..<max(0, configuration.renderWorkers)).map { _ in
            AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }
    }

    /// Wakes idle workers: a job was just queued.
    func announce() {
        for wakeup in wakeups { wakeup.continuation.yield() }
    }

    /// Runs the workers until graceful shutdown.
    func run() async throws {
        guard !wakeups.isEmpty, clips.isAvailable else {
            if !clips.isAvailable {
                logger.warning("No clip renderer in this build: clips stay pending until one is configured.")
            }
            try? await gracefulShutdown()
            return
        }
        let store = self.store
        let requeued = try await Blocking.run { try store.requeueInterruptedJobs() }
        if requeued > 0 { logger.info("requeued interrupted render jobs", metadata: ["count": "\(requeued)"]) }

        let pool = NIOThreadPool(numberOfThreads: wakeups.count)
        pool.start()
        let ticker = Task { [pollInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(pollInterval))
                self.announce()
            }
        }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for wakeup in wakeups {
                    group.addTask { await self.work(wakeup.stream, pool: pool) }
                }
            }
        } onGracefulShutdown: {
            self.stopping.withLockedValue { $0 = true }
            for wakeup in self.wakeups { wakeup.continuation.finish() }
        }
        ticker.cancel()
        try? await pool.shutdownGracefully()
    }

    private var isStopping: Bool { stopping.withLockedValue { $0 } }

    /// One worker: render every claimable job, then sleep until woken.
    private func work(_ wakeups: AsyncStream<Void>, pool: NIOThreadPool) async {
        var iterator = wakeups.makeAsyncIterator()
        repeat {
            while !isStopping, let job = await claim() {
                await render(job, pool: pool)
            }
        } while await iterator.next() != nil && !isStopping
    }

    private func claim() async -> RenderJob? {
        let store = self.store
        let now = clock.now()
        do {
            return try await Blocking.run { try store.claimRenderJob(now: now) }
        } catch {
            logger.error("could not claim a render job", metadata: ["error": "\(error.localizedDescription)"])
            return nil
        }
    }

    /// Renders one job on the worker pool and records the outcome.
    private func render(_ job: RenderJob, pool: NIOThreadPool) async {
        let id = job.worryID
        let seed = Self.seed(for: id)
        let (clips, directory, settings, store) = (self.clips, self.directory, self.settings, self.store)
        let start = ContinuousClock.now
        do {
            try await pool.runIfActive {
                let staging = try directory.prepareStaging(for: id)
                try clips.renderClip(text: job.text, seed: seed, settings: settings, into: staging)
                try directory.publish(id)
            }
            metrics.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: true)
            let now = clock.now()
            let stillThere = try await Blocking.run {
                try store.completeRenderJob(worryID: id, now: now)
                return try store.worry(id: id) != nil
            }
            if !stillThere { directory.delete(id) }
        } catch {
            directory.discardStaging(id)
            if StorageHealth.isDiskFull(error) { storage.noteFull() }
            metrics.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: false)
            let reason = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
            logger.warning(
                "clip render failed",
                metadata: ["attempt": "\(job.attempts)", "error": "\(reason)"])
            let (now, maxAttempts) = (clock.now(), self.maxAttempts)
            do {
                try await Blocking.run {
                    try store.failRenderJob(worryID: id, error: reason, maxAttempts: maxAttempts, now: now)
                }
            } catch {
                logger.error("could not record a render failure", metadata: ["error": "\(error.localizedDescription)"])
            }
        }
    }

    /// The render seed of a worry's clip: a stable hash of its id, so a re-render after a
    /// crash gives the same bytes.
    static func seed(for id: WorryID) -> UInt64 {
        stableHash(id.rawValue)
    }
}
