import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("My worries: GET /api/worries")
struct MyWorriesTests {
    @Test func listsOnlyMyLiveWorriesNewestFirstWithClipsAndStars() async throws {
        let service = try TestService { $0.ttl = 600 }
        let clock = service.clock
        try await service.run { client in
            let me = Fixture.token()
            let first = try #require(try await client.postWorry("첫 번째 걱정", token: me).worryID)
            clock.advance(by: 200)
            _ = try await client.postWorry("남의 걱정", token: Fixture.token())
            let second = try #require(try await client.postWorry("두 번째 걱정", token: me).worryID)
            // The same words as someone else's: my worry shares their star.
            let third = try #require(try await client.postWorry("남의 걱정", token: me).worryID)

            let response = try await client.get("/api/worries", headers: Fixture.headers(token: me))
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "private, no-store")
            #expect(response.json["total"] as? Int == 3)
            let listed = try #require(response.json["worries"] as? [[String: Any]])
            let ids = listed.map { ($0["worry"] as? [String: Any])?["id"] as? String }
            #expect(ids == [third, second, first])
            let newest = listed[0]
            #expect(newest["share"] as? String == "/w/\(third)")
            let clip = try #require(newest["clip"] as? [String: Any])
            #expect(clip["mp4"] as? String == "/clips/\(third).mp4")
            #expect(["queued", "rendering", "ready"].contains(clip["status"] as? String))

            // Each star id is the id of the star showing those words in the public sky.
            let sky = try await client.get("/api/sky")
            let nodes = try #require(sky.json["nodes"] as? [[String: Any]])
            var starOf: [String: String] = [:]
            for node in nodes { starOf[node["text"] as! String] = node["id"] as? String }
            #expect(starOf.count == 3)
            for entry in listed {
                let text = try #require((entry["worry"] as? [String: Any])?["text"] as? String)
                #expect(entry["star"] as? String == starOf[text], "\(text)")
            }

            // Someone else sees only theirs; a worry that expired is gone from the list.
            let other = try await client.get("/api/worries", headers: Fixture.headers(token: Fixture.token()))
            #expect(other.status == .ok)
            #expect((other.json["worries"] as? [Any])?.isEmpty == true)
            #expect(other.json["total"] as? Int == 0)
            clock.advance(by: 450)
            let later = try await client.get("/api/worries", headers: Fixture.headers(token: me))
            let left = try #require(later.json["worries"] as? [[String: Any]])
            #expect(left.map { ($0["worry"] as? [String: Any])?["id"] as? String } == [third, second])
        }
    }

    @Test func needsAValidOwnerToken() async throws {
        let service = try TestService()
        try await service.run { client in
            let missing = try await client.get("/api/worries")
            #expect(missing.status == .unauthorized)
            #expect(missing.errorCode == "missing_owner_token")
            let malformed = try await client.get("/api/worries", headers: Fixture.headers(token: "short"))
            #expect(malformed.status == .unauthorized)
            #expect(malformed.errorCode == "invalid_owner_token")
            let put = try await client.executeRequest(
                uri: "/api/worries", method: .put, headers: Fixture.headers(token: Fixture.token()), body: nil)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, HEAD, POST")
        }
    }

    @Test func listsAtMostTheNewestHundred() async throws {
        let service = try TestService {
            $0.rateLimitPerOwner = 1000
            $0.rateLimitPerAddress = 1000
        }
        try await service.run { client in
            let me = Fixture.token()
            var ids: [String] = []
            for n in 0..<(WorryController.myWorriesLimit + 3) {
                ids.append(try #require(try await client.postWorry("걱정 \(n)", token: me).worryID))
                service.clock.advance(by: 1)
            }
            let response = try await client.get("/api/worries", headers: Fixture.headers(token: me))
            #expect(response.json["total"] as? Int == WorryController.myWorriesLimit + 3)
            let listed = try #require(response.json["worries"] as? [[String: Any]])
            #expect(listed.count == WorryController.myWorriesLimit)
            #expect(listed.first.flatMap { ($0["worry"] as? [String: Any])?["id"] as? String } == ids.last)
        }
    }
}
