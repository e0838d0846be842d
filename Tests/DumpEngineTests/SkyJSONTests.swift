import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky JSON")
struct SkyJSONTests {
    private let now = Date(timeIntervalSince1970: 1_795_600_800.75) // 2026-11-25T10:00:00.75Z

    @Test func aLayoutSurvivesAJSONRoundTrip() throws {
        let sky = SkyEngine(seed: 12345).layout(skyWorries(count: 800), now: now)
        let data = try SkyLayout.jsonEncoder().encode(sky)
        let decoded = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: data)
        #expect(decoded == sky)
        #expect(try SkyLayout.jsonEncoder().encode(decoded) == data)
    }

    @Test func theJSONHasTheContractShape() throws {
        let sky = SkyEngine(seed: 12345).layout(skyWorries(count: 100), now: now)
        let data = try SkyLayout.jsonEncoder().encode(sky)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["seed", "generatedAt", "driftPeriod", "nodes", "links"])
        #expect(object["generatedAt"] as? String == "2026-11-25T10:00:00Z")
        #expect((object["seed"] as? NSNumber)?.int64Value == 12345)
        #expect((object["driftPeriod"] as? NSNumber)?.doubleValue == 10)
        let node = try #require((object["nodes"] as? [[String: Any]])?.first)
        #expect(Set(node.keys) == ["id", "text", "count", "x", "y", "radius", "color", "label", "drift"])
        let drift = try #require(node["drift"] as? [String: Any])
        #expect(Set(drift.keys) == ["ax", "ay", "fx", "fy", "px", "py"])
        let link = try #require((object["links"] as? [[String: Any]])?.first)
        #expect(Set(link.keys) == ["a", "b", "strength"])
    }
}
