import CoreMetrics
import DumpStore
import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// What a service or a render worker counts and times, as swift-metrics `Counter`s, `Timer`s
/// and `Gauge`s in its own Prometheus registry, written in Prometheus' text format by
/// `GET /metrics` (or a worker's `MetricsListener`).
///
/// Every series is registered at start (render counters for every format at 0), so a
/// dashboard finds each metric on any node before the first render. Labels hold only
/// formats, stages, operations, limits and route patterns: never an id, a text or an owner.
public final class ServiceMetrics: Sendable {
    /// The registry this instance's metrics live in.
    public let registry: PrometheusCollectorRegistry
    /// The clip formats render counters are labelled with.
    static let renderFormats = ClipFileFormat.allCases.filter { $0 != .png }
    /// The render stages timed by the service's own render queue.
    static let renderStages = ["render", "store"]
    /// The store calls the service times (`timeStore`).
    static let storeOperations = ["add_worry", "read_worry", "my_worries", "claim_job", "complete_job", "pending_jobs"]

    private let factory: DescribedPrometheusFactory
    private let started: [String: CoreMetrics.Counter]
    private let finished: [String: CoreMetrics.Counter]
    private let failed: [String: CoreMetrics.Counter]
    private let retried: [String: CoreMetrics.Counter]
    private let renderDuration: CoreMetrics.Timer
    private let postToReady: CoreMetrics.Timer
    private let leaseRescues: CoreMetrics.Counter
    private let rateLimited: [String: CoreMetrics.Counter]
    private let expiredSwept: CoreMetrics.Counter
    private let nightsArchived: CoreMetrics.Counter
    private let nightArchiveFailures: CoreMetrics.Counter
    private let skyLayout: CoreMetrics.Timer
    private let skyNodes: CoreMetrics.Gauge
    private let queueDepth: CoreMetrics.Gauge
    private let oldestPending: CoreMetrics.Gauge
    private let storageFull: CoreMetrics.Gauge
    private let liveWorries: CoreMetrics.Gauge
    private let safety: [String: CoreMetrics.Counter]
    private let masked: [String: CoreMetrics.Counter]
    private let posted = PostTimes()

    /// What trust & safety counts (`dumpit_safety_events_total{event}`): worries answered with
    /// care, refused, kept private for hate, reports filed, stars hidden by reports through
    /// the service, worries deleted by their writers (operators act through `dumpit moderate`,
    /// which prints what it did).
    public static let safetyEvents = ["care", "refused", "hate", "reported", "hidden", "deleted"]
    /// The kinds of personal data masked (`dumpit_masked_total{kind}`).
    public static let maskedKinds = ["phone", "email", "resident_number", "card", "link"]

    /// Registers every metric in `registry` (a new one unless given) and bootstraps the
    /// process's swift-metrics backend for the HTTP metrics.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        ProcessMetrics.bootstrap()
        self.registry = registry
        let factory = ProcessMetrics.factory(for: registry)
        self.factory = factory
        func byFormat(_ name: String) -> [String: CoreMetrics.Counter] {
            Dictionary(
                uniqueKeysWithValues: Self.renderFormats.map {
                    ($0.rawValue, CoreMetrics.Counter(label: name, dimensions: [("format", $0.rawValue)], factory: factory))
                })
        }
        started = byFormat("dumpit_renders_started_total")
        finished = byFormat("dumpit_renders_finished_total")
        failed = byFormat("dumpit_renders_failed_total")
        retried = byFormat("dumpit_renders_retried_total")
        renderDuration = CoreMetrics.Timer(label: "dumpit_render_duration_seconds", factory: factory)
        postToReady = CoreMetrics.Timer(label: "dumpit_post_to_ready_seconds", factory: factory)
        leaseRescues = CoreMetrics.Counter(label: "dumpit_render_lease_rescues_total", factory: factory)
        rateLimited = Dictionary(
            uniqueKeysWithValues: ["address", "address_day", "owner", "token"].map {
                ($0, CoreMetrics.Counter(label: "dumpit_rate_limited_total", dimensions: [("limit", $0)], factory: factory))
            })
        expiredSwept = CoreMetrics.Counter(label: "dumpit_expired_worries_swept_total", factory: factory)
        nightsArchived = CoreMetrics.Counter(label: "dumpit_nights_archived_total", factory: factory)
        nightArchiveFailures = CoreMetrics.Counter(label: "dumpit_night_archive_failures_total", factory: factory)
        skyLayout = CoreMetrics.Timer(label: "dumpit_sky_layout_seconds", factory: factory)
        skyNodes = CoreMetrics.Gauge(label: "dumpit_sky_nodes", factory: factory)
        queueDepth = CoreMetrics.Gauge(label: "dumpit_render_queue_depth", factory: factory)
        oldestPending = CoreMetrics.Gauge(label: "dumpit_render_queue_oldest_pending_seconds", factory: factory)
        storageFull = CoreMetrics.Gauge(label: "dumpit_storage_full", factory: factory)
        liveWorries = CoreMetrics.Gauge(label: "dumpit_live_worries", factory: factory)
        safety = Dictionary(
            uniqueKeysWithValues: Self.safetyEvents.map {
                ($0, CoreMetrics.Counter(label: "dumpit_safety_events_total", dimensions: [("event", $0)], factory: factory))
            })
        masked = Dictionary(
            uniqueKeysWithValues: Self.maskedKinds.map {
                ($0, CoreMetrics.Counter(label: "dumpit_masked_total", dimensions: [("kind", $0)], factory: factory))
            })
        for gauge in [skyNodes, queueDepth, oldestPending, storageFull, liveWorries] { gauge.record(0) }
        for stage in Self.renderStages { _ = stageTimer(stage) }
        for operation in Self.storeOperations { _ = storeTimer(operation) }
        for format in ClipFileFormat.allCases { _ = bytesServed(format) }
    }

    // MARK: renders

    /// Counts a render attempt of `format` that began.
    public func recordRenderStarted(format: ClipFileFormat = .mp4) {
        started[format.rawValue]?.increment()
    }

    /// Records one finished render attempt of `format` and how long it took: finished when it
    /// `succeeded`; otherwise retried when it goes back to the queue (`retrying`), failed when
    /// it was the last attempt.
    public func recordRender(seconds: Double, succeeded: Bool, format: ClipFileFormat = .mp4, retrying: Bool = false) {
        renderDuration.recordSeconds(seconds)
        if succeeded {
            finished[format.rawValue]?.increment()
        } else if retrying {
            retried[format.rawValue]?.increment()
        } else {
            failed[format.rawValue]?.increment()
        }
    }

    /// Times one stage of a render ("render": frames and encoders; "store": recording the
    /// result; a worker may add "frames", "encode_mp4", …).
    public func recordRenderStage(_ stage: String, seconds: Double) {
        stageTimer(stage).recordSeconds(seconds)
    }

    /// Records the time from a worry's post to its clip being ready.
    public func recordPostToReady(seconds: Double) {
        postToReady.recordSeconds(max(0, seconds))
    }

    /// Remembers when a post queued the clip `key` (in this process), for `recordClipReady`.
    public func notePosted(_ key: ClipKey) {
        posted.note(key)
    }

    /// Forgets the post time of `key`: its clip was ready before that post (same words).
    public func forgetPosted(_ key: ClipKey) {
        _ = posted.take(key)
    }

    /// The clip `key` is ready: records POST-to-ready if this process saw its post.
    @discardableResult
    public func recordClipReady(_ key: ClipKey) -> Bool {
        guard let seconds = posted.take(key) else { return false }
        recordPostToReady(seconds: seconds)
        return true
    }

    /// Counts render jobs whose lease ran out and that went back to the queue for another
    /// worker (`dumpit_render_lease_rescues_total`).
    public func recordLeaseRescues(_ n: Int) {
        if n > 0 { leaseRescues.increment(by: n) }
    }

    /// Sets the render queue's depth and the age of its oldest pending job, read at scrape time.
    public func recordRenderQueue(_ reading: RenderQueueReading) {
        queueDepth.record(reading.depth)
        oldestPending.record(reading.oldestPendingAge.map { max(0, $0.seconds) } ?? 0)
    }

    // MARK: requests, store, sky

    /// Counts a request refused by the limit `kind` ("owner" or "address").
    public func recordRateLimited(_ kind: String) {
        (rateLimited[kind]
            ?? CoreMetrics.Counter(label: "dumpit_rate_limited_total", dimensions: [("limit", kind)], factory: factory))
            .increment()
    }

    /// Runs one store call and records how long it took under `operation` (a fixed name such
    /// as "add_worry", never an id).
    public func timeStore<T>(_ operation: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer { storeTimer(operation).recordNanoseconds((ContinuousClock.now - start).nanoseconds) }
        return try await body()
    }

    /// Counts clip bytes sent in `format`.
    public func recordClipBytesServed(_ bytes: Int, format: ClipFileFormat) {
        if bytes > 0 { bytesServed(format).increment(by: bytes) }
    }

    /// Records one sky layout: how long it took and how many nodes it placed.
    public func recordSkyLayout(seconds: Double, nodes: Int) {
        skyLayout.recordSeconds(seconds)
        skyNodes.record(nodes)
    }

    /// Counts worries removed by the sweeper.
    public func recordSwept(_ count: Int) {
        if count > 0 { expiredSwept.increment(by: count) }
    }

    /// Counts one trust & safety event (one of `safetyEvents`; others are ignored).
    public func recordSafety(_ event: String) {
        safety[event]?.increment()
    }

    /// Counts the kinds of personal data masked in one worry.
    public func recordMasked(_ kinds: [String]) {
        for kind in kinds { masked[kind]?.increment() }
    }

    /// Counts an archived night.
    public func recordNightArchived() {
        nightsArchived.increment()
    }

    /// Counts a failed attempt at archiving a night (it is tried again).
    public func recordNightArchiveFailure() {
        nightArchiveFailures.increment()
    }

    // MARK: exposition

    /// The Prometheus text of every metric, after setting the gauges read at scrape time:
    /// the render queue, the worries in the last sky and whether the disk is full.
    public func prometheusText(queue: RenderQueueReading?, liveWorries live: Int?, storageFull full: Bool) -> String {
        if let queue { recordRenderQueue(queue) }
        if let live { liveWorries.record(live) }
        storageFull.record(full ? 1 : 0)
        return prometheusText()
    }

    /// The Prometheus text of this instance's metrics and of the process's swift-metrics
    /// registry (HTTP requests).
    public func prometheusText() -> String {
        var text = registry.emitToString()
        if registry !== ProcessMetrics.registry { text += ProcessMetrics.registry.emitToString() }
        return text
    }

    /// The `Content-Type` of `prometheusText()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The timer of render stage `stage` (registered on first use).
    private func stageTimer(_ stage: String) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: "dumpit_render_stage_seconds", dimensions: [("stage", stage)], factory: factory)
    }

    /// The timer of store operation `operation` (registered on first use).
    private func storeTimer(_ operation: String) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: "dumpit_store_query_seconds", dimensions: [("operation", operation)], factory: factory)
    }

    /// The bytes-served counter of `format`.
    private func bytesServed(_ format: ClipFileFormat) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: "dumpit_clip_bytes_served_total", dimensions: [("format", format.rawValue)], factory: factory)
    }
}

/// When this process saw posts queue clips, by clip key, for POST-to-ready; bounded, so keys
/// whose render happened elsewhere (another node's worker) cannot grow it without end.
private final class PostTimes: Sendable {
    private static let limit = 10_000
    private let times = NIOLockedValueBox([ClipKey: ContinuousClock.Instant]())

    /// Remembers now as the post time of `key`, unless an earlier post's is kept.
    func note(_ key: ClipKey) {
        times.withLockedValue { times in
            if times.count >= Self.limit, let oldest = times.min(by: { $0.value < $1.value }) {
                times.removeValue(forKey: oldest.key)
            }
            if times[key] == nil { times[key] = .now }
        }
    }

    /// Seconds since the post of `key`, forgetting it; nil if none was noted.
    func take(_ key: ClipKey) -> Double? {
        times.withLockedValue { $0.removeValue(forKey: key) }.map { (ContinuousClock.now - $0).seconds }
    }
}

extension Duration {
    /// The duration in seconds as a double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
