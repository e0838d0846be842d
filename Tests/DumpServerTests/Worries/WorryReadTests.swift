@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("GET /api/worries/{id} and expiry")
struct WorryReadTests {
    @Test func aLiveWorryIsReadBackWithItsClip() async throws {
        let service = try TestService()
        try await service.run { client in
            let id = try #require(try await client.postWorry("읽어 주세요").worryID)
            let response = try await client.get("/api/worries/\(id)")
            #expect(response.status == .ok)
            let worry = try #require(response.json["worry"] as? [String: Any])
            #expect(worry["id"] as? String == id)
            #expect(worry["text"] as? String == "읽어 주세요")
            let clip = try #require(response.json["clip"] as? [String: Any])
            #expect(clip["status"] as? String == "queued")
            #expect(clip["webm"] as? String == "/clips/\(id).webm")
            #expect(clip["mp4"] as? String == "/clips/\(id).mp4")
            #expect(clip["story"] as? String == "/clips/story/\(id).mp4")
        }
    }

    @Test(
        "Unknown and malformed ids are 404",
        arguments: [
            "AAAAAAAAAAAAAAAAAAAAAA", "short", "AAAAAAAAAAAAAAAAAAAAA!", "..%2F..%2Fetc",
        ])
    func unknownIdsAre404(id: String) async throws {
        let service = try TestService()
        try await service.run { client in
            let response = try await client.get("/api/worries/\(id)")
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
        }
    }

    @Test func anExpiredWorryIs410ThenGoneAfterTheSweep() async throws {
        let service = try TestService { $0.ttl = 3600 }
        let clock = service.clock
        let site = service.parts
        try await service.run { client in
            let id = try #require(try await client.postWorry("곧 사라질 걱정").worryID)
            clock.advance(by: 3599)
            #expect(try await client.get("/api/worries/\(id)").status == .ok)
            clock.advance(by: 1)
            let expired = try await client.get("/api/worries/\(id)")
            #expect(expired.status == .gone)
            #expect(expired.errorCode == "expired")
            #expect(try await client.get("/clips/\(id).webm").status == .gone)
            let swept = try await site.expirySweeper.sweep()
            #expect(swept.map(\.rawValue) == [id])
            #expect(try await client.get("/api/worries/\(id)").status == .notFound)
        }
    }

    @Test func theSweeperDeletesClipFiles() async throws {
        let clips = SolidColourClips()
        let service = try TestService(clips: clips) {
            $0.renderWorkers = 1; $0.ttl = 600
        }
        let (store, clock, site) = (service.store, service.clock, service.parts)
        let clipsFolder = service.configuration.clipsDirectory
        try await service.run { client in
            let id = try #require(try await client.postWorry("files go too").worryID.flatMap(WorryID.init))
            #expect(try await eventually { try await store.clipStatus(worryID: id) == .ready })
            let key = try #require(try await store.worry(id: id)?.clipKey)
            let folder = clipsFolder.appendingPathComponent(key.rawValue)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clip.mp4").path))
            clock.advance(by: 601)
            _ = try await site.expirySweeper.sweep()
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            #expect(try await store.worry(id: id) == nil)
        }
    }

    @Test func statsSurviveExpiry() async throws {
        let service = try TestService { $0.ttl = 60 }
        let (clock, site) = (service.clock, service.parts)
        try await service.run { client in
            _ = try await client.postWorry("one")
            _ = try await client.postWorry("two")
            clock.advance(by: 120)
            _ = try await site.expirySweeper.sweep()
            let stats = try await client.get("/api/stats")
            #expect(stats.json["worries"] as? Int == 2)
            #expect(stats.json["people"] as? Int == 2)
        }
    }
}
