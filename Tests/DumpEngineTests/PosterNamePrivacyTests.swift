import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

/// A constellation's name may outlive its worries on a poster only when at least five
/// different people wrote it: then it is what many said, not one person's words.
@Suite("Poster name privacy")
struct PosterNamePrivacyTests {
    private let now = skyTestEpoch

    /// `texts[i]` written by `owners[i]` (nil: unknown owner).
    private func archive(_ texts: [String], owners: [String?], seed: UInt64 = 3) throws -> ArchivedSky {
        let worries = zip(texts, owners).enumerated().map { index, pair in
            SkyWorry(id: "p\(index)", text: pair.0, createdAt: now.addingTimeInterval(Double(index)), owner: pair.1)
        }
        let layout = SkyEngine(seed: seed).layout(worries, now: now)
        var random = SplitMix64(seed: 1)
        return ArchivedSky(layout: layout, using: &random)
    }

    private let work = ["회사 가기 싫어요", "회사 너무 싫다", "회사 그만두고 싶다", "회사에서 혼났어", "회사 때문에 힘들어", "회사가 지옥", "회사 출근 싫어"]

    @Test func fourOwnersKeepTheNameOffThePoster() throws {
        let sky = try archive(Array(work.prefix(4)) + Array(work.prefix(4)), owners: ["a", "b", "c", "d", "a", "b", "c", "d"])
        let constellation = try #require(sky.constellations.first)
        #expect(constellation.size == 8)
        #expect(constellation.name == nil)
    }

    @Test func fiveOwnersPutTheNameOnThePoster() throws {
        let sky = try archive(Array(work.prefix(5)), owners: ["a", "b", "c", "d", "e"])
        #expect(sky.constellations.first?.name == "회사")
    }

    @Test func oneOwnerWritingOftenIsStillOnePerson() throws {
        let sky = try archive(work + work, owners: Array(repeating: "only", count: work.count * 2))
        let constellation = try #require(sky.constellations.first)
        #expect(constellation.stars == work.count && constellation.name == nil)
    }

    @Test func unknownOwnersCountAsNobody() throws {
        let sky = try archive(work, owners: Array(repeating: nil, count: work.count))
        #expect(try #require(sky.constellations.first).name == nil)
    }

    @Test func onlyOwnersWhoWroteTheNameItselfCount() throws {
        // Six owners share the work constellation, but only four of them wrote "회사".
        let texts = ["회사 가기 싫어요", "회사 너무 싫다", "회사 그만두고 싶다", "회사에서 혼났어", "출근하기 싫어", "팀장님 때문에 힘들어"]
        let sky = try archive(texts, owners: ["a", "b", "c", "d", "e", "f"])
        let constellation = try #require(sky.constellations.first)
        #expect(constellation.stars == 6)
        #expect(constellation.name == nil)
        let more = try archive(texts + ["회사 싫어"], owners: ["a", "b", "c", "d", "e", "f", "e"])
        #expect(more.constellations.first?.name == "회사")
    }

    @Test func thePublicSkyNeverCarriesOwnersAndTheArchiveNoWordButNames() throws {
        let texts = work + ["비밀스러운 고민 하나"]
        let owners = ["owner-a", "owner-b", "owner-c", "owner-d", "owner-e", "owner-f", "owner-g", "owner-h"]
        let worries = zip(texts, owners).enumerated().map {
            SkyWorry(id: "s\($0.offset)", text: $0.element.0, createdAt: now, owner: $0.element.1)
        }
        let layout = SkyEngine(seed: 5).layout(worries, now: now)
        let json = String(decoding: layout.jsonBytes(), as: UTF8.self)
        for owner in owners { #expect(!json.contains(owner)) }
        #expect(!json.contains("nameOwners") && !json.contains("owner"))
        let archiveJSON = String(decoding: try SkyLayout.jsonEncoder().encode(ArchivedSky(layout: layout)), as: UTF8.self)
        for text in texts { #expect(!archiveJSON.contains(text)) }
        for owner in owners { #expect(!archiveJSON.contains(owner)) }
        #expect(archiveJSON.contains("\"name\":\"회사\""))
    }

    @Test func anArchiveKeptBeforeConstellationsStillReads() throws {
        let old = ##"{"worryCount":2,"nodes":[{"x":0.5,"y":0.5,"count":2,"radius":0.007,"color":"#ffffff"}],"links":[]}"##
        let sky = try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: Data(old.utf8))
        #expect(sky.constellations.isEmpty && sky.nodes[0].constellation == nil)
    }
}
