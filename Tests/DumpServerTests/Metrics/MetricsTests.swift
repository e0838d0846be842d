@testable import DumpServer
import DumpStore
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Testing

@Suite("Metrics")
struct MetricsTests {
    /// `/metrics` of the client's app, parsed.
    static func scrape(_ client: any TestClientProtocol) async throws -> MetricsText {
        let response = try await client.get("/metrics")
        #expect(response.status == .ok)
        return MetricsText(response.text)
    }

    @Test func fivePostsMoveTheRenderStoreAndRequestCounts() async throws {
        let clips = SolidColourClips()
        let service = try TestService(clips: clips) { $0.renderWorkers = 1 }
        let texts = (1...5).map { "지표 고민 \($0)" }
        try await service.run { client in
            let before = try await Self.scrape(client)
            // every render series exists at 0 before the first render
            for format in ["mp4", "webm", "story"] {
                #expect(before.value("dumpit_renders_started_total", ["format": format]) == 0)
                #expect(before.value("dumpit_renders_failed_total", ["format": format]) == 0)
            }
            #expect(before.value("dumpit_render_lease_rescues_total") == 0)
            let posted =
                before.value("dumpit_http_requests_total", ["route": "/api/worries", "method": "POST", "status": "201"]) ?? 0

            var ids: [String] = []
            for text in texts {
                ids.append(try #require(try await client.postWorry(text).worryID))
            }
            #expect(
                try await eventually {
                    try await Self.scrape(client).value("dumpit_renders_finished_total", ["format": "mp4"]) == 5
                })
            let after = try await Self.scrape(client)
            #expect(after.value("dumpit_renders_started_total", ["format": "mp4"]) == 5)
            #expect(after.value("dumpit_renders_failed_total") == 0)
            #expect(after.value("dumpit_renders_retried_total") == 0)
            #expect(after.value("dumpit_render_duration_seconds_count") == 5)
            #expect(after.value("dumpit_render_stage_seconds_count", ["stage": "render"]) == 5)
            #expect(after.value("dumpit_render_stage_seconds_count", ["stage": "store"]) == 5)
            #expect(after.value("dumpit_post_to_ready_seconds_count") == 5)
            #expect(after.value("dumpit_store_query_seconds_count", ["operation": "add_worry"]) == 5)
            #expect(after.value("dumpit_render_queue_depth") == 0)
            #expect(after.value("dumpit_sky_layout_seconds_count") ?? 0 >= 1)
            #expect(after.value("dumpit_sky_nodes") == 5)
            #expect(after.value("dumpit_live_worries") == 5)
            // other tests post alongside: at least these five
            #expect(
                after.value("dumpit_http_requests_total", ["route": "/api/worries", "method": "POST", "status": "201"]) ?? 0
                    >= posted + 5)

            // clip bytes: one MP4 download
            let clip = try await client.get("/clips/\(ids[0]).mp4")
            #expect(clip.status == .ok)
            let served = try await Self.scrape(client).value("dumpit_clip_bytes_served_total", ["format": "mp4"])
            #expect(served == Double(clip.body.readableBytes))
            // a HEAD sends no bytes
            #expect(
                try await client.executeRequest(uri: "/clips/\(ids[0]).mp4", method: .head, headers: [:], body: nil).status == .ok
            )
            #expect(try await Self.scrape(client).value("dumpit_clip_bytes_served_total", ["format": "mp4"]) == served)

            // no label carries an id or a text
            _ = try await client.get("/api/worries/\(ids[1])")
            let labels = try await Self.scrape(client).labelValues
            for value in labels {
                #expect(!ids.contains { value.contains($0) }, "label \(value) holds a worry id")
                #expect(!texts.contains { value.contains($0) }, "label \(value) holds a worry's text")
            }
            #expect(labels.contains("/api/worries/{id}"))
        }
    }

    @Test func rateLimitRefusalsAreCountedByLimit() async throws {
        let service = try TestService { $0.rateLimitPerOwner = 1 }
        try await service.run { client in
            let token = Fixture.token()
            #expect(try await client.postWorry("한 번", token: token).status == .created)
            #expect(try await client.postWorry("두 번", token: token).status == .tooManyRequests)
            let metrics = try await Self.scrape(client)
            #expect(metrics.value("dumpit_rate_limited_total", ["limit": "owner"]) == 1)
            #expect(metrics.value("dumpit_rate_limited_total", ["limit": "address"]) == 0)
        }
    }

    @Test func queueGaugesReadTheProbeAtEachScrape() async throws {
        let reading = NIOLockedValueBox(RenderQueueReading(depth: 7, oldestPendingAge: .seconds(42.5)))
        let service = try TestService(renderQueueProbe: RenderQueueProbe { reading.withLockedValue { $0 } })
        try await service.run { client in
            var metrics = try await Self.scrape(client)
            #expect(metrics.value("dumpit_render_queue_depth") == 7)
            #expect(metrics.value("dumpit_render_queue_oldest_pending_seconds") == 42.5)
            reading.withLockedValue { $0 = RenderQueueReading(depth: 0) }
            metrics = try await Self.scrape(client)
            #expect(metrics.value("dumpit_render_queue_depth") == 0)
            #expect(metrics.value("dumpit_render_queue_oldest_pending_seconds") == 0)
        }
    }

    @Test func leaseRescuesAndRetriesAreCounted() {
        let metrics = ServiceMetrics()
        metrics.recordLeaseRescues(3)
        metrics.recordLeaseRescues(0)
        metrics.recordRender(seconds: 1, succeeded: false, format: .mp4, retrying: true)
        metrics.recordRender(seconds: 1, succeeded: false, format: .webm)
        let parsed = MetricsText(metrics.prometheusText())
        #expect(parsed.value("dumpit_render_lease_rescues_total") == 3)
        #expect(parsed.value("dumpit_renders_retried_total", ["format": "mp4"]) == 1)
        #expect(parsed.value("dumpit_renders_failed_total", ["format": "mp4"]) == 0)
        #expect(parsed.value("dumpit_renders_failed_total", ["format": "webm"]) == 1)
    }

    @Test func theMetricsListenerAnswersOnItsOwnPort() async throws {
        let metrics = ServiceMetrics()
        metrics.recordLeaseRescues(2)
        let ports = AsyncStream.makeStream(of: Int.self)
        let listener = MetricsListener(
            port: 0, metrics: metrics, queue: RenderQueueProbe { RenderQueueReading(depth: 4) },
            logger: LogCapture().logger(), onRunning: { ports.continuation.yield($0) })
        let group = ServiceGroup(services: [listener], gracefulShutdownSignals: [], logger: LogCapture().logger())
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(port > 0)

            let (body, response) = try await Self.get("http://127.0.0.1:\(port)/metrics")
            #expect(response.statusCode == 200)
            #expect((response.value(forHTTPHeaderField: "Content-Type") ?? "").hasPrefix("text/plain; version=0.0.4"))
            let parsed = MetricsText(body)
            #expect(parsed.value("dumpit_render_lease_rescues_total") == 2)
            #expect(parsed.value("dumpit_render_queue_depth") == 4)

            let (health, healthResponse) = try await Self.get("http://127.0.0.1:\(port)/healthz")
            #expect(healthResponse.statusCode == 200)
            #expect(health.contains("\"ok\""))
            #expect(try await Self.get("http://127.0.0.1:\(port)/api/worries").1.statusCode == 404)

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func anUnhealthyWorkerAnswers503WithTheErrorShape() async throws {
        let listener = MetricsListener(port: 0, metrics: ServiceMetrics(), logger: LogCapture().logger(), health: { false })
        try await listener.application().test(.router) { client in
            let response = try await client.get("/healthz")
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "unhealthy")
        }
    }

    /// GET over a real socket.
    static func get(_ url: String) async throws -> (String, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        return (String(decoding: data, as: UTF8.self), try #require(response as? HTTPURLResponse))
    }
}
