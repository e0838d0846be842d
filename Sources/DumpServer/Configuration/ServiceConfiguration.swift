import DumpStore
import Foundation

/// Everything the HTTP service needs to know, built once by the CLI (or by a test) and passed
/// down; nothing below the executable reads environment variables.
public struct ServiceConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    /// Port to listen on (0 picks a free one).
    public var port: Int
    /// Folder for clips, posters and the rendered sky loop (`clips/`, `posters/`, `sky/`).
    public var dataDirectory: URL
    /// Folder holding `web/` (the page) and `openapi.yaml`.
    public var assetsDirectory: URL
    /// How long a worry lives, in seconds.
    public var ttl: TimeInterval
    /// Clip render workers in this process; 0 renders nothing (clips stay pending).
    public var renderWorkers: Int
    /// Worries one owner token may post per minute; 0 turns the limit off.
    public var rateLimitPerOwner: Int
    /// Worries one client address may post per minute; 0 turns the limit off.
    public var rateLimitPerAddress: Int
    /// The zone whose midnight closes a night for the poster archive.
    public var timeZone: TimeZone
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// Seconds a connection may stay idle, or take to send a request head, before it is closed.
    public var idleTimeout: TimeInterval
    /// Seconds a client has to send a request body once its head arrived (408 after that).
    public var bodyTimeout: TimeInterval
    /// Below this many free bytes on the data folder's disk, new worries are refused (507
    /// `storage_full`) and `/healthz` says the node is degraded.
    public var minimumFreeBytes: Int64
    /// Size and length of worry clips.
    public var clip: ClipSettings
    /// A rendered sky image is served for at most this many seconds before it is painted again.
    public var skyCacheSeconds: TimeInterval
    /// The sky loop video is rendered again at most this often, in seconds.
    public var skyLoopMinimumInterval: TimeInterval
    /// Seed of the live sky: star positions and colours derive from it, so it stays fixed.
    public var skySeed: UInt64
    /// The brightest stars the page's view of the sky holds (`--sky-view-stars`): beyond
    /// them, a page zoomed in loads the faint stars of what it shows (`GET /api/sky/region`).
    public var skyViewStars = ServiceConfiguration.defaultSkyViewStars
    /// 2,000: about 200 KB gzipped, what a phone draws smoothly.
    public static let defaultSkyViewStars = 2_000
    /// Seconds between two sweeps of expired worries (at most 60).
    public var sweepInterval: TimeInterval
    /// How often idle render workers look for jobs that no POST announced (another process,
    /// a retry), in seconds.
    public var renderPollInterval: TimeInterval
    /// Attempts before a clip render is given up (failures that can pass do not count).
    public var renderMaxAttempts: Int
    /// Seconds a claimed render job is held without a heartbeat; after that a rescuer gives it
    /// to another worker. Heartbeats extend it every third of it.
    public var renderLease: TimeInterval
    /// How long a failed render waits before its next attempt.
    public var renderBackoff: RetryBackoff
    /// Whether `X-Forwarded-For` names the client (only behind a proxy that sets it, such as
    /// the nginx of `deploy/`); otherwise the peer address counts for the address limit.
    public var trustProxy: Bool
    /// Origin used for absolute links in share pages (`https://dump.example`); nil builds
    /// them from the request's `Host` header.
    public var publicBaseURL: String?
    /// Where people reach the operators (an e-mail address or a URL), shown on `/safety`.
    public var contact: String
    /// Most reports one network may file per minute.
    public var reportLimitPerAddress: Int
    /// A private port (on 127.0.0.1) for `/metrics` and `/healthz`; the public port then has no
    /// `/metrics`. Nil: `/metrics` on the public port (keep it from the internet at the proxy).
    public var metricsPort: Int?
    /// Owner tokens one network may ask for in an hour (0: no limit).
    public var tokenLimitPerAddress: Int
    /// The key owner tokens are signed with; nil: the store's (made once, shared by every node).
    public var ownerTokenKey: [UInt8]?
    /// Waits between attempts at archiving a night after one failed.
    public var nightRetryBackoff: RetryBackoff
    /// Most worries one network may post in a day (a fixed UTC day), so no one address fills
    /// the sky: about the most live stars it can hold (0: no limit).
    public var dailyLimitPerAddress: Int
    /// How much of an IPv6 address the per-address limits count (its network prefix).
    public var ipv6Prefix: Int
    /// Size of the poster painted for each archived night.
    public var posterWidth: Int
    /// Size of the poster painted for each archived night.
    public var posterHeight: Int

    /// Creates a configuration; every default is the production one.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: URL = URL(fileURLWithPath: "data", isDirectory: true),
        assetsDirectory: URL = ServiceConfiguration.defaultAssetsDirectory,
        ttl: TimeInterval = 24 * 60 * 60,
        renderWorkers: Int = ServiceConfiguration.defaultRenderWorkers,
        rateLimitPerOwner: Int = 10,
        rateLimitPerAddress: Int = 30,
        timeZone: TimeZone = TimeZone(identifier: "Asia/Seoul")!,
        maxBodyBytes: Int = 16 * 1024,
        idleTimeout: TimeInterval = 30,
        bodyTimeout: TimeInterval = 10,
        minimumFreeBytes: Int64 = 64 * 1024 * 1024,
        clip: ClipSettings = ClipSettings(),
        skyCacheSeconds: TimeInterval = 5,
        skyLoopMinimumInterval: TimeInterval = 60,
        skySeed: UInt64 = ServiceConfiguration.defaultSkySeed,
        sweepInterval: TimeInterval = 30,
        renderPollInterval: TimeInterval = 1,
        renderMaxAttempts: Int = 5,
        renderLease: TimeInterval = 30,
        renderBackoff: RetryBackoff = RetryBackoff(),
        trustProxy: Bool = false,
        publicBaseURL: String? = nil,
        contact: String = ServiceConfiguration.defaultContact,
        reportLimitPerAddress: Int = 20,
        dailyLimitPerAddress: Int = 500,
        nightRetryBackoff: RetryBackoff = RetryBackoff(base: 5, cap: 300),
        metricsPort: Int? = nil,
        tokenLimitPerAddress: Int = 30,
        ownerTokenKey: [UInt8]? = nil,
        ipv6Prefix: Int = 64,
        posterWidth: Int = 3840,
        posterHeight: Int = 2160
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.assetsDirectory = assetsDirectory
        self.ttl = ttl
        self.renderWorkers = renderWorkers
        self.rateLimitPerOwner = rateLimitPerOwner
        self.rateLimitPerAddress = rateLimitPerAddress
        self.timeZone = timeZone
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.minimumFreeBytes = minimumFreeBytes
        self.clip = clip
        self.skyCacheSeconds = skyCacheSeconds
        self.skyLoopMinimumInterval = skyLoopMinimumInterval
        self.skySeed = skySeed
        self.sweepInterval = min(sweepInterval, 60)
        self.renderPollInterval = renderPollInterval
        self.renderMaxAttempts = renderMaxAttempts
        self.renderLease = renderLease
        self.renderBackoff = renderBackoff
        self.trustProxy = trustProxy
        self.publicBaseURL = publicBaseURL
        self.contact = contact
        self.reportLimitPerAddress = reportLimitPerAddress
        self.dailyLimitPerAddress = dailyLimitPerAddress
        self.nightRetryBackoff = nightRetryBackoff
        self.metricsPort = metricsPort
        self.tokenLimitPerAddress = tokenLimitPerAddress
        self.ownerTokenKey = ownerTokenKey
        self.ipv6Prefix = ipv6Prefix
        self.posterWidth = posterWidth
        self.posterHeight = posterHeight
    }

    /// `Assets` in the current directory.
    public static var defaultAssetsDirectory: URL {
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .appendingPathComponent("Assets", isDirectory: true)
    }

    /// One per core: clips are rendered side by side, each encoder on one thread (the
    /// painter of each runs beside its encoder). Measured on 2 cores: a burst of 10 posts was
    /// ready at p90 15.5 s with one worker of two encoder threads (x264 barely used the
    /// second), and the work per clip did not change.
    public static var defaultRenderWorkers: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The published contact unless `--contact` names one.
    public static let defaultContact = "safety@dumpit.invalid"

    /// The seed of the live sky unless configured otherwise.
    public static let defaultSkySeed: UInt64 = 0x0D0_4B17_5C1E

    /// Where the files of the page live.
    public var webDirectory: URL { assetsDirectory.appendingPathComponent("web", isDirectory: true) }
    /// Where rendered clips live.
    public var clipsDirectory: URL { dataDirectory.appendingPathComponent("clips", isDirectory: true) }
    /// Where night posters live.
    public var postersDirectory: URL { dataDirectory.appendingPathComponent("posters", isDirectory: true) }
    /// Where the rendered sky loop lives.
    public var skyDirectory: URL { dataDirectory.appendingPathComponent("sky", isDirectory: true) }
}
