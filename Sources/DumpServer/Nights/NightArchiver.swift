import DumpEngine
import DumpStore
import Foundation
import Logging
import ServiceLifecycle

/// At each local midnight, keeps the day that just ended: its worries' sky, made anonymous
/// (`ArchivedSky`: no texts, no ids, stars re-placed), saved as a `Night`, and painted as a
/// poster PNG in `<data>/posters/<date>.png`.
///
/// At start it archives the previous day if that was missed (the server was down at midnight).
final class NightArchiver: Service, Sendable {
    private let store: any WorryStore
    private let skies: any SkyRendering
    private let clock: any WorryClock
    private let logger: Logger
    private let metrics: ServiceMetrics
    private let calendar: NightCalendar
    private let engine: SkyEngine
    private let postersDirectory: URL
    private let posterSize: (width: Int, height: Int)
    private let gate: AsyncGate
    private let ttl: TimeInterval
    /// Waits between attempts at a night that failed.
    let retryBackoff: RetryBackoff

    init(
        configuration: ServiceConfiguration, store: any WorryStore, skies: any SkyRendering,
        clock: any WorryClock, logger: Logger, metrics: ServiceMetrics, gate: AsyncGate
    ) {
        self.store = store
        self.skies = skies
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        calendar = NightCalendar(timeZone: configuration.timeZone)
        engine = SkyEngine(seed: configuration.skySeed)
        postersDirectory = configuration.postersDirectory
        posterSize = (configuration.posterWidth, configuration.posterHeight)
        self.gate = gate
        ttl = configuration.ttl
        retryBackoff = configuration.nightRetryBackoff
    }

    /// Archives missed and finished days until graceful shutdown.
    func run() async throws {
        let yesterday = calendar.dayBefore(clock.now())
        await archiveLogged(yesterday.start, onlyIfMissing: true)
        while !Task.isShuttingDownGracefully {
            let midnight = calendar.nextMidnight(after: clock.now())
            // Sleep in steps of at most a minute, so a clock that jumps is noticed soon.
            let wait = min(max(midnight.timeIntervalSince(clock.now()), 0.05), 60)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return
            }
            if clock.now() >= midnight {
                // every node of a fleet wakes at midnight; the store lets one of them archive
                await archiveLogged(calendar.dayBefore(midnight.addingTimeInterval(1)).start, onlyIfMissing: true)
            }
        }
    }

    /// Archives the day containing `day`, trying again after a failure (a database blip, a
    /// node restarting) with growing waits, until it is archived — by this process or another —
    /// or the day's worries are gone. Archiving is idempotent: a night saved twice is one night.
    func archiveLogged(_ day: Date, onlyIfMissing: Bool) async {
        let date = calendar.name(of: calendar.day(containing: day).start)
        var attempt = 0
        while !Task.isShuttingDownGracefully {
            let night: Night?
            do {
                night = try await archive(dayContaining: day, onlyIfMissing: onlyIfMissing)
            } catch {
                attempt += 1
                metrics.recordNightArchiveFailure()
                // let this process, or another, try again at once when the wait is over
                try? await store.releaseNightArchive(date: date)
                let wait = retryBackoff.delay(afterAttempt: attempt)
                logger.error(
                    "archiving a night failed; trying again",
                    metadata: [
                        "date": "\(date)", "attempt": "\(attempt)", "retry_in_s": "\(Int(wait.rounded(.up)))",
                        "error": "\(error.localizedDescription)",
                    ])
                // after the day's last worry is gone there is nothing left to archive
                guard clock.now() < calendar.day(containing: day).end.addingTimeInterval(ttl) else { return }
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
                } catch {
                    return
                }
                continue
            }
            guard let night else { return }
            do {
                try await paintPoster(for: night)
            } catch let error as RendererUnavailable {
                logger.info("night archived without a poster", metadata: ["reason": "\(error.localizedDescription)"])
            } catch {
                // the night is kept; its poster is painted when first asked for
                logger.error("painting a night's poster failed", metadata: ["error": "\(error.localizedDescription)"])
            }
            return
        }
    }

    /// Saves the anonymous sky of the local day containing `day`; nil when that day had no
    /// worries. With `onlyIfMissing`, only when no process archived it yet and this one wins
    /// the claim to (nil otherwise): one node of a fleet archives each night.
    @discardableResult
    func archive(dayContaining day: Date, onlyIfMissing: Bool = false) async throws -> Night? {
        let (store, engine, now) = (self.store, self.engine, clock.now())
        let (start, end) = calendar.day(containing: day)
        let date = calendar.name(of: start)
        if onlyIfMissing, try await !store.claimNightArchive(date: date, now: now, seconds: 600) { return nil }
        let worries = try await store.worries(createdFrom: start, to: end)
        guard !worries.isEmpty else { return nil }
        // who wrote what never leaves the store: only a key per person, to count how many
        // people share a constellation's word (its name goes on the poster from five)
        let owners = try await store.nightOwnerKeys(createdFrom: start, to: end)
        let skyJSON = try await Blocking.run {
            let layout = engine.layout(
                worries.map { SkyWorry(id: $0.id.rawValue, text: $0.text, createdAt: $0.createdAt, owner: owners[$0.id]) },
                now: end)
            return try SkyLayout.jsonEncoder().encode(ArchivedSky(layout: layout))
        }
        let night = Night(date: date, worryCount: worries.count, skyJSON: skyJSON, archivedAt: now)
        try await store.saveNight(night)
        metrics.recordNightArchived()
        logger.info("night archived", metadata: ["date": "\(night.date)", "worries": "\(night.worryCount)"])
        return night
    }

    /// Where the poster of `date` is kept.
    func posterURL(date: String) -> URL {
        postersDirectory.appendingPathComponent("\(date).png")
    }

    /// Paints the poster of `night` and writes it atomically; a store
    /// that keeps files (PostgreSQL) keeps it too, so every node serves this one.
    func paintPoster(for night: Night) async throws {
        let (skies, url, size) = (self.skies, posterURL(date: night.date), posterSize)
        let png = try await gate.run {
            try await Blocking.run {
                let sky = try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: night.skyJSON)
                let png = try skies.poster(of: sky, date: night.date, width: size.width, height: size.height)
                try png.write(to: url, options: .atomic)
                return png
            }
        }
        if store.keepsClipFiles { try await store.saveNightPoster(date: night.date, png: png) }
    }
}
