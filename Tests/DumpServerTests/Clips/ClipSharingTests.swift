@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// One clip per text: a second post of the same words shares the first one's render; the
/// versions no one needs at post time are queued for the workers by the first request for them;
/// the clip's progress is told.
@Suite("Clips: shared, made on request, with progress")
struct ClipSharingTests {
    @Test func twoPostsOfTheSameWordsShareOneRenderAndItsFilesLiveAsLongAsOneOfThem() async throws {
        let clips = SolidColourClips()
        let clock = MovableWorryClock()
        let service = try TestService(clock: clock, clips: clips) {
            $0.renderWorkers = 1
            $0.ttl = 3600
        }
        let store = service.store
        let site = service.parts
        try await service.run { client in
            let first = try #require(try await client.postWorry("회사 가기 싫어요").worryID.flatMap(WorryID.init))
            #expect(try await eventually { try await store.clipStatus(worryID: first) == .ready })

            clock.advance(by: 600)
            let again = try await client.postWorry("회사 가기 싫어요")
            let second = try #require(again.worryID.flatMap(WorryID.init))
            // ready at once: the words were dumped before
            #expect((again.json["clip"] as? [String: Any])?["status"] as? String == "ready")
            #expect(clips.calls.count == 1, "one render for both")
            let a = try await client.get("/clips/\(first.rawValue).mp4")
            let b = try await client.get("/clips/\(second.rawValue).mp4")
            #expect(a.status == .ok && b.status == .ok && a.body == b.body)

            // other words, even only the punctuation, are another clip
            let other = try #require(try await client.postWorry("회사 가기 싫어요!!").worryID.flatMap(WorryID.init))
            #expect(try await eventually { try await store.clipStatus(worryID: other) == .ready })
            #expect(clips.calls.count == 2)

            let key = try #require(try await store.worry(id: first)?.clipKey)
            let folder = service.configuration.clipsDirectory.appendingPathComponent(key.rawValue)
            // the first expires: the clip stays for the second
            clock.advance(by: 3000 + 1)
            try await site.expirySweeper.sweep()
            #expect(try await store.worry(id: first) == nil)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("clip.mp4").path))
            #expect(try await client.get("/clips/\(second.rawValue).mp4").status == .ok)
            // both expire: the files go
            clock.advance(by: 600)
            try await site.expirySweeper.sweep()
            #expect(!FileManager.default.fileExists(atPath: folder.path))
        }
    }

    @Test func theWebMAndTheStoryAreQueuedForTheWorkersByTheFirstRequestThenServedFromTheFile() async throws {
        let clips = SolidColourClips()
        let service = try TestService(clips: clips) {
            $0.renderWorkers = 1
            $0.clip = ClipSettings(width: 64, height: 36, fps: 10, seconds: 1)
        }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("나중에 만들어요").worryID.flatMap(WorryID.init))
            #expect(try await eventually { try await store.clipStatus(worryID: id) == .ready })
            let key = try #require(try await store.worry(id: id)?.clipKey)
            let folder = service.configuration.clipsDirectory.appendingPathComponent(key.rawValue)
            #expect(
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent("clip.webm").path),
                "nothing made that no one asked for")
            #expect(clips.calls.count == 1)

            // the request does not render: it queues a job and says when to ask again
            let first = try await client.get("/clips/\(id.rawValue).webm")
            #expect(first.status == .accepted)
            #expect(first.headers[.retryAfter].flatMap { Int($0) }.map { (1...10).contains($0) } == true)
            #expect(["queued", "rendering"].contains(first.json["status"] as? String))
            let webm = try await eventuallyAnswered(client, "/clips/\(id.rawValue).webm")
            #expect(webm.headers[.contentType] == "video/webm")
            #expect(Array(webm.body.readableBytesView.prefix(4)) == [0x1A, 0x45, 0xDF, 0xA3])
            #expect(clips.calls.count == 2)
            #expect(clips.calls.last?.seed == key.seed, "the clip's own seed: the same frames")
            let second = try await client.get("/clips/\(id.rawValue).webm")
            #expect(second.body == webm.body)
            #expect(clips.calls.count == 2, "the second request is served from the file")

            let story = try await eventuallyAnswered(client, "/clips/story/\(id.rawValue).mp4")
            #expect(story.headers[.contentType] == "video/mp4")
            #expect(Array(story.body.readableBytesView.dropFirst(4).prefix(4)) == Array("ftyp".utf8))
            #expect(clips.calls.count == 3)
            #expect(clips.calls.last?.settings == ClipSettings(width: 36, height: 64, fps: 10, seconds: 1))
            #expect(try await client.get("/clips/story/\(id.rawValue).mp4").body == story.body)
            #expect(clips.calls.count == 3)
        }
    }

    @Test func aWebNodeWithoutRenderWorkersQueuesVersionsAndNeverRenders() async throws {
        let clips = SolidColourClips()
        let clock = MovableWorryClock()
        let service = try TestService(clock: clock, clips: clips) { $0.renderWorkers = 0 }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("웹 노드는 그리지 않아요").worryID.flatMap(WorryID.init))
            let key = try #require(try await store.worry(id: id)?.clipKey)
            // a worker elsewhere renders the clip itself
            let job = try #require(try await store.claimRenderJob(worker: "w", now: clock.now(), lease: 60))
            #expect(try await store.completeRenderJob(job, files: [], now: clock.now()))
            for _ in 0..<3 {
                #expect(try await client.get("/clips/\(id.rawValue).webm").status == .accepted)
                #expect(try await client.get("/clips/story/\(id.rawValue).mp4").status == .accepted)
            }
            #expect(clips.calls.isEmpty, "nothing rendered on a request")
            // one job per version, however many asked
            let webm = try #require(try await store.claimRenderJob(worker: "w", now: clock.now(), lease: 60))
            let story = try #require(try await store.claimRenderJob(worker: "w", now: clock.now(), lease: 60))
            #expect(Set([webm.version, story.version]) == ["webm", "story"])
            #expect(webm.base == key && story.base == key)
            #expect(try await store.claimRenderJob(worker: "w", now: clock.now(), lease: 60) == nil)
        }
    }

    @Test func theProgressIsToldQueuedThenRenderingThenReady() async throws {
        let clips = HeldClips()
        let service = try TestService(clips: clips) { $0.renderWorkers = 1 }
        try await service.run { client in
            let first = try #require(try await client.postWorry("먼저 온 고민").worryID)
            #expect(try await eventually { clips.started == 1 })
            let posted = try await client.postWorry("기다리는 고민")
            let second = try #require(posted.worryID)
            let queued = try #require(posted.json["clip"] as? [String: Any])
            #expect(queued["status"] as? String == "queued")
            #expect((queued["waitSeconds"] as? Int ?? 0) >= 1)
            #expect(queued["progress"] == nil)

            let rendering = try #require(try await client.get("/api/worries/\(first)").json["clip"] as? [String: Any])
            #expect(rendering["status"] as? String == "rendering")
            #expect(rendering["progress"] as? Double == 0.25)
            #expect((rendering["waitSeconds"] as? Int ?? 0) >= 1)
            let waiting = try await client.get("/clips/\(second).mp4")
            #expect(waiting.status == .accepted)
            #expect(waiting.json["status"] as? String == "queued")

            clips.release()
            #expect(
                try await eventually {
                    let clip = try await client.get("/api/worries/\(second)").json["clip"] as? [String: Any]
                    return clip?["status"] as? String == "ready"
                })
            let ready = try #require(try await client.get("/api/worries/\(first)").json["clip"] as? [String: Any])
            #expect(ready["status"] as? String == "ready")
            #expect(ready["progress"] == nil && ready["waitSeconds"] == nil)
        }
    }
}

@Suite("Local copies of clip files")
struct ClipCopyTests {
    @Test func copiesArePublishedWholeAndPrunedOnceOlderThanAWorrysLife() throws {
        let folder = TemporaryFolder()
        let directory = ClipDirectory(url: folder.url)
        let key = ClipKey(text: "복사본", variant: "v")
        try directory.storeCopy(Data([1, 2, 3]), of: key, format: .mp4)
        #expect(directory.has(key, format: .mp4))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.folder(for: key).path) == ["clip.mp4"])
        let now = Date()
        directory.pruneCopies(olderThan: 3600, now: now)
        #expect(directory.has(key, format: .mp4), "young copies stay")
        directory.pruneCopies(olderThan: 3600, now: now.addingTimeInterval(3601))
        #expect(!directory.has(key, format: .mp4))
    }

    @Test func twoAttemptsPublishingTheSameClipKeepTheFirstWholeOne() throws {
        let folder = TemporaryFolder()
        let directory = ClipDirectory(url: folder.url)
        let key = ClipKey(text: "두 번", variant: "v")
        for attempt in [1, 2] {
            let outputs = try directory.prepareStaging(for: key, attempt: attempt)
            try Data(repeating: UInt8(attempt), count: 10).write(to: try #require(outputs.mp4))
            try Data(repeating: UInt8(attempt), count: 10).write(to: try #require(outputs.thumbnail))
        }
        try directory.publish(key, attempt: 1)
        try directory.publish(key, attempt: 2)
        #expect(try Data(contentsOf: directory.files(for: key).mp4) == Data(repeating: 1, count: 10))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [key.rawValue], "no staging left")
    }
}
