import DumpStore
import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Logging

/// Builds the Dump It! HTTP service: routes, middleware, and the background services (render
/// workers, expiry sweeper, night archiver), listening on `configuration.host:port`.
///
/// The one composition root: `dumpit serve` runs it, and tests drive the very same app with
/// `app.test(.router)` and `app.test(.live)`. `runService()` stops gracefully on SIGTERM and
/// SIGINT.
public func buildApplication(
    configuration: ServiceConfiguration,
    store: any WorryStore,
    clips: any ClipRendering,
    skies: any SkyRendering,
    clock: any WorryClock = SystemWorryClock(),
    logger: Logger
) -> some ApplicationProtocol {
    buildApplication(
        assembly: ServiceAssembly(
            configuration: configuration, store: store, clips: clips, skies: skies, clock: clock, logger: logger),
        logger: logger)
}

/// Builds the app from already-wired parts (tests keep the assembly to look inside).
func buildApplication(assembly: ServiceAssembly, logger: Logger) -> some ApplicationProtocol {
    let configuration = assembly.configuration
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [ConnectionGuard()],
        idleTimeout: .milliseconds(Int64((configuration.idleTimeout * 1000).rounded())))
    var app = Application(
        router: assembly.router,
        server: .http1(configuration: http1),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "DumpIt"),
        services: assembly.services,
        logger: logger)
    app.beforeServerStarts {
        try ServiceAssembly.createDirectories(for: configuration)
    }
    return app
}
