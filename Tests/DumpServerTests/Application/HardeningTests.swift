import CompressNIO
@testable import DumpServer
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// What a hostile client, a full disk and a restart found (the raw-socket half of it — slow
/// clients, oversized heads, 413 closing — is `Tests/api/test_hardening.py`, against the binary).
@Suite("Hardening")
struct HardeningTests {
    // MARK: 1. the sky's ETag names its content

    @Test func theSkyETagIsTheSameAcrossRestartsAndNodesAndChangesWithTheSky() async throws {
        let folder = TemporaryFolder()
        let path = folder.url.appendingPathComponent("shared.sqlite").path
        let clockA = MovableWorryClock()
        let clockB = MovableWorryClock(clockA.now().addingTimeInterval(7))  // computed at another second
        let nodeA = try TestService(store: try SQLiteWorryStore(path: path), clock: clockA)
        let nodeB = try TestService(store: try SQLiteWorryStore(path: path), clock: clockB)

        let before = try await nodeA.run { client in
            _ = try await client.postWorry("첫 번째 별")
            return try #require(try await client.get("/api/sky").headers[.eTag])
        }
        let onB = try await nodeB.run { client in try #require(try await client.get("/api/sky").headers[.eTag]) }
        #expect(before == onB, "two nodes serving the same sky give the same ETag")

        // a restart over the same store, a new worry posted: the old ETag must not get a 304
        let restarted = try TestService(store: try SQLiteWorryStore(path: path), clock: clockA)
        try await restarted.run { client in
            let same = try await client.get("/api/sky", headers: [.ifNoneMatch: before])
            #expect(same.status == .notModified, "nothing changed yet: revalidation works after a restart")
            _ = try await client.postWorry("두 번째 별")
            let changed = try await client.get("/api/sky", headers: [.ifNoneMatch: before])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != before)
            #expect((changed.json["nodes"] as? [Any])?.count == 2)
        }
    }

    @Test func theETagLeavesOutOnlyGeneratedAt() {
        let a = Array(#"{"driftPeriod":10,"generatedAt":"2026-11-25T10:00:00Z","links":[],"nodes":[]}"#.utf8)
        let b = Array(#"{"driftPeriod":10,"generatedAt":"2026-11-25T10:00:09Z","links":[],"nodes":[]}"#.utf8)
        let c = Array(#"{"driftPeriod":10,"generatedAt":"2026-11-25T10:00:00Z","links":[],"nodes":[1]}"#.utf8)
        #expect(SkySnapshot.etag(of: a) == SkySnapshot.etag(of: b))
        #expect(SkySnapshot.etag(of: a) != SkySnapshot.etag(of: c))
        #expect(SkySnapshot.etag(of: a).hasPrefix("\"sky-") && SkySnapshot.etag(of: a).hasSuffix("\""))
    }

    // MARK: 3. content types

    @Test(
        "POST /api/worries wants JSON",
        arguments: [
            ("text/plain", "text/plain; charset=utf-8"),
            ("a form", "application/x-www-form-urlencoded"),
            ("multipart", "multipart/form-data; boundary=xyz"),
            ("XML", "application/xml"),
            ("JSON look-alike", "application/jsonx"),
            ("no content type", ""),
        ])
    func otherContentTypesAre415(name: String, contentType: String) async throws {
        let service = try TestService()
        let store = service.store
        try await service.run { client in
            var headers: HTTPFields = [HTTPField.Name("X-Owner-Token")!: Fixture.token()]
            if !contentType.isEmpty { headers[.contentType] = contentType }
            let response = try await client.executeRequest(
                uri: "/api/worries", method: .post, headers: headers, body: Fixture.body("형식이 틀린 고민"))
            #expect(response.status == .unsupportedMediaType, "\(name)")
            #expect(response.errorCode == "unsupported_media_type", "\(name)")
            #expect(try await store.stats().worries == 0)
        }
    }

    @Test func jsonWithACharsetIsAccepted() async throws {
        let service = try TestService()
        try await service.run { client in
            let headers: HTTPFields = [
                HTTPField.Name("X-Owner-Token")!: Fixture.token(), .contentType: "Application/JSON; charset=UTF-8",
            ]
            let response = try await client.executeRequest(
                uri: "/api/worries", method: .post, headers: headers, body: Fixture.body("괜찮은 형식"))
            #expect(response.status == .created)
        }
    }

    // MARK: 4. the spec's methods and headers

    @Test func optionsTraceAndQueryOnKnownPathsAre405WithAllow() async throws {
        let service = try TestService()
        try await service.run { client in
            for method in [HTTPRequest.Method.options, .trace, HTTPRequest.Method("QUERY")!] {
                for (path, allow) in [("/api/sky", "GET, HEAD"), ("/api/worries", "GET, HEAD, POST"), ("/", "GET, HEAD")] {
                    let response = try await client.executeRequest(uri: path, method: method, headers: [:], body: nil)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(response.errorCode == "method_not_allowed")
                }
            }
        }
    }

    @Test func aMalformedTokenIsIgnoredOnThePublicSky() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.get("/api/sky?scope=all", headers: [HTTPField.Name("X-Owner-Token")!: "bad token!"])
            #expect(response.status == .ok)
            let mine = try await client.get("/api/sky?scope=mine", headers: [HTTPField.Name("X-Owner-Token")!: "bad token!"])
            #expect(mine.status.code >= 400 && mine.status.code < 500)
        }
    }

    // MARK: 5. a full disk

    @Test func aFullDiskIsReportedAsStorageFullNotBusy() async throws {
        let free = NIOLockedValueBox<Int64>(10 << 30)
        let service = try TestService(freeSpace: { free.withLockedValue { $0 } })
        try await service.run { client in
            let kept = try await client.postWorry("디스크가 차기 전의 고민")
            #expect(kept.status == .created)
            let id = try #require(kept.worryID)
            #expect(try await client.get("/healthz").status == .ok)

            free.withLockedValue { $0 = 1024 }
            let refused = try await client.postWorry("디스크가 찬 뒤의 고민")
            #expect(refused.status.code == 507)
            #expect(refused.errorCode == "storage_full")
            #expect(refused.headers[.retryAfter] != nil)
            let health = try await client.get("/healthz")
            #expect(health.status == .serviceUnavailable)
            #expect(health.json["status"] as? String == "degraded")
            #expect(health.json["reasons"] as? [String] == ["storage_full"])
            #expect(health.errorCode == "storage_full")
            #expect(MetricsText(try await client.get("/metrics").text).value("dumpit_storage_full") == 1)
            // what was accepted is still served
            #expect(try await client.get("/api/worries/\(id)").status == .ok)
            #expect(try await client.get("/w/\(id)").status == .ok)

            free.withLockedValue { $0 = 10 << 30 }
            #expect(try await client.get("/healthz").status == .ok)
            #expect(MetricsText(try await client.get("/metrics").text).value("dumpit_storage_full") == 0)
        }
    }

    @Test func sqliteFullIsStorageFullAndRemembered() {
        let storage = StorageHealth(probe: { 10 << 30 }, minimumFreeBytes: 1 << 20)
        let error = ErrorMiddleware.apiError(for: StoreError.diskFull(operation: "add a worry"), logger: LogCapture().logger())
        #expect(error.status.code == 507)
        #expect(error.code == "storage_full")
        #expect(!storage.isFull())
        #expect(StorageHealth.isDiskFull(StoreError.diskFull(operation: "x")))
        #expect(StorageHealth.isDiskFull(POSIXError(.ENOSPC)))
        #expect(StorageHealth.isDiskFull(CocoaError(.fileWriteOutOfSpace)))
        #expect(!StorageHealth.isDiskFull(StoreError.busy(operation: "x")))
        let now = Date()
        storage.noteFull(at: now)
        #expect(storage.isFull(at: now.addingTimeInterval(1)))
        #expect(!storage.isFull(at: now.addingTimeInterval(120)))
    }

    // MARK: 6. expiry to the millisecond

    @Test func expiresAtIsPrintedAsStoredAndTheWorryIsGoneAtThatInstant() async throws {
        let clock = MovableWorryClock(Date(timeIntervalSince1970: 1_790_000_000.123_456_7))
        let service = try TestService(clock: clock) { $0.ttl = 3600 }
        try await service.run { client in
            let posted = try await client.postWorry("밀리초까지")
            let worry = try #require(posted.json["worry"] as? [String: Any])
            let createdAt = try #require(worry["createdAt"] as? String)
            let expiresAt = try #require(worry["expiresAt"] as? String)
            #expect(createdAt == "2026-09-21T14:13:20.123Z")
            #expect(expiresAt == "2026-09-21T15:13:20.123Z")
            let id = try #require(posted.worryID)
            let printed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(expiresAt)

            clock.set(printed.addingTimeInterval(-0.001))
            #expect(try await client.get("/api/worries/\(id)").status == .ok)
            clock.set(printed)
            #expect(try await client.get("/api/worries/\(id)").status == .gone, "alive after the printed expiresAt")
        }
    }

    @Test func millisecondDates() {
        #expect(JSONBody.iso8601Milliseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(JSONBody.iso8601Milliseconds(Date(timeIntervalSince1970: 1.5)) == "1970-01-01T00:00:01.500Z")
        #expect(JSONBody.iso8601Milliseconds(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(JSONBody.iso8601Milliseconds(Date(timeIntervalSince1970: 59.9996)) == "1970-01-01T00:01:00.000Z")
    }

    // MARK: 9. Content-Security-Policy

    @Test func everyPageHasACSPAndTheSharePageHashMatchesItsStyle() async throws {
        let service = try TestService()
        try await service.run { client in
            for path in ["/", "/sky"] {
                let page = try await client.get(path)
                #expect(page.status == .ok)
                let csp = try #require(page.headers[.contentSecurityPolicy], "\(path)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path): \(csp)")
            }
            let posted = try await client.postWorry("<script>alert(1)</script> 공유")
            let id = try #require(posted.worryID)
            let share = try await client.get("/w/\(id)")
            let csp = try #require(share.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"))
            // the one inline <style> is allowed by its hash, so the page keeps its look
            let html = share.text
            let style = try #require(
                html.firstRange(of: "<style>").flatMap { open in
                    html[open.upperBound...].firstRange(of: "</style>").map { String(html[open.upperBound..<$0.lowerBound]) }
                })
            #expect(csp.contains("style-src '\(SharePage.cspHash(style))'"))
            #expect(!html.contains("<script>alert"))
        }
    }

    // MARK: 10. compression

    @Test func gzipIsOfferedOnlyToClientsThatAcceptIt() {
        func request(_ acceptEncoding: String?) -> Request {
            var fields: HTTPFields = [:]
            if let acceptEncoding { fields[.acceptEncoding] = acceptEncoding }
            return Request(
                head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/", headerFields: fields),
                body: .init(buffer: ByteBuffer()))
        }
        #expect(Gzip.accepted(by: request("gzip, deflate, br")))
        #expect(Gzip.accepted(by: request("br;q=1.0, gzip;q=0.8")))
        #expect(Gzip.accepted(by: request("*")))
        #expect(!Gzip.accepted(by: request(nil)))
        #expect(!Gzip.accepted(by: request("identity")))
        #expect(!Gzip.accepted(by: request("gzip;q=0")))
        #expect(!Gzip.accepted(by: request("br")))
        for type in [
            "application/json; charset=utf-8", "text/html; charset=utf-8", "text/javascript; charset=utf-8",
            "text/css; charset=utf-8", "image/svg+xml", "application/yaml; charset=utf-8",
        ] {
            #expect(Gzip.worthCompressing(contentType: type), "\(type)")
        }
        for type in ["video/webm", "video/mp4", "image/png", "application/octet-stream", "application/pdf"] {
            #expect(!Gzip.worthCompressing(contentType: type), "\(type)")
        }
        #expect(Gzip.variantETag("\"abc\"") == "\"abc-gz\"")
        #expect(Gzip.variantETag("W/\"abc\"") == "W/\"abc-gz\"")
    }

    @Test func theSkyIsCompressedOncePerRevision() async throws {
        let service = try TestService()
        try await service.run { client in
            for index in 0..<40 { _ = try await client.postWorry("압축될 하늘의 고민 \(index) 번째, 조금 길게 적어 봅니다") }
            let plain = try await client.get("/api/sky")
            let first = try await client.get("/api/sky", headers: [.acceptEncoding: "gzip"])
            let second = try await client.get("/api/sky", headers: [.acceptEncoding: "gzip"])
            #expect(first.headers[.contentEncoding] == "gzip")
            #expect(first.headers[.vary] == "Accept-Encoding")
            #expect(first.headers[.eTag] == Gzip.variantETag(try #require(plain.headers[.eTag])))
            #expect(first.body.readableBytes * 3 < plain.body.readableBytes, "sky JSON compresses several times over")
            var zipped = first.body
            var unzipped = try zipped.decompress(with: .gzip())
            #expect(unzipped.readString(length: unzipped.readableBytes) == plain.text)
            // the same bytes: one compressed buffer per sky, shared
            #expect(first.body == second.body)
            let snapshot = try #require(await service.parts.skyLayouts.latest)
            #expect(try snapshot.gzip.gzip() == first.body)
            let revalidated = try await client.get(
                "/api/sky", headers: [.acceptEncoding: "gzip", .ifNoneMatch: try #require(first.headers[.eTag])])
            #expect(revalidated.status == .notModified)
        }
    }
}
