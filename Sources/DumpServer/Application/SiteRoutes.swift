import DumpEngine
import DumpStore
import Foundation
import Hummingbird
import Logging

/// Everything the route handlers share: the store, renderers, caches, limits and metrics.
/// Each area adds its routes in its own file (`registerWorryRoutes`, `registerSkyRoutes`, …).
struct SiteRoutes: Sendable {
    let configuration: ServiceConfiguration
    let store: any WorryStore
    let skies: any SkyRendering
    let clock: any WorryClock
    let logger: Logger
    let metrics: ServiceMetrics
    /// Reads the render queue for `/metrics`.
    let renderQueueProbe: RenderQueueProbe
    let engine: SkyEngine
    let skyLayouts: SkyLayoutCache
    let worryWriter: WorryWriter
    let skyImages: SkyImageCache
    let mySkies: MySkyCache
    let skyLoop: SkyLoopCache
    let renderQueue: RenderQueue
    let nights: NightArchiver
    let expirySweeper: ExpirySweeper
    let posterJobs: PosterJobs
    let limits: RateLimits
    /// Hands out owner tokens and checks the ones requests carry.
    let owners: OwnerCredential
    let clipDirectory: ClipDirectory
    let web: WebAssets
    let storage: StorageHealth
    let files = FileResponder()

    /// Adds every route of the service to `table`.
    func register(on table: RouteTable) {
        registerWorryRoutes(on: table)
        registerSkyRoutes(on: table)
        registerClipRoutes(on: table)
        registerPosterRoutes(on: table)
        registerPageRoutes(on: table)
        registerSafetyRoutes(on: table)
        registerOperationsRoutes(on: table)
    }

    /// The worry id in the route's `{id}`, or 404.
    func worryID(_ context: DumpRequestContext) throws -> WorryID {
        guard let text = context.parameters.get("id"), let id = WorryID(text) else {
            throw APIError.notFound("There is no worry with this id.")
        }
        return id
    }
}
