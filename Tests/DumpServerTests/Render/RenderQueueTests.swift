@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Render queue")
struct RenderQueueTests {
    @Test func jobsLeftPendingOrRunningAreRenderedAfterARestartOnceTheLeaseEnds() async throws {
        let folder = TemporaryFolder()
        let databasePath = folder.url.appendingPathComponent("dumpit.sqlite").path
        let clock = MovableWorryClock()

        // First life: no render workers, two worries posted; one job is then claimed (left
        // "running", as if the process died mid-render), the other stays pending.
        let firstStore = try SQLiteWorryStore(path: databasePath)
        let first = try TestService(store: firstStore, folder: folder, clock: clock)
        let ids: [String] = try await first.run { client in
            let a = try #require(try await client.postWorry("중단된 렌더").worryID)
            let b = try #require(try await client.postWorry("기다리는 렌더").worryID)
            return [a, b]
        }
        let claimed = try #require(try await firstStore.claimRenderJob(worker: "died", now: clock.now(), lease: 30))
        #expect(claimed.text == "중단된 렌더")

        // Second life on the same data folder and database file, with a worker.
        let clips = SolidColourClips()
        let secondStore = try SQLiteWorryStore(path: databasePath)
        let second = try TestService(store: secondStore, folder: folder, clock: clock, clips: clips) { $0.renderWorkers = 1 }
        try await second.run { client in
            // the job "running" in the dead process is left alone until its lease ends
            let pending = try #require(WorryID(ids[1]))
            #expect(try await eventually { try await secondStore.clipStatus(worryID: pending) == .ready })
            #expect(try await secondStore.clipStatus(worryID: try #require(WorryID(ids[0]))) == .rendering)
            clock.advance(by: 31)
            for id in ids {
                let worryID = try #require(WorryID(id))
                #expect(try await eventually { try await secondStore.clipStatus(worryID: worryID) == .ready })
                #expect(try await client.get("/clips/\(id).mp4").status == .ok)
            }
        }
        #expect(Set(clips.calls.map(\.text)) == ["중단된 렌더", "기다리는 렌더"])
        #expect(try await secondStore.pendingJobCount() == 0)
    }

    @Test func aPostWakesAnIdleWorkerWithoutWaitingForThePoll() async throws {
        let clips = SolidColourClips()
        let service = try TestService(clips: clips) {
            $0.renderWorkers = 1
            $0.renderPollInterval = 3600
        }
        let store = service.store
        try await service.run { client in
            // Let the worker go idle first.
            try await Task.sleep(for: .milliseconds(100))
            let id = try #require(try await client.postWorry("깨워").worryID.flatMap(WorryID.init))
            #expect(try await eventually(timeout: .seconds(20)) { try await store.clipStatus(worryID: id) == .ready })
        }
    }

    @Test func withoutARendererClipsStayPendingRatherThanFail() async throws {
        let service = try TestService(clips: UnavailableClipRendering()) { $0.renderWorkers = 2 }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("기다림").worryID.flatMap(WorryID.init))
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await store.clipStatus(worryID: id) == .queued)
        }
        #expect(service.logs.lines.contains { $0.contains("No clip renderer") })
    }

    @Test func theRenderSeedIsAStableHashOfTheClipKey() {
        let key = ClipKey(text: "같은 말", variant: "v")
        #expect(key.seed == ClipKey(text: "같은 말", variant: "v").seed)
        #expect(key.seed != ClipKey(text: "같은 말!", variant: "v").seed)
        #expect(key != ClipKey(text: "같은 말", variant: "w"), "another size or renderer is another clip")
        #expect(key.rawValue.count == 32 && key.isSafeFileName)
    }
}

@Suite("Render queue at shutdown")
struct RenderQueueShutdownTests {
    @Test func shutdownFinishesTheRenderInProgressAndLeavesTheRestPending() async throws {
        let clips = HeldClips()
        let service = try TestService(clips: clips) { $0.renderWorkers = 1 }
        let store = service.store
        let ids: [WorryID] = try await service.run { client in
            var ids: [WorryID] = []
            for text in ["첫째", "둘째", "셋째"] {
                ids.append(try #require(try await client.postWorry(text).worryID.flatMap(WorryID.init)))
            }
            let started = try await eventually { clips.started == 1 }
            #expect(started)
            // Let the held render finish only once shutdown has begun.
            let queue = service.parts.renderQueue
            Task.detached {
                _ = try await eventually(timeout: .seconds(60)) { queue.isStopping }
                clips.release()
            }
            return ids
        }
        #expect(clips.started == 1)
        #expect(try await store.clipStatus(worryID: ids[0]) == .ready)
        #expect(try await store.clipStatus(worryID: ids[1]) == .queued)
        #expect(try await store.clipStatus(worryID: ids[2]) == .queued)
        // Nothing was left "running": no lease waits to be rescued.
        #expect(try await store.rescueExpiredLeases(now: .distantFuture, maxAttempts: 3) == 0)
    }
}
