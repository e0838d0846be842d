import DumpDoor
import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

extension TestClientProtocol {
    /// `DELETE /api/worries/{id}` with `token`.
    func deleteWorry(_ id: String, token: String?) async throws -> TestResponse {
        try await executeRequest(uri: "/api/worries/\(id)", method: .delete, headers: Fixture.headers(token: token), body: nil)
    }

    /// `POST /api/worries/{id}/reports` with `reason`, by `token`.
    func report(_ id: String, reason: String, token: String? = Fixture.token()) async throws -> TestResponse {
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["reason": reason]))
        return try await executeRequest(
            uri: "/api/worries/\(id)/reports", method: .post, headers: Fixture.headers(token: token), body: body)
    }

    /// The ids and texts of the public sky's stars.
    func skyStars() async throws -> [String: String] {
        let nodes = try await get("/api/sky").json["nodes"] as? [[String: Any]] ?? []
        var stars: [String: String] = [:]
        for node in nodes { stars[node["id"] as! String] = node["text"] as? String }
        return stars
    }
}

@Suite("Trust & safety through the service")
struct SafetyTests {
    @Test func personalDataIsMaskedBeforeStoringAndTheAnswerSaysWhat() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.postWorry("전화 010-2345-6789 메일 me@example.com 으로 연락 주세요")
            #expect(response.status == .created)
            #expect(response.json["masked"] as? [String] == ["phone", "email"])
            #expect(response.json["visibility"] as? String == "public")
            #expect(response.json["care"] == nil)
            let text = try #require((response.json["worry"] as? [String: Any])?["text"] as? String)
            #expect(!text.contains("2345") && !text.contains("6789") && !text.contains("example.com"))
            // The sky's texts (its numbers are coordinates, where any four digits may turn up).
            let shown = Array(try await client.skyStars().values)
            #expect(shown == [text])
            #expect(!(try await client.get("/api/sky").text.contains("example.com")))
            let id = try #require(response.worryID)
            #expect(!(try await client.get("/w/\(id)").text.contains("6789")))
            #expect(try await service.store.worry(id: WorryID(id)!)?.text == text)
            #expect(!service.logs.lines.joined().contains("6789"))
        }
    }

    @Test func aWorryInCrisisIsDumpedAnsweredWithCareAndKeptOffThePublicSky() async throws {
        let service = try TestService()
        try await service.run { client in
            let me = Fixture.token()
            let response = try await client.postWorry("그냥 다 끝내고 죽고 싶어요", token: me)
            #expect(response.status == .created)
            #expect(response.json["visibility"] as? String == "private")
            let care = try #require(response.json["care"] as? [String: Any])
            let lines = try #require(care["lines"] as? [[String: Any]])
            #expect(lines.first?["phone"] as? String == "109")
            #expect(lines.first?["hours"] as? String == "24시간")
            #expect(try await client.skyStars().isEmpty)
            let id = try #require(response.worryID)
            #expect(try await client.get("/w/\(id)").status == .notFound)
            // The writer still reads it, with its clip, under 내 고민 and by id.
            #expect(try await client.get("/api/worries/\(id)").status == .notFound)
            #expect(try await client.get("/api/worries/\(id)", headers: Fixture.headers(token: me)).status == .ok)
            let mine = try await client.get("/api/worries", headers: Fixture.headers(token: me))
            let listed = try #require(mine.json["worries"] as? [[String: Any]])
            #expect(listed.first?["visibility"] as? String == "private")

            // English words (or an English reader) get 988 and findahelpline.com.
            let english = try await client.postWorry("I just want to end it all tonight", headers: ["Accept-Language": "en-US"])
            let englishLines = try #require((english.json["care"] as? [String: Any])?["lines"] as? [[String: Any]])
            #expect(englishLines.first?["phone"] as? String == "988")
            #expect(englishLines.contains { ($0["url"] as? String)?.contains("findahelpline.com") == true })
        }
    }

    @Test func methodsAndRecruitingAreRefusedWithCareAndNothingIsStored() async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.postWorry("같이 죽을 사람 구해요")
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "not_allowed")
            let lines = try #require((response.json["care"] as? [String: Any])?["lines"] as? [[String: Any]])
            #expect(lines.first?["phone"] as? String == "109")
            #expect(try await service.store.stats().worries == 0)
            let metrics = service.parts.metrics.prometheusText()
            #expect(metrics.contains("dumpit_safety_events_total{event=\"refused\"} 1"))
        }
    }

    @Test func hateAimedAtAGroupStaysWithItsWriterButSwearingAtLifeIsPublic() async throws {
        let service = try TestService()
        try await service.run { client in
            let hate = try await client.postWorry("장애인 새끼들 다 죽어버려")
            #expect(hate.status == .created)
            #expect(hate.json["visibility"] as? String == "private")
            #expect(hate.json["care"] == nil)
            let swearing = try await client.postWorry("씨발 인생 왜 이래")
            #expect(swearing.json["visibility"] as? String == "public")
            #expect(Array(try await client.skyStars().values) == ["씨발 인생 왜 이래"])
        }
    }

    @Test func cleaningHappensAtTheDoorAndTheAnswerCarriesTheCleanText() async throws {
        let service = try TestService()
        try await service.run { client in
            let rtl = try await client.postWorry("abc\u{202E}def")
            #expect((rtl.json["worry"] as? [String: Any])?["text"] as? String == "abcdef")
            let blank = try await client.postWorry("\u{200B}\u{3164}\u{200D}\u{2060}")
            #expect(blank.status == .badRequest && blank.errorCode == "empty_text")
            let marks = try await client.postWorry("a" + String(repeating: "\u{0301}", count: 300))
            let text = try #require((marks.json["worry"] as? [String: Any])?["text"] as? String)
            #expect(text.unicodeScalars.count == 1 + Door.maxMarksPerBase)
            #expect(!(try await client.get("/api/sky").text.contains("\u{202E}")))
        }
    }

    @Test func onlyTheWriterDeletesAndTheStarAndShareLinkAreGone() async throws {
        let service = try TestService()
        try await service.run { client in
            let me = Fixture.token()
            let id = try #require(try await client.postWorry("지우고 싶은 고민", token: me).worryID)
            #expect(try await client.skyStars().count == 1)

            let stranger = try await client.deleteWorry(id, token: Fixture.token())
            #expect(stranger.status == .notFound)
            let unknown = try await client.deleteWorry("AAAAAAAAAAAAAAAAAAAAAA", token: me)
            #expect(unknown.status == .notFound && unknown.errorCode == stranger.errorCode && unknown.text == stranger.text)
            #expect(try await client.deleteWorry(id, token: nil).status == .unauthorized)

            #expect(try await client.deleteWorry(id, token: me).status == .noContent)
            #expect(try await client.skyStars().isEmpty)
            #expect(try await client.get("/w/\(id)").status == .gone)
            #expect(try await client.get("/clips/\(id).mp4").status == .notFound)
            #expect(try await client.get("/api/worries/\(id)").status == .notFound)
            #expect(try await client.deleteWorry(id, token: me).status == .notFound)
            #expect(service.parts.metrics.prometheusText().contains("dumpit_safety_events_total{event=\"deleted\"} 1"))
        }
    }

    @Test func reportsHideAStarAtTheThresholdAndEveryPublicSurfaceDropsIt() async throws {
        let service = try TestService()
        try await service.run { client in
            let spamID = try #require(try await client.postWorry("대출 상담 환영 무조건 승인").worryID)
            let infoID = try #require(try await client.postWorry("우리 반 김철수 집 주소 공개합니다").worryID)
            let stars = try await client.skyStars()
            let spam = try #require(stars.first { $0.value.hasPrefix("대출") }?.key)

            let reporter = Fixture.token()
            #expect(try await client.report(spam, reason: "spam", token: reporter).status == .accepted)
            #expect(try await client.report(spam, reason: "spam", token: reporter).status == .accepted)  // counted once
            #expect(try await client.report(spam, reason: "self_harm").status == .accepted)  // never hides
            #expect(try await client.report(spam, reason: "hate").status == .accepted)
            #expect(try await client.skyStars()[spam] != nil)
            #expect(try await client.report(spam, reason: "other").status == .accepted)
            #expect(try await client.skyStars()[spam] == nil)
            #expect(try await client.get("/w/\(spamID)").status == .notFound)
            #expect(try await client.get("/clips/\(spamID).png").status == .notFound)
            // Hidden stars cannot be reported any more (they are not in the sky).
            #expect(try await client.report(spam, reason: "spam").status == .notFound)

            // One personal_info report, by worry id from the share page, hides at once.
            #expect(try await client.report(infoID, reason: "personal_info").status == .accepted)
            #expect(try await client.skyStars().isEmpty)

            let bad = try await client.report(spamID, reason: "because")
            #expect(bad.status == .badRequest && bad.errorCode == "invalid_reason")
            #expect(try await client.report("n0123456789abcdef", reason: "spam").status == .notFound)
            #expect(try await client.report("not-an-id", reason: "spam").status == .notFound)
            let text = service.parts.metrics.prometheusText()
            #expect(text.contains("dumpit_safety_events_total{event=\"hidden\"} 2"))
            #expect(text.contains("dumpit_safety_events_total{event=\"reported\"} 5"))
        }
    }

    @Test func reportsAreRateLimitedPerAddress() async throws {
        let service = try TestService { $0.reportLimitPerAddress = 2 }
        try await service.run { client in
            let star = try #require(try await client.postWorry("자주 신고되는 별").worryID)
            #expect(try await client.report(star, reason: "spam").status == .accepted)
            #expect(try await client.report(star, reason: "spam").status == .accepted)
            let third = try await client.report(star, reason: "spam")
            #expect(third.status == .tooManyRequests && third.headers[.retryAfter] != nil)
        }
    }

    @Test func theSafetyPageNamesTheContactAndTheLinesInBothLanguages() async throws {
        let service = try TestService { $0.contact = "help@dump.example" }
        try await service.run { client in
            let korean = try await client.get("/safety")
            #expect(korean.status == .ok)
            #expect(
                korean.text.contains("109") && korean.text.contains("mailto:help@dump.example") && korean.text.contains("24시간"))
            var headers = HTTPFields()
            headers[.acceptLanguage] = "en-US,en;q=0.9"
            let english = try await client.get("/safety", headers: headers)
            #expect(
                english.text.contains("988") && english.text.contains("within 24 hours") && english.text.contains("lang=\"en\""))
        }
        let hostile = try TestService { $0.contact = "<script>alert(1)</script>" }
        try await hostile.run { client in
            let page = try await client.get("/safety").text
            #expect(!page.contains("<script>") && page.contains("&lt;script&gt;"))
        }
    }

    /// Every case of `Tests/Fixtures/door-cases.json` posted through the service on each store:
    /// refused with its code, or stored masked, public or kept private as declared, and nothing
    /// that must be masked ever in the public sky.
    @Test(arguments: ServiceStoreKind.available)
    func everyDoorCaseBehavesAsDeclaredOnEveryStore(kind: ServiceStoreKind) async throws {
        let cases = try DoorCase.all()
        #expect(cases.count >= 150)
        let store = try await kind.open()
        let service = try TestService(store: store)
        try await service.run { client in
            var publicStars: Set<String> = []
            var privateStars: [String: String] = [:]
            var mustNotShow: [String] = []
            for item in cases {
                let token = Fixture.token()
                let response = try await client.postWorry(item.text, token: token)
                if item.outcome == "refused" {
                    let expected: HTTPResponse.Status = item.code == "not_allowed" ? .unprocessableContent : .badRequest
                    #expect(response.status == expected, "\(item.name): \(response.status)")
                    #expect(response.errorCode == item.code, "\(item.name)")
                    if item.code == "not_allowed" { #expect(response.json["care"] != nil, "\(item.name)") }
                    continue
                }
                #expect(response.status == .created, "\(item.name): \(response.status) \(response.text.prefix(200))")
                guard response.status == .created else { continue }
                let text = (response.json["worry"] as? [String: Any])?["text"] as? String ?? ""
                #expect(response.json["masked"] as? [String] == item.masked ?? [], "\(item.name)")
                if let stored = item.stored { #expect(text == stored, "\(item.name)") }
                for absent in item.absent ?? [] { #expect(!text.contains(absent), "\(item.name): \(absent)") }
                for present in item.present ?? [] { #expect(text.contains(present), "\(item.name): \(present)") }
                mustNotShow += item.absent ?? []
                let visibility = response.json["visibility"] as? String
                #expect(visibility == (item.outcome == "open" ? "public" : "private"), "\(item.name)")
                #expect((response.json["care"] != nil) == (item.outcome == "care"), "\(item.name)")
                let mine = try await client.get("/api/worries", headers: Fixture.headers(token: token))
                let star = ((mine.json["worries"] as? [[String: Any]])?.first?["star"] as? String) ?? ""
                if item.outcome == "open" { publicStars.insert(star) } else { privateStars[star] = item.name }
            }
            let sky = try await client.get("/api/sky")
            let shown = Set((sky.json["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            for star in publicStars { #expect(shown.contains(star), "a public case is missing from the sky") }
            for (star, name) in privateStars where !publicStars.contains(star) {
                #expect(!shown.contains(star), "\(name) reached the public sky")
            }
            for absent in mustNotShow { #expect(!sky.text.contains(absent), "\(absent) reached the public sky") }
        }
        (store as? PostgresWorryStore)?.close()
    }
}

/// One case of `Tests/Fixtures/door-cases.json` (written for DumpDoorTests, read here too).
struct DoorCase: Decodable {
    var name: String
    var text: String
    var outcome: String
    var code: String?
    var masked: [String]?
    var stored: String?
    var absent: [String]?
    var present: [String]?

    static func all() throws -> [DoorCase] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/door-cases.json")
        return try JSONDecoder().decode([DoorCase].self, from: Data(contentsOf: url))
    }
}

@Suite("Idempotency-Key on POST /api/worries")
struct IdempotencyKeyTests {
    @Test func aRetriedPostGetsTheSameWorryAndOtherWordsAreRefused() async throws {
        let service = try TestService()
        try await service.run { client in
            let me = Fixture.token()
            let first = try await client.postWorry("다시 보내도 하나", token: me, headers: ["Idempotency-Key": "k-123"])
            #expect(first.status == .created && first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            service.clock.advance(by: 2)
            let again = try await client.postWorry("다시 보내도 하나", token: me, headers: ["Idempotency-Key": "k-123"])
            #expect(again.status == .created)
            #expect(again.worryID == first.worryID)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await service.store.stats().worries == 1)
            let other = try await client.postWorry("다른 말", token: me, headers: ["Idempotency-Key": "k-123"])
            #expect(other.status == .unprocessableContent && other.errorCode == "idempotency_key_reused")
            let bad = try await client.postWorry("키가 이상해", token: me, headers: ["Idempotency-Key": "has space"])
            #expect(bad.status == .badRequest && bad.errorCode == "invalid_idempotency_key")
            #expect(try await service.store.stats().worries == 1)
        }
    }
}
