import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import Testing

@Suite("Sky: GET /api/sky, /sky.png, /sky.webm")
struct SkyTests {
    @Test func theSkyHoldsEveryLiveWorryGroupedByText() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("회사 가기 싫어요")
            _ = try await client.postWorry("회사 가기 싫어요")
            _ = try await client.postWorry("시험이 무서워")
            let response = try await client.get("/api/sky")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let layout = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: Data(response.body.readableBytesView))
            #expect(layout.nodes.count == 2)
            #expect(layout.nodes.first?.text == "회사 가기 싫어요")
            #expect(layout.nodes.first?.count == 2)
            #expect(layout.seed == ServiceConfiguration.defaultSkySeed & SkyLayout.maxSeed)
        }
    }

    @Test func theLayoutIsNotRecomputedPerRequest() async throws {
        let service = try TestService()
        let layouts = service.parts.skyLayouts
        try await service.run { client in
            _ = try await client.postWorry("한 번만 계산")
            let afterPost = await layouts.computations
            for _ in 0..<20 {
                #expect(try await client.get("/api/sky").status == .ok)
            }
            #expect(await layouts.computations == afterPost)
            _ = try await client.postWorry("새 걱정")
            _ = try await client.get("/api/sky")
            #expect(await layouts.computations == afterPost + 1)
        }
    }

    @Test func anExpiryInvalidatesTheCachedSkyWithoutASweep() async throws {
        let service = try TestService { $0.ttl = 600 }
        let clock = service.clock
        try await service.run { client in
            _ = try await client.postWorry("먼저 사라짐")
            clock.advance(by: 300)
            _ = try await client.postWorry("나중에 사라짐")
            let before = try await client.get("/api/sky")
            #expect((before.json["nodes"] as? [Any])?.count == 2)
            clock.advance(by: 300)
            let after = try await client.get("/api/sky")
            let nodes = try #require(after.json["nodes"] as? [[String: Any]])
            #expect(nodes.map { $0["text"] as? String } == ["나중에 사라짐"])
        }
    }

    @Test func anUnchangedSkyAnswers304ToItsETag() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("etag")
            let first = try await client.get("/api/sky")
            let etag = try #require(first.headers[.eTag])
            let second = try await client.get("/api/sky", headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
        }
    }

    @Test func mineShowsOnlyMyWorriesAndNeedsAToken() async throws {
        let service = try TestService()
        try await service.run { client in
            let me = Fixture.token()
            _ = try await client.postWorry("내 걱정", token: me)
            _ = try await client.postWorry("남의 걱정", token: Fixture.token())
            let mine = try await client.get("/api/sky?scope=mine", headers: Fixture.headers(token: me))
            #expect(mine.status == .ok)
            #expect(mine.headers[.cacheControl] == "private, no-store")
            let nodes = try #require(mine.json["nodes"] as? [[String: Any]])
            #expect(nodes.map { $0["text"] as? String } == ["내 걱정"])

            let all = try await client.get("/api/sky")
            let allNodes = try #require(all.json["nodes"] as? [[String: Any]])
            // The same star sits at the same place in both skies.
            let shared = try #require(allNodes.first { $0["text"] as? String == "내 걱정" })
            #expect(shared["x"] as? Double == nodes[0]["x"] as? Double)

            let anonymous = try await client.get("/api/sky?scope=mine")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "missing_owner_token")
            let malformed = try await client.get("/api/sky?scope=mine", headers: Fixture.headers(token: "nope"))
            #expect(malformed.status == .unauthorized)
            let bad = try await client.get("/api/sky?scope=everyone")
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_scope")
        }
    }

    @Test(
        "Sky picture sizes other than the few served are 400",
        arguments: [
            "w=640&h=360", "w=1921&h=1080", "w=7680&h=4320", "w=1920", "h=1080", "w=abc&h=1080", "w=1920.5&h=1080",
            "w=-1&h=1080", "w=&h=1080", "size=7680x4320", "size=1920x1080&w=1920&h=1080", "size=", "size=1920×1080",
            "w=01920&h=1080",
        ])
    func badSkySizesAre400(query: String) async throws {
        let skies = BlankSkyPaintings()
        let service = try TestService(skies: skies)
        try await service.run { client in
            let response = try await client.get("/sky.png?\(query)")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_size")
            #expect(
                (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                    == "The size must be one of 1280x720, 1920x1080, 3840x2160, 1080x1920.")
        }
        #expect(skies.paintings == 0)
    }

    @Test func theSkyPictureIsPaintedOncePerRevisionAndAtMostEveryFewSeconds() async throws {
        let skies = BlankSkyPaintings()
        let service = try TestService(skies: skies) { $0.skyCacheSeconds = 5 }
        let clock = service.clock
        try await service.run { client in
            _ = try await client.postWorry("그림")
            let first = try await client.get("/sky.png?w=1280&h=720")
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "image/png")
            #expect(Array(first.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            for _ in 0..<5 { _ = try await client.get("/sky.png?w=1280&h=720") }
            #expect(skies.paintings == 1)
            // the same sky later: not painted again
            clock.advance(by: 5)
            _ = try await client.get("/sky.png?w=1280&h=720")
            #expect(skies.paintings == 1, "same revision, same picture")
            // a new worry: the older picture is served while the new one is painted, once
            _ = try await client.postWorry("새 그림")
            clock.advance(by: 5)
            let stale = try await client.get("/sky.png?w=1280&h=720")
            #expect(stale.headers[.eTag] == first.headers[.eTag])
            #expect(
                try await eventually {
                    try await client.get("/sky.png?w=1280&h=720").headers[.eTag] != first.headers[.eTag]
                })
            #expect(skies.paintings == 2)
            #expect(try await client.get("/sky.png?size=1080x1920").status == .ok)
            #expect(skies.paintings == 3)
            _ = try await client.get("/sky.png?w=1080&h=1920")
            #expect(skies.paintings == 3, "the pair names the same size")
            let defaultSize = try await client.get("/sky.png")
            #expect(defaultSize.status == .ok)
            #expect(skies.paintings == 4)
        }
    }

    @Test func aPictureLongOutOfDateIsNotServedWhileTheNewOneIsPainted() async throws {
        let skies = BlankSkyPaintings()
        let service = try TestService(skies: skies) { $0.skyCacheSeconds = 5 }
        let clock = service.clock
        try await service.run { client in
            let first = try await client.get("/sky.png?w=1280&h=720")
            _ = try await client.postWorry("숨겨질 별")
            clock.advance(by: SkyImageCache.staleLimit + 1)
            let next = try await client.get("/sky.png?w=1280&h=720")
            #expect(next.status == .ok && next.headers[.eTag] != first.headers[.eTag], "waited for the new sky")
        }
    }

    @Test func requestsWaitingForPaintingsAreBoundedAndTheRestAre503WithRetryAfter() async throws {
        let skies = HeldSkyPaintings()
        let service = try TestService(skies: skies)
        try await service.run { client in
            let busy = NIOLockedValueBox(0)
            try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await client.get("/sky.png?w=3840&h=2160") }
                }
                #expect(try await eventually { skies.started == 1 })
                for _ in 0..<20 {
                    group.addTask {
                        let answer = try await client.get("/sky.png?w=1920&h=1080")
                        if answer.status == .serviceUnavailable { busy.withLockedValue { $0 += 1 } }
                        return answer
                    }
                }
                // 16 wait at most: of the 23, 7 are told to come back
                #expect(try await eventually { busy.withLockedValue { $0 } == 7 })
                skies.release()
                var answers: [TestResponse] = []
                for try await answer in group { answers.append(answer) }
                let refused = answers.filter { $0.status == .serviceUnavailable }
                #expect(refused.count == 7 && answers.filter { $0.status == .ok }.count == 16)
                #expect(refused.allSatisfy { $0.errorCode == "busy" && $0.headers[.retryAfter] == "2" })
            }
            #expect(skies.started <= 2, "one painting per size")
        }
    }

    @Test func withoutASkyPainterTheImagesAre503() async throws {
        let service = try TestService(skies: UnavailableSkyRendering())
        try await service.run { client in
            let png = try await client.get("/sky.png?w=1280&h=720")
            #expect(png.status == .serviceUnavailable)
            #expect(png.errorCode == "renderer_unavailable")
            let loop = try await client.get("/sky.webm")
            #expect(loop.status == .serviceUnavailable)
        }
    }

    @Test func theSkyLoopIsRenderedInTheBackgroundThenServed() async throws {
        let service = try TestService(skies: BlankSkyPaintings())
        try await service.run { client in
            _ = try await client.postWorry("loop")
            let first = try await client.get("/sky.webm")
            #expect(first.status == .accepted)
            #expect(first.headers[.retryAfter] != nil)
            #expect(try await eventually { try await client.get("/sky.webm").status == .ok })
            let ready = try await client.get("/sky.webm")
            #expect(ready.headers[.contentType] == "video/webm")
            #expect(ready.headers[.acceptRanges] == "bytes")
            #expect(Array(ready.body.readableBytesView.prefix(4)) == [0x1A, 0x45, 0xDF, 0xA3])
        }
    }
}
