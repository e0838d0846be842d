import ArgumentParser
import DumpRenderers
import DumpServer
import DumpStore
import Foundation
import Logging

/// `dumpit worker`: a process that only renders clips from the shared store.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Render queued clips from the shared store (no web site).",
        discussion: """
            Claims clips under a lease, renders them, stores the files (in PostgreSQL, or in \\
            <data>/clips with SQLite) and marks them ready. Run as many as you like, on any \\
            machine that reaches the database. Stops gracefully on SIGTERM or SIGINT.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Folder for the SQLite database and clips, and for render scratch files.")
    var data = "./data"

    @Option(help: "Clips rendered at once (default: one per core).")
    var concurrency: Int?

    @Option(name: .customLong("metrics-port"), help: "Serve /metrics and /healthz on this port (off by default).")
    var metricsPort: Int?

    @Option(name: .customLong("metrics-host"), help: "Address of the metrics listener.")
    var metricsHost = "127.0.0.1"

    @Option(
        name: .customLong("public-url"),
        help: "The site's origin, e.g. https://dump.example, shown on the clips' end card (give serve the same).")
    var publicURL: String?

    @OptionGroup var rendering: RenderOptions

    func validate() throws {
        if let concurrency, !(1...64).contains(concurrency) {
            throw ValidationError("--concurrency must be between 1 and 64.")
        }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535.")
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--public-url must be an absolute http(s) URL.")
            }
        }
    }

    func run() async throws {
        let workers = concurrency ?? ServiceConfiguration.defaultRenderWorkers
        let configuration = ServiceConfiguration(
            dataDirectory: URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL,
            renderWorkers: workers,
            publicBaseURL: publicURL
        ).with(rendering)
        try FileManager.default.createDirectory(at: configuration.dataDirectory, withIntermediateDirectories: true)
        var logger = Logger(label: "dumpit.worker")
        logger.logLevel = .info
        let store = try await self.store.open(data: configuration.dataDirectory, logger: logger)
        let worker = RenderWorker(
            configuration: configuration, store: store,
            clips: DustClipRendering(encoderThreads: ServeCommand.encoderThreads(workers: workers)), logger: logger,
            metricsHost: metricsHost, metricsPort: metricsPort)
        logger.info("worker started", metadata: ["worker": "\(worker.workerID)", "concurrency": "\(workers)"])
        try await worker.run()
    }
}
