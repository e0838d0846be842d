import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky deltas: what changed between two layouts, and the layout rebuilt from it")
struct SkyLayoutDeltaTests {
    let engine = SkyEngine(seed: 42)

    /// Layouts of `before` and `after` at the same moment, and the delta between them.
    func layouts(_ before: [SkyWorry], _ after: [SkyWorry]) -> (SkyLayout, SkyLayout, SkyLayoutDelta) {
        let old = engine.layout(before, now: skyTestEpoch)
        let new = engine.layout(after, now: skyTestEpoch.addingTimeInterval(5))
        return (old, new, SkyLayoutDelta(from: old, to: new))
    }

    @Test func aNewWorryIsOneStarAndItsLinks() throws {
        let worries = skyWorries(count: 1_500)
        let added = SkyWorry(id: "new", text: "완전히 새로운 걱정 하나", createdAt: skyTestEpoch.addingTimeInterval(9_999))
        let (old, new, delta) = layouts(worries, worries + [added])
        #expect(delta.removed.isEmpty)
        #expect(delta.nodeCount == old.nodes.count + 1)
        #expect(delta.nodes.contains { $0.node.text == added.text })
        #expect(delta.nodes.count < 60, "a post changes a handful of stars (labels may move), not the sky")
        #expect(delta.apply(to: old) == new)
        // Bytes: the delta is a small part of the whole sky.
        #expect(delta.jsonBytes().count * 20 < new.jsonBytes().count)
    }

    @Test func anUnchangedSkyGivesAnEmptyDelta() {
        let worries = skyWorries(count: 300)
        let (old, new, delta) = layouts(worries, worries)
        #expect(delta.isEmpty)
        #expect(delta.apply(to: old) == new)
    }

    @Test("Rebuilding from a delta gives the new layout exactly", arguments: [1, 2, 3, 4, 5, 6])
    func rebuildingGivesTheNewLayout(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let all = skyWorries(count: 900, seed: seed)
        // Some expire, some arrive, some repeat an existing text (a count grows).
        let before = Array(all[0..<600])
        var after = before.filter { _ in random.index(below: 5) != 0 }
        after += all[600..<(600 + random.index(below: 300))]
        for index in 0..<20 {
            let copy = before[random.index(below: before.count)]
            after.append(SkyWorry(id: "again-\(index)", text: copy.text, createdAt: skyTestEpoch.addingTimeInterval(5_000)))
        }
        let (old, new, delta) = layouts(before, after)
        let rebuilt = try #require(delta.apply(to: old))
        #expect(rebuilt == new)
        // And back again, which removes what was added.
        let back = SkyLayoutDelta(from: new, to: old)
        #expect(back.apply(to: new)?.nodes == old.nodes)
        #expect(back.apply(to: new)?.links == old.links)
        #expect(back.apply(to: new)?.constellations == old.constellations)
    }

    @Test func aDeltaDoesNotFitAnotherLayout() {
        let (_, _, delta) = layouts(skyWorries(count: 200), skyWorries(count: 260))
        let unrelated = engine.layout(skyWorries(count: 50, seed: 99), now: skyTestEpoch)
        #expect(delta.apply(to: unrelated) == nil)
    }

    @Test func theJSONNamesLinksByStarIDs() throws {
        let worries = skyWorries(count: 400)
        let added = SkyWorry(id: "x", text: "링크 확인용 새 걱정", createdAt: skyTestEpoch.addingTimeInterval(7_777))
        let (_, _, delta) = layouts(worries, worries + [added])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(delta.jsonBytes(fields: [("full", "false")]))) as? [String: Any])
        #expect(object["full"] as? Bool == false)
        #expect(object["nodeCount"] as? Int == delta.nodeCount)
        let links = try #require(object["links"] as? [String: Any])
        for link in try #require(links["added"] as? [[String: Any]]) {
            #expect((link["a"] as? String)?.hasPrefix("n") == true)
        }
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["i"] as? Int } == delta.nodes.map(\.index))
        #expect(object["constellations"] == nil || delta.constellations != nil)
    }

    /// A star's key is the 64 bits of an engine id, one for one, and the id itself otherwise.
    @Test func starKeysAreOneForOneWithIds() {
        let engineID = SkyEngine(seed: 3).nodeID(text: "회사 가기 싫어요")
        guard case .bits = StarKey(engineID) else {
            Issue.record("\(engineID) is not read as 64 bits")
            return
        }
        for id in [engineID, "n0000000000000000", "nffffffffffffffff", "n00000000000000ab"] {
            #expect(StarKey(id).id == id)
        }
        // Not one value for two ids: upper case, a sign, too few or too many digits stay text.
        for id in ["nABCDEF0123456789", "n+bcdef0123456789", "n0123", "n0123456789abcdef0", "x0123456789abcdef", "", "n"] {
            #expect(StarKey(id) == .text(id), "\(id)")
        }
        #expect(StarKey("n00000000000000ab").precedes(StarKey("n00000000000000ac")))
        #expect(StarKey("n00000000000000ff").precedes(StarKey("n0000000000000100")))
        #expect(StarKey("i3").precedes(StarKey("n0000000000000001")) == ("i3" < "n0000000000000001"))
    }
}
