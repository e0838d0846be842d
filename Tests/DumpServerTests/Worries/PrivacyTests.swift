import DumpEngine
@testable import DumpServer
@testable import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Privacy")
struct PrivacyTests {
    @Test func theOwnerTokenNeverLeavesTheServer() async throws {
        let token = Fixture.token()
        let service = try TestService(clips: SolidColourClips(), skies: BlankSkyPaintings()) {
            $0.renderWorkers = 1
            $0.rateLimitPerOwner = 2
        }
        let store = service.store
        let seen: [String] = try await service.run { client in
            var seen: [String] = []
            func record(_ response: TestResponse) {
                seen.append(response.text)
                for field in response.headers { seen.append("\(field.name.rawName): \(field.value)") }
            }
            let created = try await client.postWorry("비밀 토큰", token: token)
            record(created)
            let id = try #require(created.worryID)
            #expect(try await eventually { try await store.clipStatus(worryID: WorryID(id)!) == .ready })
            let headers = Fixture.headers(token: token)
            for uri in [
                "/api/worries/\(id)", "/api/worries", "/api/sky", "/api/sky?scope=mine", "/api/stats", "/w/\(id)",
                "/clips/\(id).webm", "/clips/\(id).png", "/metrics", "/healthz", "/posters", "/nope",
                "/sky.png?w=1280&h=720",
            ] {
                record(try await client.get(uri, headers: headers))
            }
            record(try await client.get("/safety", headers: headers))
            let sky = try await client.get("/api/sky")
            let star = try #require((sky.json["nodes"] as? [[String: Any]])?.first?["id"] as? String)
            record(try await client.report(star, reason: "other", token: token))
            record(try await client.report(star, reason: "nope", token: token))
            record(try await client.deleteWorry("AAAAAAAAAAAAAAAAAAAAAA", token: token))
            record(try await client.postWorry("두 번째", token: token))
            record(try await client.postWorry("세 번째 (429)", token: token))
            record(try await client.postWorry("", token: token))
            record(try await client.postWorry("bad token", token: token + "!"))
            return seen
        }
        // Neither the token nor the hash the store keeps of it (nor half of that hash).
        let hash = OwnerHash(try #require(OwnerToken(token))).hex
        let hashParts = [hash, String(hash.prefix(32)), String(hash.suffix(32))]
        func leaks(_ text: String) -> Bool {
            text.contains(token) || hashParts.contains { text.lowercased().contains($0) }
        }
        for text in seen {
            #expect(!leaks(text))
        }
        let logs = service.logs.lines
        #expect(!logs.isEmpty)
        for line in logs {
            #expect(!leaks(line), "log line leaks the token: \(line)")
        }
        // Request lines carry method, path, status and duration, never the query.
        #expect(logs.contains { $0.contains("request") && $0.contains("path=/api/sky") && $0.contains("status=200") })
        #expect(!logs.contains { $0.contains("scope=mine") })
    }

    @Test func thePublicSkyCarriesNoWorryIds() async throws {
        let service = try TestService()
        try await service.run { client in
            var ids: [String] = []
            for text in ["하나", "둘", "하나", "셋"] {
                ids.append(try #require(try await client.postWorry(text).worryID))
            }
            let sky = try await client.get("/api/sky").text
            for id in ids {
                #expect(!sky.contains(id))
            }
            let layout = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: Data(sky.utf8))
            #expect(layout.nodes.allSatisfy { $0.id.hasPrefix("n") && $0.id.count == 17 })
            let posted = try await client.postWorry("넷")
            let postedSky = try #require(posted.json["sky"] as? [String: Any])
            let postedJSON = try JSONSerialization.data(withJSONObject: postedSky)
            for id in ids {
                #expect(!String(decoding: postedJSON, as: UTF8.self).contains(id))
            }
        }
    }

    @Test func anArchivedNightHoldsNoTextsOrIds() async throws {
        let service = try TestService(skies: BlankSkyPaintings())
        let (site, clock, store) = (service.parts, service.clock, service.store)
        try await service.run { client in
            let id = try #require(try await client.postWorry("아무도 모르게").worryID)
            let night = try #require(try await site.nights.archive(dayContaining: clock.now()))
            let json = String(decoding: night.skyJSON, as: UTF8.self)
            #expect(!json.contains("아무도"))
            #expect(!json.contains(id))
            #expect(try await store.night(date: night.date) == night)
        }
    }
}
