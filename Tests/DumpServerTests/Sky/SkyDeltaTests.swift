import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sky deltas: GET /api/sky?since= and POST /api/worries?since=")
struct SkyDeltaTests {
    @Test func anUnknownVersionGetsTheWholeSkyWithItsVersion() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("처음 보는 하늘")
            for since in ["0", "garbage", "7-000000000000", ""] {
                let response = try await client.get("/api/sky?since=\(since)")
                #expect(response.status == .ok)
                #expect(response.json["full"] as? Bool == true)
                #expect((response.json["nodes"] as? [Any])?.count == 1)
                let version = try #require(response.json["version"] as? String)
                #expect(version.wholeMatch(of: /[0-9]+-[0-9a-f]{12}/) != nil)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func aKnownVersionGetsOnlyWhatChanged() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("회사 가기 싫어요")
            _ = try await client.postWorry("시험이 무서워")
            let first = try await client.get("/api/sky?since=0")
            let version = try #require(first.json["version"] as? String)

            let idle = try await client.get("/api/sky?since=\(version)")
            #expect(idle.json["full"] as? Bool == false)
            #expect(idle.json["version"] as? String == version)
            #expect((idle.json["nodes"] as? [Any])?.isEmpty == true)
            #expect(idle.json["stats"] == nil)
            #expect(idle.body.readableBytes < 400)

            _ = try await client.postWorry("회사 가기 싫어요")
            _ = try await client.postWorry("새로 온 걱정")
            let delta = try await client.get("/api/sky?since=\(version)")
            #expect(delta.json["full"] as? Bool == false)
            #expect(delta.json["since"] as? String == version)
            #expect(delta.json["version"] as? String != version)
            #expect(delta.json["nodeCount"] as? Int == 3)
            let nodes = try #require(delta.json["nodes"] as? [[String: Any]])
            let fresh = try #require(try await client.get("/api/sky").json["nodes"] as? [[String: Any]])
            for node in nodes {
                let index = try #require(node["i"] as? Int)
                #expect(fresh[index]["id"] as? String == node["id"] as? String)
            }
            #expect(Set(nodes.compactMap { $0["text"] as? String }).isSuperset(of: ["회사 가기 싫어요", "새로 온 걱정"]))
            let stats = try #require(delta.json["stats"] as? [String: Any])
            #expect(stats["worries"] as? Int == 4)
        }
    }

    @Test func aPostWithSinceCarriesOnlyTheDelta() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("먼저 있던 걱정")
            let version = try #require(try await client.get("/api/sky?since=0").json["version"] as? String)
            let posted = try await client.executeRequest(
                uri: "/api/worries?since=\(version)", method: .post, headers: Fixture.headers(token: Fixture.token()),
                body: Fixture.body("방금 버린 걱정"))
            #expect(posted.status == .created)
            let sky = try #require(posted.json["sky"] as? [String: Any])
            #expect(sky["full"] as? Bool == false)
            #expect(sky["nodeCount"] as? Int == 2)
            let nodes = try #require(sky["nodes"] as? [[String: Any]])
            #expect(nodes.contains { $0["text"] as? String == "방금 버린 걱정" })
            // Without since, the post still carries the whole node list.
            let plain = try await client.postWorry("세 번째")
            #expect(((plain.json["sky"] as? [String: Any])?["nodes"] as? [Any])?.count == 3)
        }
    }

    /// Two servers over one database: versions name the same sky on both, and a server that
    /// never laid out the page's sky answers with the whole sky.
    @Test func serversSharingADatabaseAgreeOnVersions() async throws {
        let store = try SQLiteWorryStore.inMemory()
        let clock = MovableWorryClock()
        let one = try TestService(store: store, clock: clock)
        let two = try TestService(store: store, clock: clock)
        try await one.run { a in
            try await two.run { b in
                _ = try await a.postWorry("첫 번째 서버에서")
                let v1 = try #require(try await a.get("/api/sky?since=0").json["version"] as? String)
                _ = try await a.postWorry("또 하나")
                // Server two never laid out v1.
                let full = try await b.get("/api/sky?since=\(v1)")
                #expect(full.json["full"] as? Bool == true)
                let v2 = try #require(full.json["version"] as? String)
                // Server one made the same sky and names it alike.
                let fromOne = try await a.get("/api/sky?since=\(v2)")
                #expect(fromOne.json["full"] as? Bool == false)
                #expect(fromOne.json["version"] as? String == v2)
                // And one still has v1: its delta leads to v2 too.
                let delta = try await a.get("/api/sky?since=\(v1)")
                #expect(delta.json["full"] as? Bool == false)
                #expect(delta.json["version"] as? String == v2)
            }
        }
    }

    /// Sequential posts lay the sky out once each: a page that polls every 1.5 s may be
    /// twenty skies behind and must still get a delta.
    @Test func aBurstOfPostsDoesNotPushThePagesSkyOutOfTheHistory() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("처음")
            let version = try #require(try await client.get("/api/sky?since=0").json["version"] as? String)
            for index in 0..<40 { _ = try await client.postWorry("연달아 온 걱정 \(index)") }
            let delta = try await client.get("/api/sky?since=\(version)")
            #expect(delta.json["full"] as? Bool == false)
            #expect(delta.json["nodeCount"] as? Int == 41)
            #expect(SkyLayoutCache.historyLimit(stars: 3_000) == 64)
            #expect(SkyLayoutCache.historyLimit(stars: 10_000) == 20)
            #expect(SkyLayoutCache.historyLimit(stars: 100_000) == 16)
        }
    }

    @Test func anExpiryWithoutASweepIsANewVersion() async throws {
        let service = try TestService { $0.ttl = 600 }
        let clock = service.clock
        try await service.run { client in
            _ = try await client.postWorry("곧 사라짐")
            clock.advance(by: 300)
            _ = try await client.postWorry("남아 있음")
            let version = try #require(try await client.get("/api/sky?since=0").json["version"] as? String)
            clock.advance(by: 301)
            let delta = try await client.get("/api/sky?since=\(version)")
            #expect(delta.json["full"] as? Bool == false)
            #expect(delta.json["version"] as? String != version)
            #expect((delta.json["removed"] as? [String])?.count == 1)
            #expect(delta.json["nodeCount"] as? Int == 1)
        }
    }
}
