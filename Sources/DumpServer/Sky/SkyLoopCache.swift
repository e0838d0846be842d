import DumpEngine
import Foundation
import Logging

/// The live sky as a seamless WebM loop in `<data>/sky/loop.webm`, rendered in the background
/// and again when the sky changed, at most every `minimumInterval` seconds.
///
/// Until the first loop exists, requests are told to come back (202 + Retry-After); after
/// that the last finished loop is served while a newer one renders.
actor SkyLoopCache {
    /// What `GET /sky.webm` can answer.
    enum State: Sendable {
        case ready(URL)
        case rendering(retryAfter: Int)
    }

    private let skies: any SkyRendering
    private let layouts: SkyLayoutCache
    private let clock: any WorryClock
    private let settings: ClipSettings
    private let minimumInterval: TimeInterval
    private let file: URL
    private let logger: Logger
    private var renderedSerial: Int?
    private var renderedAt: Date?
    private var rendering: Task<Void, Never>?
    private var lastAttempt: Date?

    /// Seconds an out-of-date loop may still be served while the next renders; the sweeper
    /// deletes loop files older than `ExpirySweeper.skyFileLife`.
    static let staleLimit: TimeInterval = 300

    init(
        skies: any SkyRendering, layouts: SkyLayoutCache, clock: any WorryClock, configuration: ServiceConfiguration,
        logger: Logger
    ) {
        self.skies = skies
        self.layouts = layouts
        self.clock = clock
        settings = configuration.clip
        minimumInterval = configuration.skyLoopMinimumInterval
        file = configuration.skyDirectory.appendingPathComponent("loop.webm")
        self.logger = logger
    }

    /// The loop to serve, starting a render when there is none or it is stale.
    func state() async throws -> State {
        guard skies.isAvailable else { throw RendererUnavailable("sky videos") }
        let now = clock.now()
        // Within the minimum interval no new loop would start: the one there is served as it
        // is, without asking for the whole sky.
        if rendering == nil, let renderedAt, now >= renderedAt, now.timeIntervalSince(renderedAt) < minimumInterval,
            now.timeIntervalSince(renderedAt) < Self.staleLimit, try await FileResponder.stat(file) != nil
        {
            return .ready(file)
        }
        let snapshot = try await layouts.current()
        if let existing = try await FileResponder.stat(file) {
            if renderedAt == nil { renderedAt = existing.modified }
        } else if rendering == nil {
            // pruned (see `ExpirySweeper`) or never made
            (renderedAt, renderedSerial) = (nil, nil)
        }
        let stale = renderedSerial != snapshot.serial
        let oldEnough = [renderedAt, lastAttempt].compactMap { $0 }.allSatisfy { now.timeIntervalSince($0) >= minimumInterval }
        if rendering == nil, stale, oldEnough {
            start(snapshot, now: now)
        }
        // an older loop while the new one renders, but never one long out of date (it may show
        // worries that have expired or been hidden since)
        if let renderedAt, !stale || now.timeIntervalSince(renderedAt) < Self.staleLimit { return .ready(file) }
        return .rendering(retryAfter: max(2, Int(settings.seconds * 2)))
    }

    private func start(_ snapshot: SkySnapshot, now: Date) {
        let (skies, settings, file, logger) = (self.skies, self.settings, self.file, self.logger)
        lastAttempt = now
        let partial = file.deletingLastPathComponent().appendingPathComponent(".loop.partial.webm")
        rendering = Task {
            do {
                try await Blocking.run {
                    try skies.loop(of: snapshot.layout, settings: settings, to: partial)
                    if rename(partial.path, file.path) != 0 {
                        throw CocoaError(.fileWriteUnknown)
                    }
                }
                self.finished(serial: snapshot.serial, at: now)
            } catch {
                try? FileManager.default.removeItem(at: partial)
                logger.error("sky loop render failed", metadata: ["error": "\(error.localizedDescription)"])
                self.failed()
            }
        }
    }

    private func finished(serial: Int, at date: Date) {
        renderedSerial = serial
        renderedAt = date
        rendering = nil
    }

    private func failed() {
        rendering = nil
    }
}
