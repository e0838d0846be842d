@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("GET /clips/{id}.webm|.mp4|.png")
struct ClipTests {
    /// Posts a worry and waits until its clip is rendered; returns the id.
    static func readyClip(_ client: some TestClientProtocol, store: any WorryStore) async throws -> String {
        let id = try #require(try await client.postWorry("클립").worryID)
        let worryID = try #require(WorryID(id))
        #expect(try await eventually { try await store.clipStatus(worryID: worryID) == .ready })
        return id
    }

    @Test func aPendingClipIs202WithRetryAfter() async throws {
        let service = try TestService()
        try await service.run { client in
            let id = try #require(try await client.postWorry("아직").worryID)
            for ext in ["webm", "mp4", "png"] {
                let response = try await client.get("/clips/\(id).\(ext)")
                #expect(response.status == .accepted)
                #expect(response.headers[.retryAfter] == "1")
                #expect(response.json["status"] as? String == "queued")
                #expect(response.json["waitSeconds"] as? Int == 1)
            }
        }
    }

    @Test func aReadyClipIsServedWithTypeETagAndCacheControl() async throws {
        let clips = SolidColourClips()
        let service = try TestService(clips: clips) { $0.renderWorkers = 1 }
        let store = service.store
        try await service.run { client in
            let id = try await Self.readyClip(client, store: store)
            let expected: [(String, String, [UInt8])] = [
                ("webm", "video/webm", [0x1A, 0x45, 0xDF, 0xA3]),
                ("mp4", "video/mp4", Array("ftyp".utf8)),
                ("png", "image/png", [0x89, 0x50, 0x4E, 0x47]),
            ]
            for (ext, type, magic) in expected {
                let response = try await eventuallyAnswered(client, "/clips/\(id).\(ext)")
                #expect(response.headers[.contentType] == type)
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                #expect(response.headers[.cacheControl]?.hasPrefix("public, max-age=") == true)
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(Int(response.headers[.contentLength] ?? "") == response.body.readableBytes)
                let bytes = Array(response.body.readableBytesView)
                if ext == "mp4" {
                    #expect(Array(bytes[4..<8]) == magic)
                } else {
                    #expect(Array(bytes.prefix(4)) == magic)
                }
            }
            let status = try await client.get("/api/worries/\(id)")
            #expect((status.json["clip"] as? [String: Any])?["status"] as? String == "ready")
            // The seed is derived from the clip key, so the WebM made later matches the MP4.
            let key = try #require(try await store.worry(id: WorryID(id)!)?.clipKey)
            #expect(clips.calls.map(\.seed) == [key.seed, key.seed])
        }
    }

    @Test func rangesAreServedWith206AndTheRightBytes() async throws {
        let service = try TestService(clips: SolidColourClips()) { $0.renderWorkers = 1 }
        let store = service.store
        try await service.run { client in
            let id = try await Self.readyClip(client, store: store)
            let whole = Array(try await eventuallyAnswered(client, "/clips/\(id).webm").body.readableBytesView)
            let size = whole.count
            #expect(size > 100)

            let middle = try await client.get("/clips/\(id).webm", headers: [.range: "bytes=10-49"])
            #expect(middle.status == .partialContent)
            #expect(middle.headers[.contentRange] == "bytes 10-49/\(size)")
            #expect(Array(middle.body.readableBytesView) == Array(whole[10...49]))

            let open = try await client.get("/clips/\(id).webm", headers: [.range: "bytes=\(size - 7)-"])
            #expect(open.status == .partialContent)
            #expect(Array(open.body.readableBytesView) == Array(whole[(size - 7)...]))

            let suffix = try await client.get("/clips/\(id).webm", headers: [.range: "bytes=-5"])
            #expect(suffix.status == .partialContent)
            #expect(suffix.headers[.contentRange] == "bytes \(size - 5)-\(size - 1)/\(size)")
            #expect(Array(suffix.body.readableBytesView) == Array(whole[(size - 5)...]))

            let clamped = try await client.get("/clips/\(id).webm", headers: [.range: "bytes=0-999999999"])
            #expect(clamped.status == .partialContent)
            #expect(clamped.body.readableBytes == size)

            for bad in ["bytes=\(size)-", "bytes=50-10", "bytes=abc", "bytes=-0"] {
                let response = try await client.get("/clips/\(id).webm", headers: [.range: bad])
                #expect(response.status == .rangeNotSatisfiable, "\(bad)")
                #expect(response.headers[.contentRange] == "bytes */\(size)")
                #expect(response.errorCode == "range_not_satisfiable")
            }

            let otherUnit = try await client.get("/clips/\(id).webm", headers: [.range: "items=0-1"])
            #expect(otherUnit.status == .ok)

            let etag = try #require(middle.headers[.eTag])
            let notModified = try await client.get("/clips/\(id).webm", headers: [.ifNoneMatch: etag])
            #expect(notModified.status == .notModified)
            let staleIfRange = try await client.get("/clips/\(id).webm", headers: [.range: "bytes=0-1", .ifRange: "\"old\""])
            #expect(staleIfRange.status == .ok)
        }
    }

    @Test func rangesWorkOnALiveServer() async throws {
        let service = try TestService(clips: SolidColourClips()) { $0.renderWorkers = 1 }
        let store = service.store
        try await service.run(.live) { client in
            let id = try await Self.readyClip(client, store: store)
            let whole = Array(try await client.get("/clips/\(id).mp4").body.readableBytesView)
            let part = try await client.get("/clips/\(id).mp4", headers: [.range: "bytes=4-11"])
            #expect(part.status == .partialContent)
            #expect(Array(part.body.readableBytesView) == Array(whole[4...11]))
        }
    }

    @Test func unknownClipsAre404() async throws {
        let service = try TestService()
        try await service.run { client in
            for uri in ["/clips/AAAAAAAAAAAAAAAAAAAAAA.webm", "/clips/nope.mp4", "/clips/AAAAAAAAAAAAAAAAAAAAAA.gif"] {
                let response = try await client.get(uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test func aClipThatFailsThreeTimesIsFailedFor500UntilAskedForAgainLater() async throws {
        let service = try TestService(clips: FailingClips()) {
            $0.renderWorkers = 1
            $0.renderMaxAttempts = 3
            $0.renderBackoff = RetryBackoff(base: 0, cap: 0)
        }
        let store = service.store
        try await service.run { client in
            let id = try #require(try await client.postWorry("실패").worryID)
            let worryID = try #require(WorryID(id))
            #expect(try await eventually { try await store.clipStatus(worryID: worryID) == .failed })
            let response = try await client.get("/clips/\(id).webm")
            #expect(response.status == .internalServerError)
            #expect(response.errorCode == "render_failed")
            let status = try await client.get("/api/worries/\(id)")
            #expect((status.json["clip"] as? [String: Any])?["status"] as? String == "failed")
            // Half a minute later a GET queues it once more (what failed may have passed).
            service.clock.advance(by: 31)
            #expect(try await client.get("/clips/\(id).mp4").status == .accepted)
            #expect(try await eventually { try await store.clipStatus(worryID: worryID) == .failed })
            let folder = service.configuration.clipsDirectory
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(leftovers.isEmpty)
        }
    }
}
