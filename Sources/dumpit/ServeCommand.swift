import ArgumentParser
import DumpRenderers
import DumpServer
import DumpStore
import Foundation
import Logging

/// `dumpit serve`: runs the HTTP service — the page, the API, clip rendering, the sky and the
/// nightly posters — until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Dump It! site and API.",
        discussion: """
            Keeps its state in the data folder: dumpit.sqlite, clips/, posters/ and sky/; with \
            --database postgres://… the worries, jobs and clip files live in PostgreSQL and any \
            number of serve and worker processes share them (see the README's Fleet section).
            Stops gracefully on SIGTERM or SIGINT: no new render starts, the one under way is \
            finished; a render cut off is taken over by another worker when its lease ends.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Folder for the database, clips and posters (created if missing).")
    var data = "./data"

    @OptionGroup var store: StoreOptions

    @Flag(
        name: .customLong("trust-proxy"), help: "Take the client address from X-Forwarded-For (only behind a proxy that sets it)."
    )
    var trustProxy = false

    @OptionGroup var rendering: RenderOptions

    @Option(help: "How long a worry lives: 24h, 90m, 3600s.")
    var ttl = "24h"

    @Option(name: .customLong("render-workers"), help: "Clip render workers (default: one per core; 0 renders nothing).")
    var renderWorkers: Int?

    @Option(
        name: .customLong("sky-view-stars"),
        help: "The brightest stars a page's view of the sky holds (200 to 20000; the rest load by region when zoomed in)."
    )
    var skyViewStars = ServiceConfiguration.defaultSkyViewStars

    @Option(name: .customLong("rate-limit-owner"), help: "Worries one browser may post per minute (0 = no limit).")
    var rateLimitOwner = 10

    @Option(name: .customLong("rate-limit-address"), help: "Worries one address may post per minute (0 = no limit).")
    var rateLimitAddress = 30

    @Option(help: "Folder holding web/ and openapi.yaml (default: $DUMPIT_ASSETS, else ./Assets).")
    var assets: String?

    @Option(name: .customLong("time-zone"), help: "Time zone whose midnight closes a night.")
    var timeZone = "Asia/Seoul"

    @Option(
        name: .customLong("public-url"),
        help: "Origin used in share links, e.g. https://dump.example (default: the request's Host).")
    var publicURL: String?

    @Option(help: "Where people reach the operators (an e-mail address or an https URL), shown on /safety.")
    var contact = ServiceConfiguration.defaultContact

    @Option(name: .customLong("rate-limit-reports"), help: "Reports one address may file per minute (0 = no limit).")
    var rateLimitReports = 20

    @Option(name: .customLong("rate-limit-tokens"), help: "Owner tokens one address may ask for per hour (0 = no limit).")
    var rateLimitTokens = 30

    @Option(name: .customLong("metrics-port"), help: "Serve /metrics on 127.0.0.1:PORT only, not on the public port.")
    var metricsPort: Int?

    @Option(
        name: .customLong("daily-limit-address"), help: "Worries one address may post in a day: its live stars (0 = no limit).")
    var dailyLimitAddress = 500

    @Option(name: .customLong("ipv6-prefix"), help: "Per-address limits count an IPv6 client by this network prefix (48–128).")
    var ipv6Prefix = 64

    @Option(
        name: .customLong("idle-timeout"), help: "Close a connection idle (or still sending its request head) this long: 30s, 1m."
    )
    var idleTimeout = "30s"

    @Option(name: .customLong("body-timeout"), help: "Answer 408 when a request body takes longer than this to arrive: 10s.")
    var bodyTimeout = "10s"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
        guard let seconds = DurationText.seconds(ttl) else {
            throw ValidationError("--ttl must be a duration such as 24h, 90m or 3600s.")
        }
        guard seconds >= 60 else { throw ValidationError("--ttl must be at least one minute.") }
        if let renderWorkers, !(0...64).contains(renderWorkers) {
            throw ValidationError("--render-workers must be between 0 and 64.")
        }
        for (name, text) in [("--idle-timeout", idleTimeout), ("--body-timeout", bodyTimeout)] {
            guard let seconds = DurationText.seconds(text), seconds <= 3600 else {
                throw ValidationError("\(name) must be a duration from 0.1s to 1h, such as 30s.")
            }
            guard seconds >= 0.1 else { throw ValidationError("\(name) must be at least 0.1s.") }
        }
        guard (200...20_000).contains(skyViewStars) else {
            throw ValidationError("--sky-view-stars must be between 200 and 20000.")
        }
        guard rateLimitOwner >= 0 else { throw ValidationError("--rate-limit-owner must be 0 or more.") }
        guard rateLimitAddress >= 0 else { throw ValidationError("--rate-limit-address must be 0 or more.") }
        guard (48...128).contains(ipv6Prefix) else { throw ValidationError("--ipv6-prefix must be between 48 and 128.") }
        guard rateLimitReports >= 0 else { throw ValidationError("--rate-limit-reports must be 0 or more.") }
        if let metricsPort, !(1...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 1 and 65535.")
        }
        guard rateLimitTokens >= 0 else { throw ValidationError("--rate-limit-tokens must be 0 or more.") }
        guard dailyLimitAddress >= 0 else { throw ValidationError("--daily-limit-address must be 0 or more.") }
        let contactText = contact.trimmingCharacters(in: .whitespaces)
        guard !contactText.isEmpty, contactText.count <= 200, !contactText.contains(where: \.isNewline) else {
            throw ValidationError("--contact must be one line: an e-mail address or a URL.")
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("--time-zone \(timeZone) is not a known time zone (try Asia/Seoul or UTC).")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an absolute http(s) URL.")
            }
        }
    }

    /// The service configuration these options describe.
    func serviceConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) -> ServiceConfiguration {
        let assetsPath = assets ?? environment["DUMPIT_ASSETS"] ?? "./Assets"
        var configuration = ServiceConfiguration(
            host: host,
            port: port,
            dataDirectory: URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL,
            assetsDirectory: URL(fileURLWithPath: assetsPath, isDirectory: true).standardizedFileURL,
            ttl: DurationText.seconds(ttl) ?? 86_400,
            renderWorkers: renderWorkers ?? ServiceConfiguration.defaultRenderWorkers,
            rateLimitPerOwner: rateLimitOwner,
            rateLimitPerAddress: rateLimitAddress,
            timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Seoul")!,
            idleTimeout: DurationText.seconds(idleTimeout) ?? 30,
            bodyTimeout: DurationText.seconds(bodyTimeout) ?? 10,
            publicBaseURL: publicURL,
            contact: contact.trimmingCharacters(in: .whitespaces),
            reportLimitPerAddress: rateLimitReports,
            dailyLimitPerAddress: dailyLimitAddress,
            metricsPort: metricsPort,
            tokenLimitPerAddress: rateLimitTokens,
            ipv6Prefix: ipv6Prefix
        ).with(rendering, trustProxy: trustProxy)
        configuration.skyViewStars = skyViewStars
        return configuration
    }

    func run() async throws {
        let configuration = serviceConfiguration()
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        var logger = Logger(label: "dumpit.serve")
        logger.logLevel = .info
        let store = try await self.store.open(data: configuration.dataDirectory, logger: logger)
        let app = buildApplication(
            configuration: configuration,
            store: store,
            clips: DustClipRendering(encoderThreads: Self.encoderThreads(workers: configuration.renderWorkers)),
            skies: PainterSkyRendering(encoderThreads: 1),
            logger: logger
        )
        try await app.runService()
    }

    /// Encoder threads per render, so that all workers together use about every core.
    static func encoderThreads(workers: Int) -> Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, workers))
    }
}
