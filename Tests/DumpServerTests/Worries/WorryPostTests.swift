import DumpDoor
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("POST /api/worries")
struct WorryPostTests {
    @Test func aValidWorryIsStoredDurablyAndAnsweredWith201() async throws {
        let service = try TestService()
        let store = service.store
        try await service.run { client in
            let response = try await client.postWorry("  회사 가기 싫어요 \n")
            #expect(response.status == .created)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let json = response.json
            let worry = try #require(json["worry"] as? [String: Any])
            let id = try #require(worry["id"] as? String)
            #expect(worry["text"] as? String == "회사 가기 싫어요")
            #expect(worry["createdAt"] is String)
            #expect(worry["expiresAt"] is String)
            #expect(response.headers[.location] == "/api/worries/\(id)")
            let clip = try #require(json["clip"] as? [String: Any])
            #expect(clip["status"] as? String == "queued")
            #expect(clip["waitSeconds"] as? Int != nil)
            #expect(clip["webm"] as? String == "/clips/\(id).webm")
            #expect(clip["mp4"] as? String == "/clips/\(id).mp4")
            #expect(clip["thumbnail"] as? String == "/clips/\(id).png")
            #expect(json["share"] as? String == "/w/\(id)")
            let sky = try #require(json["sky"] as? [String: Any])
            let nodes = try #require(sky["nodes"] as? [[String: Any]])
            #expect(nodes.count == 1)
            #expect(nodes.first?["text"] as? String == "회사 가기 싫어요")
            // The 201 is sent only after the store call returned: the row is there.
            let stored = try await store.worry(id: try #require(WorryID(id)))
            #expect(stored?.text == "회사 가기 싫어요")
            #expect(try await store.stats() == WorryStats(people: 1, worries: 1))
        }
    }

    @Test func theTTLSetsExpiry() async throws {
        let service = try TestService { $0.ttl = 90 * 60 }
        let now = service.clock.now()
        let store = service.store
        try await service.run { client in
            let response = try await client.postWorry("ttl")
            let id = try #require(response.worryID.flatMap(WorryID.init))
            let worry = try #require(try await store.worry(id: id))
            #expect(abs(worry.expiresAt.timeIntervalSince(now) - 5400) < 0.001)
        }
    }

    @Test(
        "Bodies that are not what the endpoint expects get 400 with a code",
        arguments: [
            ("not json", Array("{text: hi}".utf8), "invalid_json"),
            ("array", Array("[\"hi\"]".utf8), "invalid_json"),
            ("string", Array("\"hi\"".utf8), "invalid_json"),
            ("empty body", [], "invalid_json"),
            ("no text", Array("{\"words\": \"hi\"}".utf8), "missing_text"),
            ("number", Array("{\"text\": 42}".utf8), "invalid_text"),
            ("null", Array("{\"text\": null}".utf8), "invalid_text"),
            ("object", Array("{\"text\": {\"a\": 1}}".utf8), "invalid_text"),
            ("broken UTF-8", Array("{\"text\": \"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"}".utf8), "invalid_utf8"),
            ("lone continuation byte", [0x80], "invalid_utf8"),
            ("empty", Array("{\"text\": \"\"}".utf8), "empty_text"),
            ("whitespace", Array("{\"text\": \" \\n\\t \\u3000 \"}".utf8), "empty_text"),
            ("NUL", Array("{\"text\": \"a\\u0000b\"}".utf8), "control_characters"),
            ("bell", Array("{\"text\": \"a\\u0007b\"}".utf8), "control_characters"),
            ("only invisible characters", Array("{\"text\": \"\\u200b\\u3164\\u200d\\u2060\"}".utf8), "empty_text"),
            ("C1 control", Array("{\"text\": \"a\\u0085b\"}".utf8), "control_characters"),
        ] as [(String, [UInt8], String)])
    func badBodiesAreRejected(name: String, bytes: [UInt8], code: String) async throws {
        let service = try TestService()
        let store = service.store
        try await service.run { client in
            let response = try await client.postRaw(bytes)
            #expect(response.status == .badRequest, "\(name)")
            #expect(response.errorCode == code, "\(name): \(response.text)")
            #expect((response.json["error"] as? [String: Any])?["message"] is String)
            #expect(try await store.stats().worries == 0)
        }
    }

    @Test func newlinesAndTabsInsideAreKept() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.postWorry("first line\nsecond\tline")
            #expect(response.status == .created)
            #expect((response.json["worry"] as? [String: Any])?["text"] as? String == "first line\nsecond\tline")
        }
    }

    @Test func fiveHundredGraphemesAreAcceptedAndFiveHundredOneAreNot() async throws {
        let service = try TestService()
        try await service.run { client in
            // A family emoji is several scalars but one grapheme cluster.
            let family = "👨‍👩‍👧‍👦"
            let ok = try await client.postWorry(String(repeating: family, count: 500))
            #expect(ok.status == .created)
            let hangul = try await client.postWorry(String(repeating: "가", count: 500))
            #expect(hangul.status == .created)
            let long = try await client.postWorry(String(repeating: "가", count: 501))
            #expect(long.status == .badRequest)
            #expect(long.errorCode == "text_too_long")
        }
    }

    @Test func aBodyOver16KiBIs413() async throws {
        let service = try TestService()
        try await service.run { client in
            let huge = Array("{\"text\": \"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 17 * 1024) + Array("\"}".utf8)
            let response = try await client.postRaw(huge)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "body_too_large")
        }
    }

    @Test func aBodyOver16KiBIs413OnALiveServerToo() async throws {
        let service = try TestService()
        try await service.run(.live) { client in
            let huge = Array("{\"text\": \"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 40 * 1024) + Array("\"}".utf8)
            let response = try await client.postRaw(huge)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "body_too_large")
        }
    }

    @Test(
        "A missing or malformed owner token is 401",
        arguments: [
            (nil, "missing_owner_token"),
            ("short", "invalid_owner_token"),
            (String(repeating: "a", count: 31), "invalid_owner_token"),
            (String(repeating: "a", count: 129), "invalid_owner_token"),
            (String(repeating: "a", count: 40) + "!", "invalid_owner_token"),
            (String(repeating: "a", count: 40) + " b", "invalid_owner_token"),
            (String(repeating: "가", count: 40), "invalid_owner_token"),
        ] as [(String?, String)])
    func badTokensAre401(token: String?, code: String) async throws {
        let service = try TestService()
        let store = service.store
        try await service.run { client in
            let response = try await client.postWorry("hello", token: token)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == code)
            #expect(try await store.stats().worries == 0)
        }
    }

    @Test func onlyTokensThisSiteHandedOutAreAcceptedAndEachNetworkGetsOnlySoMany() async throws {
        let service = try TestService { $0.tokenLimitPerAddress = 3 }
        let store = service.store
        try await service.run(.live) { client in
            // well-formed but made up (as the page's own were): refused, nothing stored
            for madeUp in [String(repeating: "A-_9", count: 8), String(repeating: "z", count: 128), Fixture.madeUpToken()] {
                let refused = try await client.postWorry("a", token: madeUp)
                #expect(refused.status == .unauthorized)
                #expect(refused.errorCode == "unknown_owner_token")
            }
            #expect(try await store.stats().worries == 0)
            // one handed out: accepted
            let issued = try await client.executeRequest(uri: "/api/owner-tokens", method: .post, headers: [:], body: nil)
            #expect(issued.status == .created)
            #expect(issued.headers[.cacheControl] == "no-store")
            let token = try #require(issued.json["token"] as? String)
            #expect(token.utf8.count == 43 && OwnerToken(token) != nil)
            #expect(try await client.postWorry("b", token: token).status == .created)
            let mine = try await client.get("/api/worries", headers: Fixture.headers(token: token))
            #expect((mine.json["worries"] as? [Any])?.count == 1)
            // a signature is of the whole token: one character changed is refused
            var flipped = Array(token)
            flipped[5] = flipped[5] == "A" ? "B" : "A"
            #expect(try await client.postWorry("c", token: String(flipped)).errorCode == "unknown_owner_token")
            // three an hour for one network
            for _ in 0..<2 {
                #expect(
                    try await client.executeRequest(uri: "/api/owner-tokens", method: .post, headers: [:], body: nil).status
                        == .created)
            }
            let limited = try await client.executeRequest(uri: "/api/owner-tokens", method: .post, headers: [:], body: nil)
            #expect(limited.status == .tooManyRequests && limited.errorCode == "rate_limited")
            #expect((1...3600).contains(Int(limited.headers[.retryAfter] ?? "") ?? 0))
        }
    }

    @Test func theStoresKeySignsTheTokensSoEveryNodeOnItAcceptsThem() async throws {
        let store = try SQLiteWorryStore.inMemory()
        let one = try TestService(store: store) { $0.ownerTokenKey = nil }
        let two = try TestService(store: store) { $0.ownerTokenKey = nil }
        try await one.run { a in
            try await two.run { b in
                let issued = try await a.executeRequest(uri: "/api/owner-tokens", method: .post, headers: [:], body: nil)
                let token = try #require(issued.json["token"] as? String)
                #expect(try await b.postWorry("다른 노드에서", token: token).status == .created)
                #expect(try await b.postWorry("테스트 키로", token: Fixture.token()).errorCode == "unknown_owner_token")
            }
        }
    }

    @Test func theDoorsLimitIsServedForThePage() async throws {
        let service = try TestService()
        try await service.run { client in
            let limits = try await client.get("/api/limits")
            #expect(limits.status == .ok)
            #expect((limits.json["text"] as? [String: Any])?["maxCharacters"] as? Int == Door.maxGraphemes)
            #expect(limits.json["bodyBytes"] as? Int == service.configuration.maxBodyBytes)
            // and it is the limit the door holds
            let atLimit = try await client.postWorry(String(repeating: "가", count: Door.maxGraphemes))
            let over = try await client.postWorry(String(repeating: "가", count: Door.maxGraphemes + 1))
            #expect(atLimit.status == .created && over.errorCode == "text_too_long")
        }
    }

    @Test func statsCountPeopleAndWorries() async throws {
        let service = try TestService()
        try await service.run { client in
            let me = Fixture.token()
            _ = try await client.postWorry("one", token: me)
            _ = try await client.postWorry("two", token: me)
            _ = try await client.postWorry("three", token: Fixture.token())
            let stats = try await client.get("/api/stats")
            #expect(stats.status == .ok)
            #expect(stats.json["people"] as? Int == 2)
            #expect(stats.json["worries"] as? Int == 3)
        }
    }
}
