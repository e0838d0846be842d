@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// 24 hours means 24 hours: once a worry expires, every file and every cached thing made from
/// it goes within minutes — its clip in every version, the pictures and the loop of skies that
/// showed it, the skies kept for deltas, its writer's own sky.
@Suite("Expiry: nothing outlives a worry by more than minutes")
struct ExpiryTests {
    @Test func aWorryAndEverythingMadeFromItAreGoneWithinMinutesOfItsExpiry() async throws {
        let clock = MovableWorryClock(Date())  // real time: the loop file is aged by its mtime
        let service = try TestService(clock: clock, clips: SolidColourClips(), skies: BlankSkyPaintings()) {
            $0.renderWorkers = 1
            $0.ttl = 3600
            $0.clip = ClipSettings(width: 64, height: 36, fps: 10, seconds: 1)
        }
        let (store, site) = (service.store, service.parts)
        let text = "하루가 지나면 사라질 고민"
        let token = Fixture.token()
        try await service.run { client in
            let id = try #require(try await client.postWorry(text, token: token).worryID)
            let worryID = try #require(WorryID(id))
            #expect(try await eventually { try await store.clipStatus(worryID: worryID) == .ready })
            let key = try #require(try await store.worry(id: worryID)?.clipKey)
            // everything a visitor can make from it
            for uri in [
                "/clips/\(id).mp4", "/clips/\(id).png", "/clips/\(id).webm", "/clips/story/\(id).mp4", "/sky.png", "/sky.webm",
            ] {
                _ = try await eventuallyAnswered(client, uri)
            }
            #expect(try await client.get("/api/sky?scope=mine", headers: Fixture.headers(token: token)).status == .ok)
            #expect(try await client.get("/api/sky").text.contains(text))
            let folder = service.configuration.clipsDirectory.appendingPathComponent(key.rawValue)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                    == ["clip.mp4", "clip.webm", "story.mp4", "thumbnail.png"])
            #expect(await site.skyLayouts.holds(text: text))
            #expect(await site.skyImages.count == 1)
            #expect(await site.mySkies.count == 1)

            // it expires; the sweeper runs (every 30 s in the service)
            clock.advance(by: 3600 + 1)
            try await site.expirySweeper.sweep()
            for uri in ["/clips/\(id).mp4", "/clips/\(id).png", "/clips/\(id).webm", "/clips/story/\(id).mp4", "/w/\(id)"] {
                #expect([.notFound, .gone].contains(try await client.get(uri).status), "\(uri)")
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path), "every version's file")
            let skyFiles = try FileManager.default.contentsOfDirectory(atPath: service.configuration.skyDirectory.path)
            #expect(skyFiles.filter { !$0.hasPrefix(".") }.isEmpty, "the loop that showed it")
            #expect(await site.skyImages.count == 0, "the pictures that showed it")
            #expect(await site.mySkies.count == 0, "its writer's sky")
            #expect(!(try await client.get("/api/sky").text.contains(text)))
            #expect(try await store.renderBacklog(now: clock.now()).pending == 0)
            // a page that held the old sky may still ask a delta against it for a few minutes;
            // then that sky leaves memory too
            clock.advance(by: SkyLayoutCache.historyMaxAge + 1)
            try await site.expirySweeper.sweep()
            #expect(!(await site.skyLayouts.holds(text: text)))
        }
    }
}
