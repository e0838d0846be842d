// swift-tools-version:6.0
import PackageDescription

/// Dump It!: a worry rendered into glowing dust, and everyone's worries as a night sky.
///
/// Dependencies point one way: DumpEngine, DumpDoor ← DumpRender/DumpVideo ← DumpClip;
/// DumpStore ← DumpServer (HTTP, no Cairo or FFmpeg) ← DumpRenderers (the two meet) ← dumpit.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "DumpIt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dumpit", targets: ["dumpit"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev"])]
        ),
        // The particle, pixel, sound and colour-conversion loops are optimised even in debug
        // builds, so tests and the debug server render clips at usable speed.
        .target(name: "DumpEngine", swiftSettings: optimisedInDebug),
        // The door: the one text rule (clean Unicode, mask personal data, care and hate verdicts).
        .target(name: "DumpDoor"),
        .target(name: "DumpRender", dependencies: ["DumpEngine", "CCairo"], swiftSettings: optimisedInDebug),
        .target(name: "DumpVideo", dependencies: ["CFFmpeg"], swiftSettings: optimisedInDebug),
        .target(name: "DumpClip", dependencies: ["DumpEngine", "DumpRender", "DumpVideo"]),
        .target(
            name: "DumpStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DumpServer",
            dependencies: [
                "DumpEngine", "DumpDoor", "DumpStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The service's renderers: the dust clip and the sky painter behind `ClipRendering`
        // and `SkyRendering`, so the HTTP service itself builds without Cairo and FFmpeg.
        .target(name: "DumpRenderers", dependencies: ["DumpServer", "DumpClip", "DumpRender", "DumpVideo", "DumpEngine"]),
        .executableTarget(
            name: "dumpit",
            dependencies: [
                "DumpEngine", "DumpDoor", "DumpRender", "DumpVideo", "DumpClip", "DumpStore", "DumpServer", "DumpRenderers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "DumpTestSupport", dependencies: ["DumpEngine"], path: "Tests/Support"),
        .testTarget(name: "DumpDoorTests", dependencies: ["DumpDoor"]),
        .testTarget(name: "DumpEngineTests", dependencies: ["DumpEngine", "DumpTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DumpRenderTests", dependencies: ["DumpRender", "DumpEngine", "DumpDoor", "DumpTestSupport"]),
        .testTarget(name: "DumpVideoTests", dependencies: ["DumpVideo", "DumpTestSupport"]),
        .testTarget(
            name: "DumpClipTests", dependencies: ["DumpClip", "DumpEngine", "DumpRender", "DumpVideo", "DumpTestSupport"]),
        .testTarget(name: "DumpItCLITests", dependencies: ["DumpTestSupport"]),
        .testTarget(
            name: "DumpStoreTests",
            dependencies: [
                "DumpStore", "DumpEngine", "DumpTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "DumpServerTests",
            dependencies: [
                "DumpServer", "DumpRenderers", "DumpStore", "DumpEngine", "DumpDoor", "DumpRender", "DumpVideo", "DumpClip",
                "DumpTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
