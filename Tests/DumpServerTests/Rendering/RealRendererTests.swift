import DumpRenderers
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The real dust renderer behind the service")
struct RealRendererTests {
    @Test func aPostedWorryBecomesARealDustClip() async throws {
        let service = try TestService(clips: DustClipRendering(encoderThreads: 1)) {
            $0.renderWorkers = 1
            $0.clip = ClipSettings(width: 128, height: 72, fps: 10, seconds: 1)
        }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("먼지가 되어라").worryID)
            let worryID = try #require(WorryID(id))
            #expect(try await eventually(timeout: .seconds(120)) { try await store.clipStatus(worryID: worryID) == .ready })
            #expect(try await store.clipStatus(worryID: worryID) == .ready)
            let webm = try await eventuallyAnswered(client, "/clips/\(id).webm", timeout: .seconds(120))
            #expect(Array(webm.body.readableBytesView.prefix(4)) == [0x1A, 0x45, 0xDF, 0xA3])
            let mp4 = try await client.get("/clips/\(id).mp4")
            #expect(mp4.status == .ok)
            #expect(Array(mp4.body.readableBytesView.dropFirst(4).prefix(4)) == Array("ftyp".utf8))
            let png = try await client.get("/clips/\(id).png")
            #expect(png.status == .ok)
            #expect(Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }

    @Test func theRealSkyPainterServesTheSkyAndAPoster() async throws {
        let clock = MovableWorryClock(NightTests.lateEvening)
        let service = try TestService(clock: clock, skies: PainterSkyRendering(encoderThreads: 1))
        let site = service.parts
        try await service.run { client in
            for text in ["별이 되어라", "별이 되어라", "내일은 괜찮을 거야"] {
                _ = try await client.postWorry(text)
            }
            let sky = try await client.get("/sky.png?w=1280&h=720")
            #expect(sky.status == .ok)
            #expect(Array(sky.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            let night = try #require(try await site.nights.archive(dayContaining: NightTests.lateEvening))
            try await site.nights.paintPoster(for: night)
            let poster = try await client.get("/posters/\(night.date).png")
            #expect(poster.status == .ok)
            #expect(Array(poster.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
