import Crypto
import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A folder under the system's temporary directory, deleted with this object.
final class TemporaryFolder: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dumpit-server-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// One service under test: the real composition root over an in-memory (or given) store,
/// a movable clock, a temporary data folder, the repository's Assets, and captured logs.
///
/// `@unchecked Sendable`: every stored property is immutable after `init`; the assembly's
/// router (a class) is only read, once, when `run` builds the app.
final class TestService: @unchecked Sendable {
    let folder: TemporaryFolder
    let configuration: ServiceConfiguration
    let store: any WorryStore
    let clock: MovableWorryClock
    let logs: LogCapture
    let assembly: ServiceAssembly
    var parts: ServiceParts { assembly.parts }

    /// The repository's `Assets` folder.
    static let assets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Assets", isDirectory: true)

    init(
        store: (any WorryStore)? = nil,
        folder: TemporaryFolder = TemporaryFolder(),
        clock: MovableWorryClock = MovableWorryClock(),
        clips: any ClipRendering = UnavailableClipRendering(),
        skies: any SkyRendering = UnavailableSkyRendering(),
        configure: (inout ServiceConfiguration) -> Void = { _ in },
        freeSpace: StorageHealth.FreeSpaceProbe? = nil,
        renderQueueProbe: RenderQueueProbe? = nil
    ) throws {
        var configuration = ServiceConfiguration(
            host: "127.0.0.1", port: 0,
            dataDirectory: folder.url.appendingPathComponent("data", isDirectory: true),
            assetsDirectory: Self.assets,
            renderWorkers: 0,
            rateLimitPerOwner: 0,
            rateLimitPerAddress: 0,
            clip: ClipSettings(width: 64, height: 64, fps: 10, seconds: 1),
            sweepInterval: 60,
            renderPollInterval: 0.1,
            posterWidth: 640,
            posterHeight: 360)
        configuration.dailyLimitPerAddress = 0
        configuration.tokenLimitPerAddress = 0
        configuration.ownerTokenKey = Fixture.tokenKey
        configure(&configuration)
        self.folder = folder
        self.configuration = configuration
        self.store = try store ?? SQLiteWorryStore.inMemory()
        self.clock = clock
        logs = LogCapture()
        assembly = ServiceAssembly(
            configuration: configuration, store: self.store, clips: clips, skies: skies, clock: clock,
            logger: logs.logger(), freeSpace: freeSpace, renderQueueProbe: renderQueueProbe)
    }

    /// Runs `body` against the app, without a socket (`.router`) or on loopback (`.live`).
    func run<Value: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await buildApplication(assembly: assembly, logger: logs.logger()).test(setup, body)
    }
}

/// Small helpers every test uses.
enum Fixture {
    /// The owner-token key of every `TestService` (a real site keeps its own in the store).
    static let tokenKey: [UInt8] = Array(0..<32)

    /// A fresh owner token as the site hands one out, signed with `tokenKey`.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return OwnerCredential.encode(random + OwnerCredential.tag(of: random, key: SymmetricKey(data: tokenKey)))
    }

    /// A well-formed token this site never handed out (the page's own tokens before they were signed).
    static func madeUpToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return OwnerCredential.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// `{"text": text}` as bytes.
    static func body(_ text: String) -> ByteBuffer {
        let data = try! JSONSerialization.data(withJSONObject: ["text": text])
        return ByteBuffer(bytes: data)
    }

    /// Headers carrying `token`.
    static func headers(token: String?) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[HTTPField.Name("X-Owner-Token")!] = token }
        return headers
    }
}

extension TestClientProtocol {
    /// Posts a worry; returns the response.
    func postWorry(_ text: String, token: String? = Fixture.token(), headers extra: [String: String] = [:]) async throws
        -> TestResponse
    {
        var headers = Fixture.headers(token: token)
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        return try await executeRequest(uri: "/api/worries", method: .post, headers: headers, body: Fixture.body(text))
    }

    /// Posts raw body bytes with a valid token.
    func postRaw(_ bytes: [UInt8], token: String? = Fixture.token()) async throws -> TestResponse {
        try await executeRequest(
            uri: "/api/worries", method: .post, headers: Fixture.headers(token: token), body: ByteBuffer(bytes: bytes))
    }

    /// GET with optional extra headers.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `error.code` of an error body.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }

    /// `worry.id` of a worry body.
    var worryID: String? { (json["worry"] as? [String: Any])?["id"] as? String }
}

/// GETs `uri` until it stops answering 202 (a clip or a version the workers are making),
/// polling, bounded; the last answer, which must be 200.
func eventuallyAnswered(_ client: some TestClientProtocol, _ uri: String, timeout: Duration = .seconds(30)) async throws
    -> TestResponse
{
    let deadline = ContinuousClock.now + timeout
    var response = try await client.get(uri)
    while response.status == .accepted, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
        response = try await client.get(uri)
    }
    try #require(response.status == .ok, "\(uri) answered \(response.status)")
    return response
}

/// Waits (polling, bounded) until `condition` holds; for background work such as renders,
/// never for expiry (tests move the clock for that).
func eventually(timeout: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
