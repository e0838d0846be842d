import DumpEngine
import DumpStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// One service instance's parts, wired together: the router with its middleware and the
/// controllers' routes (each controller gets only what it uses), and the background services
/// (render queue, expiry sweeper, night archiver).
struct ServiceAssembly {
    let configuration: ServiceConfiguration
    let router: Router<DumpRequestContext>
    let routes: [RouteDescription]
    let services: [any Service]
    /// The caches and background parts, for tests to look into.
    let parts: ServiceParts

    init(
        configuration: ServiceConfiguration, store: any WorryStore, clips: any ClipRendering,
        skies: any SkyRendering, clock: any WorryClock, logger: Logger,
        freeSpace: StorageHealth.FreeSpaceProbe? = nil, metrics: ServiceMetrics = ServiceMetrics(),
        renderQueueProbe: RenderQueueProbe? = nil
    ) {
        let storage = StorageHealth(
            probe: freeSpace ?? StorageHealth.freeSpace(under: configuration.dataDirectory),
            minimumFreeBytes: configuration.minimumFreeBytes)
        let engine = SkyEngine(seed: configuration.skySeed)
        // The sky pages download, kept up to date change by change; the whole sky, for pictures.
        let liveSky = LiveSkyFeed(options: engine.options, viewStars: configuration.skyViewStars)
        let layouts = SkyLayoutCache(store: store, engine: engine, clock: clock, metrics: metrics, live: liveSky)
        let wholeSky = SkyLayoutCache(store: store, engine: engine, clock: clock)
        let renderQueue = RenderQueue(
            configuration: configuration, store: store, clips: clips, clock: clock, logger: logger, metrics: metrics,
            storage: storage)
        let nights = NightArchiver(
            configuration: configuration, store: store, skies: skies, clock: clock, logger: logger,
            metrics: metrics, gate: AsyncGate(permits: 1))
        let skyImages = SkyImageCache(skies: skies, layouts: wholeSky, clock: clock, maxAge: configuration.skyCacheSeconds)
        let mySkies = MySkyCache(store: store, clock: clock)
        let sweeper = ExpirySweeper(
            configuration: configuration, store: store, clock: clock, logger: logger, metrics: metrics,
            caches: [layouts, wholeSky, skyImages, mySkies])
        let owners = OwnerCredential(store: store, key: configuration.ownerTokenKey)
        let admission = RequestAdmission(
            limits: RateLimits(
                store: store, perOwner: configuration.rateLimitPerOwner, perAddress: configuration.rateLimitPerAddress,
                reportsPerAddress: configuration.reportLimitPerAddress, dailyPerAddress: configuration.dailyLimitPerAddress,
                tokensPerAddress: configuration.tokenLimitPerAddress),
            addressing: ClientAddressing(trustProxy: configuration.trustProxy, ipv6Prefix: configuration.ipv6Prefix),
            storage: storage, metrics: metrics, maxBodyBytes: configuration.maxBodyBytes,
            bodyTimeout: configuration.bodyTimeout)
        let clipDirectory = ClipDirectory(url: configuration.clipsDirectory)
        let files = FileResponder()
        let metricsText = MetricsText(
            metrics: metrics, renderQueue: renderQueueProbe ?? .store(store, clock: clock, metrics: metrics),
            layouts: layouts, storage: storage)

        let router = Router(context: DumpRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())  // Hummingbird's: requests by route pattern, into ProcessMetrics
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: CompressionMiddleware())
        router.add(middleware: ErrorMiddleware(storage: storage))
        let table = RouteTable(router: router)
        table.addRoutes(
            WorryController(
                store: store, writer: WorryWriter(store: store), owners: owners, admission: admission, engine: engine,
                skyLayouts: layouts, renderQueue: renderQueue, clipDirectory: clipDirectory, clock: clock,
                metrics: metrics, ttl: configuration.ttl, clipVariant: configuration.clip.variant
            ).endpoints)
        table.addRoutes(OwnerTokenController(owners: owners, admission: admission, clock: clock).endpoints)
        table.addRoutes(
            ReportController(store: store, owners: owners, admission: admission, clock: clock, metrics: metrics).endpoints)
        table.addRoutes(InfoController(store: store, maxBodyBytes: configuration.maxBodyBytes).endpoints)
        table.addRoutes(
            SkyController(
                layouts: layouts, mySkies: mySkies, store: store, owners: owners, engine: engine, live: liveSky
            ).endpoints)
        table.addRoutes(
            SkyPictureController(
                skies: skies, images: skyImages,
                loop: SkyLoopCache(skies: skies, layouts: wholeSky, clock: clock, configuration: configuration, logger: logger),
                files: files, imageMaxAge: max(1, Int(configuration.skyCacheSeconds)),
                loopMaxAge: max(1, Int(configuration.skyLoopMinimumInterval))
            ).endpoints)
        table.addRoutes(
            ClipController(
                store: store, directory: clipDirectory, renderQueue: renderQueue, files: files, clock: clock,
                metrics: metrics
            ).endpoints)
        table.addRoutes(
            PosterController(store: store, nights: nights, jobs: PosterJobs(), skies: skies, files: files, logger: logger)
                .endpoints)
        table.addRoutes(
            PageController(
                web: WebAssets(root: configuration.webDirectory), files: files, store: store, clock: clock,
                origin: SiteOrigin(publicURL: configuration.publicBaseURL, trustProxy: configuration.trustProxy),
                clip: configuration.clip, contact: configuration.contact
            ).endpoints)
        table.addRoutes(
            OpsController(
                store: store, storage: storage, metrics: configuration.metricsPort == nil ? metricsText : nil,
                files: files, assetsDirectory: configuration.assetsDirectory
            ).endpoints)
        table.addMethodNotAllowed()

        self.configuration = configuration
        self.router = router
        self.routes = table.routes
        self.parts = ServiceParts(
            skyLayouts: layouts, liveSky: liveSky, wholeSky: wholeSky, skyImages: skyImages, mySkies: mySkies,
            expirySweeper: sweeper,
            renderQueue: renderQueue, nights: nights, metrics: metrics)
        var services: [any Service] = [renderQueue, sweeper, nights]
        if let port = configuration.metricsPort {
            services.append(
                MetricsListener(
                    host: "127.0.0.1", port: port, metrics: metrics, logger: logger,
                    health: { (try? await store.revision()) != nil }, text: { try await metricsText.read() }))
        }
        self.services = services
    }

    /// Creates the data folders the service writes to.
    static func createDirectories(for configuration: ServiceConfiguration) throws {
        for directory in [configuration.clipsDirectory, configuration.postersDirectory, configuration.skyDirectory] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }
}

/// A service's caches and background parts, as tests look into them.
struct ServiceParts: Sendable {
    /// The sky pages download (the live sky's view).
    let skyLayouts: SkyLayoutCache
    /// The live sky behind it.
    let liveSky: LiveSkyFeed
    /// The whole sky, laid out from scratch for pictures and the loop.
    let wholeSky: SkyLayoutCache
    let skyImages: SkyImageCache
    let mySkies: MySkyCache
    let expirySweeper: ExpirySweeper
    let renderQueue: RenderQueue
    let nights: NightArchiver
    let metrics: ServiceMetrics
}
