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
    /// Progress of this process's renders and the measured render time.
    let progress: RenderProgress

    init(configuration: ServiceConfiguration, store: any WorryStore, clips: any ClipRendering,
         clock: any WorryClock, logger: Logger, metrics: ServiceMetrics, storage: StorageHealth) {
        self.store = store
        self.storage = storage
        // until a render is measured: about a second per 50 frames of 720p
        progress = RenderProgress(guess: max(1, Double(configuration.clip.frameCount) / 50))
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
            return try await metrics.timeStore("claim_job") { try await Blocking.run { try store.claimRenderJob(now: now) } }
        } catch {
            logger.error("could not claim a render job", metadata: ["error": "\(error.localizedDescription)"])
            return nil
        }
    }

    /// Renders one clip's post-time formats (MP4 + thumbnail) on the worker pool and records
    /// the outcome.
    private func render(_ job: RenderJob, pool: NIOThreadPool) async {
        let key = job.key
        let (clips, directory, settings, store, progress) = (self.clips, self.directory, self.settings, self.store, self.progress)
        let start = ContinuousClock.now
        progress.started(key)
        metrics.recordRenderStarted(format: .mp4)
        defer { progress.finished(key) }
        do {
            try await pool.runIfActive {
                let staging = try directory.prepareStaging(for: key)
                try clips.renderClip(
                    text: job.text, seed: key.seed, settings: settings, outputs: staging,
                    progress: { progress.update(key, fraction: $0) })
                try directory.publish(key)
            }
            let seconds = (ContinuousClock.now - start).seconds
            metrics.recordRenderStage("render", seconds: seconds)
            progress.measured(seconds: seconds)
            let now = clock.now()
            try await metrics.timeStore("complete_job") { try await Blocking.run { try store.completeRenderJob(key: key, now: now) } }
            metrics.recordRenderStage("store", seconds: (ContinuousClock.now - start).seconds - seconds)
            metrics.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: true, format: .mp4)
            metrics.recordClipReady(key)
        } catch {
            directory.discardStaging(key)
            if StorageHealth.isDiskFull(error) { storage.noteFull() }
            metrics.recordRender(
                seconds: (ContinuousClock.now - start).seconds, succeeded: false, format: .mp4,
                retrying: job.attempts < maxAttempts)
            let reason = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
            logger.warning(
                "clip render failed",
                metadata: ["attempt": "\(job.attempts)", "error": "\(reason)"])
            let (now, maxAttempts) = (clock.now(), self.maxAttempts)
            do {
                try await Blocking.run {
                    try store.failRenderJob(key: key, error: reason, maxAttempts: maxAttempts, now: now)
                }
            } catch {
                logger.error("could not record a render failure", metadata: ["error": "\(error.localizedDescription)"])
            }
        }
    }

    /// Seconds until a clip in `state` is ready, estimated from the measured render time: the
    /// rest of its own render, or the renders queued before it shared among the workers.
    func estimatedWait(for state: ClipState) -> Int? {
        let average = progress.averageSeconds
        switch state.status {
        case .ready, .failed:
            return nil
        case .rendering:
            return max(1, Int((average * (1 - (progress.fraction(of: state.key) ?? 0))).rounded(.up)))
        case .queued:
            let workers = Double(max(1, wakeups.count))
            let rounds = (Double(state.queuedAhead) / workers).rounded(.down) + 1
            return max(1, Int((average * rounds).rounded(.up)))
        }
    }

    /// How far the render of `key` is (0…1), if this process is rendering it.
    func fraction(of key: ClipKey) -> Double? {
        progress.fraction(of: key)
    }
}

/// Progress of the renders under way in this process, and the measured time of a render.
final class RenderProgress: Sendable {
    private struct State {
        var fractions: [ClipKey: Double] = [:]
        var averageSeconds: Double
    }

    private let state: NIOLockedValueBox<State>

    /// `guess`: the render time assumed until one is measured.
    init(guess: Double) {
        state = NIOLockedValueBox(State(averageSeconds: guess))
    }

    func started(_ key: ClipKey) { state.withLockedValue { $0.fractions[key] = 0 } }
    func update(_ key: ClipKey, fraction: Double) { state.withLockedValue { $0.fractions[key] = fraction } }
    func finished(_ key: ClipKey) { state.withLockedValue { _ = $0.fractions.removeValue(forKey: key) } }
    func fraction(of key: ClipKey) -> Double? { state.withLockedValue { $0.fractions[key] } }

    /// Folds a measured render time into the average (exponentially weighted, recent renders
    /// count most).
    func measured(seconds: Double) {
        state.withLockedValue { $0.averageSeconds = 0.7 * $0.averageSeconds + 0.3 * seconds }
    }

    var averageSeconds: Double { state.withLockedValue { $0.averageSeconds } }
}
