import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Archived sky")
struct SkyArchiveTests {
    @Test func anArchivedSkyCarriesNoWordsAndNoIDs() throws {
        let worries = skyWorries(count: 400) + [SkyWorry(id: "secret-id", text: "비밀 걱정", createdAt: skyTestEpoch)]
        let sky = SkyEngine(seed: 51).layout(worries, now: skyTestEpoch)
        let archive = ArchivedSky(layout: sky)
        let data = try SkyLayout.jsonEncoder().encode(archive)
        let json = try #require(String(data: data, encoding: .utf8))
        for worry in worries {
            #expect(!json.contains(worry.text))
            #expect(!json.contains(worry.id))
        }
        for node in sky.nodes {
            #expect(!json.contains(node.id))
        }
        #expect(!json.contains("\"text\"") && !json.contains("\"id\"") && !json.contains("\"label\""))
    }

    @Test func anArchivedSkyKeepsTheShapeOfTheNight() throws {
        let worries = skyWorries(count: 400)
        let sky = SkyEngine(seed: 52).layout(worries, now: skyTestEpoch)
        let archive = ArchivedSky(layout: sky)
        #expect(archive.worryCount == worries.count)
        #expect(archive.nodes.count == sky.nodes.count)
        #expect(archive.links == sky.links)
        // Positions and colours are re-drawn on purpose (SkyArchivePrivacyTests); the rest is kept.
        #expect(archive.nodes.map(\.count) == sky.nodes.map(\.count) && archive.nodes.map(\.radius) == sky.nodes.map(\.radius))
        let data = try SkyLayout.jsonEncoder().encode(archive)
        #expect(try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: data) == archive)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["worryCount", "nodes", "links", "constellations"])
        for node in try #require(object["nodes"] as? [[String: Any]]) {
            let keys: Set<String> = ["x", "y", "count", "radius", "color"]
            #expect(Set(node.keys) == (node["constellation"] == nil ? keys : keys.union(["constellation"])))
        }
        // Without owners nobody is known to share a name, so no name is kept.
        let constellations = try #require(object["constellations"] as? [[String: Any]])
        #expect(!constellations.isEmpty)
        for constellation in constellations {
            #expect(Set(constellation.keys) == ["size", "stars", "lines"])
        }
    }
}
