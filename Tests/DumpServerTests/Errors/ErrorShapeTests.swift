@testable import DumpServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Every error is JSON")
struct ErrorShapeTests {
    @Test func unknownRoutesAreJSON404() async throws {
        let service = try TestService()
        try await service.run { client in
            for path in ["/nope", "/api/nope", "/api/worries/AAAAAAAAAAAAAAAAAAAAAA/extra", "/clips"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["code"] as? String == "not_found")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func wrongMethodsAre405WithAllow() async throws {
        let service = try TestService()
        try await service.run { client in
            let patch = try await client.executeRequest(uri: "/api/worries", method: .patch, headers: [:], body: nil)
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.errorCode == "method_not_allowed")
            #expect(patch.headers[.allow] == "GET, HEAD, POST")
            let delete = try await client.executeRequest(uri: "/api/sky", method: .delete, headers: [:], body: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD")
            let put = try await client.executeRequest(uri: "/w/AAAAAAAAAAAAAAAAAAAAAA", method: .put, headers: [:], body: nil)
            #expect(put.status == .methodNotAllowed)
        }
    }

    @Test func headWorksWhereGetDoes() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.executeRequest(uri: "/healthz", method: .head, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test func hummingbirdsOwnErrorsAreMapped() {
        let logger = LogCapture().logger()
        let notFound = ErrorMiddleware.apiError(for: HTTPError(.notFound), logger: logger)
        #expect(notFound.code == "not_found")
        let tooLarge = ErrorMiddleware.apiError(for: HTTPError(.contentTooLarge), logger: logger)
        #expect(tooLarge.code == "body_too_large")
        let decoding = ErrorMiddleware.apiError(
            for: DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "x")), logger: logger)
        #expect(decoding.status == .badRequest)
        #expect(decoding.code == "invalid_json")
        struct Mystery: Error {}
        let other = ErrorMiddleware.apiError(for: Mystery(), logger: logger)
        #expect(other.status == .internalServerError)
        #expect(other.code == "internal_error")
    }

    @Test func healthAndMetricsAnswer() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("metrics")
            _ = try await client.get("/nope")
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            // request counts are process-wide (swift-metrics' one backend) and other tests run
            // alongside: at least this test's requests
            let parsed = MetricsText(metrics.text)
            #expect(
                parsed.value("dumpit_http_requests_total", ["route": "/api/worries", "method": "POST", "status": "201"]) ?? 0 >= 1
            )
            #expect(
                parsed.value("dumpit_http_requests_total", ["route": "NotFound", "method": "GET", "status": "404"]) ?? 0 >= 1)
            #expect(parsed.value("dumpit_render_queue_depth") == 1)
            #expect(parsed.types["dumpit_render_duration_seconds"] == "histogram")
            #expect(parsed.value("dumpit_render_duration_seconds_bucket", ["le": "+Inf"]) == 0)
        }
    }
}
