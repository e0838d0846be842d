import DumpEngine
import DumpStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// One service instance's parts, wired together: the router with its middleware and routes,
/// and the background services (render queue, expiry sweeper, night archiver).
struct ServiceAssembly {
    let configuration: ServiceConfiguration
    let site: SiteRoutes
    let router: Router<DumpRequestContext>
    let routes: [RouteDescription]
    let services: [any Service]

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
        let gate = AsyncGate(permits: 1)
        let layouts = SkyLayoutCache(store: store, engine: engine, clock: clock, metrics: metrics)
        let renderQueue = RenderQueue(
            configuration: configuration, store: store, clips: clips, clock: clock, logger: logger, metrics: metrics,
            storage: storage)
        let nights = NightArchiver(
            configuration: configuration, store: store, skies: skies, clock: clock, logger: logger,
            metrics: metrics, gate: gate)
        let skyImages = SkyImageCache(skies: skies, layouts: layouts, clock: clock, maxAge: configuration.skyCacheSeconds)
        let mySkies = MySkyCache(store: store, clock: clock)
        let sweeper = ExpirySweeper(
            configuration: configuration, store: store, clock: clock, logger: logger, metrics: metrics,
            caches: [layouts, skyImages, mySkies])
        let site = SiteRoutes(
            configuration: configuration, store: store, skies: skies, clock: clock, logger: logger,
            metrics: metrics, renderQueueProbe: renderQueueProbe ?? .store(store, clock: clock, metrics: metrics),
            engine: engine, skyLayouts: layouts, worryWriter: WorryWriter(store: store),
            skyImages: skyImages, mySkies: mySkies,
            skyLoop: SkyLoopCache(skies: skies, layouts: layouts, clock: clock, configuration: configuration, logger: logger),
            renderQueue: renderQueue, nights: nights, expirySweeper: sweeper, posterJobs: PosterJobs(),
            limits: RateLimits(
                store: store, perOwner: configuration.rateLimitPerOwner, perAddress: configuration.rateLimitPerAddress,
                reportsPerAddress: configuration.reportLimitPerAddress, dailyPerAddress: configuration.dailyLimitPerAddress,
                tokensPerAddress: configuration.tokenLimitPerAddress),
            owners: OwnerCredential(store: store, key: configuration.ownerTokenKey),
            clipDirectory: ClipDirectory(url: configuration.clipsDirectory),
            web: WebAssets(root: configuration.webDirectory), storage: storage)

        let router = Router(context: DumpRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())  // Hummingbird's: requests by route pattern, into ProcessMetrics
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: CompressionMiddleware())
        router.add(middleware: ErrorMiddleware(storage: storage))
        let routes = RouteTable(router: router)
        site.register(on: routes)
        routes.addMethodNotAllowed()

        self.configuration = configuration
        self.site = site
        self.router = router
        self.routes = routes.routes
        var services: [any Service] = [renderQueue, sweeper, nights]
        if let port = configuration.metricsPort {
            services.append(
                MetricsListener(
                    host: "127.0.0.1", port: port, metrics: metrics, logger: logger,
                    health: { (try? await store.revision()) != nil },
                    text: { try await site.metricsText() }))
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
