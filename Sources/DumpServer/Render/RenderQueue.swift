import DumpEngine
import DumpStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import ServiceLifecycle

/// Renders queued clips with a fixed number of workers, each on its own thread, from the
/// store's durable job rows — in `dumpit serve` and in `dumpit worker` alike.
///
/// The rules of mature database queues: a worker claims one job under a lease and renders it
/// outside any transaction; a heartbeat extends the lease while it renders; completion and
/// failure are fenced on the attempt number, so a worker that lost its lease cannot overwrite
/// a newer attempt; failures are retried with exponential backoff and jitter, and failures that
/// can pass (a full disk, an unreachable or busy database) do not use up an attempt. A rescuer
/// in every process puts jobs whose lease ran out (a worker killed mid-render) back in the
/// queue; nothing is "re-queued at start-up", because other processes may be rendering.
///
/// Workers wake when this process queued a job (`announce()`), when the store signals one
/// (PostgreSQL NOTIFY), or every `renderPollInterval`. On graceful shutdown they take no new
/// job; a render in progress is finished and recorded.
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
    private let lease: TimeInterval
    private let backoff: RetryBackoff
    /// Names this process in the job rows it holds (host, process id and a random part).
    let workerID: String
    private let wakeups: [(stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)]
    private let stopping = NIOLockedValueBox(false)
    private let storage: StorageHealth
    /// Progress of this process's renders and the measured render time.
    let progress: RenderProgress

    init(
        configuration: ServiceConfiguration, store: any WorryStore, clips: any ClipRendering,
        clock: any WorryClock, logger: Logger, metrics: ServiceMetrics, storage: StorageHealth
    ) {
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
        lease = max(1, configuration.renderLease)
        backoff = configuration.renderBackoff
        workerID = Self.makeWorkerID()
        wakeups = (0..<max(0, configuration.renderWorkers)).map { _ in
            AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }
    }

    /// `host:pid:random` — enough for an operator to find the process holding a job.
    static func makeWorkerID() -> String {
        let random = String(UInt32.random(in: .min ... .max), radix: 36)
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(random)"
    }

    /// Wakes idle workers: a job was just queued.
    func announce() {
        for wakeup in wakeups { wakeup.continuation.yield() }
    }

    /// Runs the rescuer, and the workers if this process renders, until graceful shutdown.
    func run() async throws {
        let rescuer = Task { await self.rescueLoop() }
        defer { rescuer.cancel() }
        guard !wakeups.isEmpty, clips.isAvailable else {
            if !clips.isAvailable {
                logger.warning("No clip renderer in this build: clips stay pending until one is configured.")
            }
            try? await gracefulShutdown()
            return
        }
        let pool = NIOThreadPool(numberOfThreads: wakeups.count)
        pool.start()
        let ticker = Task { [pollInterval] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(pollInterval))
                self.announce()
            }
        }
        let signals = store.jobSignals()
        let listener = Task {
            guard let signals else { return }
            for await _ in signals { self.announce() }
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
        listener.cancel()
        try? await pool.shutdownGracefully()
    }

    /// Every few seconds, puts back jobs whose lease ended (any process's).
    private func rescueLoop() async {
        let interval = min(5, max(0.2, lease / 3))
        while !Task.isCancelled {
            do {
                let rescued = try await store.rescueExpiredLeases(now: clock.now(), maxAttempts: maxAttempts)
                if rescued > 0 {
                    metrics.recordLeaseRescues(rescued)
                    logger.warning("rescued render jobs whose lease ended", metadata: ["count": "\(rescued)"])
                    announce()
                }
            } catch {
                logger.debug("lease rescue skipped", metadata: ["error": "\(error.localizedDescription)"])
            }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// Whether graceful shutdown has begun (no new job is claimed).
    var isStopping: Bool { stopping.withLockedValue { $0 } }

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
        do {
            let (store, workerID, lease, now) = (self.store, self.workerID, self.lease, clock.now())
            return try await metrics.timeStore("claim_job") {
                try await store.claimRenderJob(worker: workerID, now: now, lease: lease)
            }
        } catch {
            logger.error("could not claim a render job", metadata: ["error": "\(error.localizedDescription)"])
            return nil
        }
    }

    /// Metadata of a job's log lines: a hash of its key, its attempt, this worker; never the text.
    private func jobMetadata(_ job: RenderJob) -> Logger.Metadata {
        ["clip": "\(job.key.rawValue.prefix(12))", "attempt": "\(job.attempts)", "worker": "\(workerID)"]
    }

    /// Renders one job on the worker pool under a heartbeat — a clip's post-time formats
    /// (MP4 + thumbnail), or one version made later — stores the files, and records the
    /// outcome, fenced on the attempt.
    private func render(_ job: RenderJob, pool: NIOThreadPool) async {
        guard job.version.isEmpty else { return await renderVersion(job, pool: pool) }
        let key = job.key
        let (clips, directory, settings, progress) = (self.clips, self.directory, self.settings, self.progress)
        let start = ContinuousClock.now
        progress.started(key)
        metrics.recordRenderStarted(format: .mp4)
        defer { progress.finished(key) }
        let heartbeat = Task { await self.keepLease(job) }
        defer { heartbeat.cancel() }
        do {
            try await pool.runIfActive {
                BackgroundPriority.lowerThisThread()
                let staging = try directory.prepareStaging(for: key, attempt: job.attempts)
                try clips.renderClip(
                    text: job.text, seed: key.seed, settings: settings, outputs: staging,
                    progress: { progress.update(key, fraction: $0) })
            }
            let seconds = (ContinuousClock.now - start).seconds
            metrics.recordRenderStage("render", seconds: seconds)
            progress.measured(seconds: seconds)
            heartbeat.cancel()
            let (store, now) = (self.store, clock.now())
            let stored: Bool
            if store.keepsClipFiles {
                let files = try await Blocking.run { try directory.stagedFiles(for: key, attempt: job.attempts) }
                stored = try await metrics.timeStore("complete_job") {
                    try await store.completeRenderJob(job, files: files, now: now)
                }
                directory.discardStaging(key, attempt: job.attempts)
            } else {
                try await Blocking.run { try directory.publish(key, attempt: job.attempts) }
                stored = try await metrics.timeStore("complete_job") {
                    try await store.completeRenderJob(job, files: [], now: now)
                }
            }
            metrics.recordRenderStage("store", seconds: (ContinuousClock.now - start).seconds - seconds)
            metrics.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: true, format: .mp4)
            if stored, !metrics.recordClipReady(key) {
                // posted through another process (a worker, or another node): time it from when
                // the store says the job became due
                metrics.recordPostToReady(seconds: now.timeIntervalSince(job.dueAt))
            }
            if !stored {
                logger.warning("a finished render was not the current attempt any more; dropped", metadata: jobMetadata(job))
            }
        } catch {
            directory.discardStaging(key, attempt: job.attempts)
            await recordFailure(of: job, error: error, seconds: (ContinuousClock.now - start).seconds)
        }
    }

    /// Renders version `job.version` of clip `job.base` (the WebM, the vertical story) from the
    /// clip's own text and seed, so it matches the clip frame for frame; stores the file beside
    /// the clip's (in the database with PostgreSQL, in the clip's folder with SQLite).
    private func renderVersion(_ job: RenderJob, pool: NIOThreadPool) async {
        let (key, base) = (job.key, job.base)
        let start = ContinuousClock.now
        guard let format = ClipFileFormat(version: job.version) else {
            return await recordFailure(
                of: job, error: UnknownClipVersion(version: job.version), seconds: 0, format: .mp4)
        }
        let (clips, directory, progress) = (self.clips, self.directory, self.progress)
        let settings = format.settings(from: self.settings)
        progress.started(key)
        metrics.recordRenderStarted(format: format)
        defer { progress.finished(key) }
        let heartbeat = Task { await self.keepLease(job) }
        defer { heartbeat.cancel() }
        let partial = directory.partialFile(for: base, format: format, attempt: job.attempts)
        defer { try? FileManager.default.removeItem(at: partial) }
        do {
            try await pool.runIfActive {
                BackgroundPriority.lowerThisThread()
                try FileManager.default.createDirectory(at: directory.folder(for: base), withIntermediateDirectories: true)
                let outputs = format == .webm ? ClipOutputs(webm: partial) : ClipOutputs(mp4: partial)
                try clips.renderClip(
                    text: job.text, seed: base.seed, settings: settings, outputs: outputs,
                    progress: { progress.update(key, fraction: $0) })
            }
            heartbeat.cancel()
            let (store, now) = (self.store, clock.now())
            let stored: Bool
            if store.keepsClipFiles {
                let data = try await Blocking.run { try directory.writtenData(partial) }
                let file = ClipFile(name: format.fileName, data: data)
                stored = try await metrics.timeStore("complete_job") {
                    try await store.completeRenderJob(job, files: [file], now: now)
                }
            } else {
                try await Blocking.run { try directory.publish(base, format: format, from: partial) }
                stored = try await metrics.timeStore("complete_job") {
                    try await store.completeRenderJob(job, files: [], now: now)
                }
            }
            metrics.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: true, format: format)
            if !stored {
                logger.warning("a finished render was not the current attempt any more; dropped", metadata: jobMetadata(job))
            }
        } catch {
            await recordFailure(of: job, error: error, seconds: (ContinuousClock.now - start).seconds, format: format)
        }
    }

    /// Extends the lease of `job` every third of it until cancelled.
    private func keepLease(_ job: RenderJob) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(lease / 3))
            guard !Task.isCancelled else { return }
            do {
                if try await !store.extendLease(job, until: clock.now().addingTimeInterval(lease)) {
                    logger.warning("lost the lease of a render job", metadata: jobMetadata(job))
                    return
                }
            } catch {
                logger.warning("could not extend a render lease", metadata: ["error": "\(error.localizedDescription)"])
            }
        }
    }

    /// Records a failed attempt: transient failures (full disk, database unreachable or busy)
    /// come back after the backoff without using up an attempt; others count.
    private func recordFailure(of job: RenderJob, error: any Error, seconds: Double, format: ClipFileFormat = .mp4) async {
        let diskFull = StorageHealth.isDiskFull(error)
        if diskFull { storage.noteFull() }
        let transient = diskFull || ((error as? StoreError)?.isTransient ?? false)
        metrics.recordRender(
            seconds: seconds, succeeded: false, format: format, retrying: transient || job.attempts < maxAttempts)
        let reason = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        var metadata = jobMetadata(job)
        metadata["error"] = "\(reason)"
        metadata["transient"] = "\(transient)"
        logger.warning("clip render failed", metadata: metadata)
        let now = clock.now()
        let retryAt = now.addingTimeInterval(backoff.delay(afterAttempt: job.attempts))
        do {
            _ = try await store.failRenderJob(
                job, error: reason, transient: transient, maxAttempts: maxAttempts, retryAt: retryAt, now: now)
        } catch {
            // The lease runs out and the rescuer puts the job back.
            logger.error("could not record a render failure", metadata: ["error": "\(error.localizedDescription)"])
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

/// A job asks for a version of a clip this build does not know how to make.
struct UnknownClipVersion: Error, LocalizedError {
    var version: String
    var errorDescription: String? { "This build cannot make the clip version \"\(version)\"." }
}
