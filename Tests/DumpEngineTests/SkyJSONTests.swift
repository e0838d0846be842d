import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky JSON")
struct SkyJSONTests {
    private let now = Date(timeIntervalSince1970: 1_795_600_800.75)  // 2026-11-25T10:00:00.75Z

    @Test func aLayoutSurvivesAJSONRoundTrip() throws {
        let sky = SkyEngine(seed: 12345).layout(skyWorries(count: 800), now: now)
        let data = try SkyLayout.jsonEncoder().encode(sky)
        let decoded = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: data)
        #expect(decoded == sky)
        #expect(try SkyLayout.jsonEncoder().encode(decoded) == data)
    }

    @Test func theJSONHasTheContractShape() throws {
        let lone = SkyWorry(id: "lone", text: "그냥 ㅠㅠ", createdAt: now)
        let sky = SkyEngine(seed: 12345).layout(skyWorries(count: 100) + [lone], now: now)
        let data = try SkyLayout.jsonEncoder().encode(sky)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["seed", "generatedAt", "driftPeriod", "nodes", "links", "constellations"])
        #expect(object["generatedAt"] as? String == "2026-11-25T10:00:00Z")
        #expect((object["seed"] as? NSNumber)?.int64Value == 12345)
        #expect((object["driftPeriod"] as? NSNumber)?.doubleValue == 10)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let required: Set<String> = ["id", "text", "count", "x", "y", "radius", "color", "label", "drift"]
        // A star in a constellation also carries its index; a lone star does not.
        #expect(nodes.contains { $0["constellation"] != nil } && nodes.contains { $0["constellation"] == nil })
        // A labelled star whose words sit above, right or left of it says where (`labelAt`).
        #expect(nodes.contains { $0["labelAt"] != nil })
        for node in nodes {
            var expected = required
            if node["constellation"] != nil { expected.insert("constellation") }
            if let place = node["labelAt"] as? String {
                expected.insert("labelAt")
                #expect(["above", "right", "left"].contains(place))
                #expect(node["label"] as? Bool == true)
            }
            #expect(Set(node.keys) == expected)
        }
        let node = nodes[0]
        let drift = try #require(node["drift"] as? [String: Any])
        #expect(Set(drift.keys) == ["ax", "ay", "fx", "fy", "px", "py"])
        let link = try #require((object["links"] as? [[String: Any]])?.first)
        #expect(Set(link.keys) == ["a", "b", "strength"])
        let constellation = try #require((object["constellations"] as? [[String: Any]])?.first)
        #expect(Set(constellation.keys) == ["id", "name", "size", "stars", "x", "y", "label", "lines"])
        let line = try #require((constellation["lines"] as? [[String: Any]])?.first)
        #expect(Set(line.keys) == ["a", "b"])
    }

    /// The fast writer and Foundation's encoder agree byte for byte, on real layouts and on
    /// texts full of quotes, backslashes, control characters, emoji, RTL and line separators.
    @Test(arguments: [0, 1, 120, 2_000])
    func theFastWriterMatchesJSONEncoder(count: Int) throws {
        var worries = skyWorries(count: count)
        let hostile = [
            "\"quoted\" \\ back\\slash / slash", "tab\there\nnew line\r\u{8}\u{C}", "\u{1}\u{1F}\u{7F}\u{0}",
            "<script>alert(1)</script> & \u{2028}\u{2029}", "회사 가기 싫어요 😢👩‍👩‍👧", "שלום עולם", "e\u{301}\u{301}\u{301}",
        ]
        for (index, text) in hostile.enumerated() {
            worries.append(SkyWorry(id: "h\(index)", text: text, createdAt: now.addingTimeInterval(Double(-index))))
        }
        let sky = SkyEngine(seed: 99).layout(worries, now: now)
        let fast = sky.jsonBytes()
        let reference = [UInt8](try SkyLayout.jsonEncoder().encode(sky))
        #expect(fast == reference, "\(String(decoding: fast.prefix(300), as: UTF8.self))")
        #expect(try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: Data(fast)) == sky)
    }

    @Test func datesAreWrittenAsISO8601Seconds() {
        let spread = (0..<400).map { Double($0) * 7_919_993.5 - 86_400 * 365 * 30 }
        for seconds in [0.0, 951_782_400, 1_795_600_800.75, 4_102_444_799, -1, 1_709_164_800, 1_709_251_199] + spread {
            let date = Date(timeIntervalSince1970: seconds)
            let formatter = ISO8601DateFormatter()
            #expect(SkyLayout.iso8601(date) == formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))))
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        let values: [Double] = [10, -0.0, 0.1, 1e-5, 1e21, 1e16, 0.000123, 0.0035123456789, 123_456_789_012_345_680]
        for value in values {
            var out = JSONBytes()
            out.number(value)
            let reference = [UInt8](try SkyLayout.jsonEncoder().encode([value]))
            #expect([UInt8]("[".utf8) + out.bytes + [UInt8]("]".utf8) == reference, "\(value)")
        }
    }
}
