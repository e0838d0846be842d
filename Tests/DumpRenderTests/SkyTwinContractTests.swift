import DumpEngine
import Foundation
import Testing

@testable import DumpRender

/// The page draws the live sky with JavaScript twins of two drawing rules: `crowdLooks` (of
/// `SkyCrowding.looks`: how much each star gives way to its neighbours) and `skyBox` (of
/// `SkyViewport.cover` and `.fitting`: where the 16:9 sky lands on the screen). Both are pinned
/// to golden files here (`Tests/Fixtures/sky-contract/crowding.json`, `viewport.json`) that
/// `Tests/browser/test_contract.py` feeds to the page's twins: a change on one side fails a
/// test on the other. `DUMPIT_UPDATE_GOLDEN=1` writes them anew.
@Suite("Sky drawing twins (golden files shared with the page's tests)")
struct SkyTwinContractTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sky-contract", isDirectory: true)

    struct Star: Codable, Equatable {
        var x: Double
        var y: Double
        var radius: Double
    }

    struct Look: Codable, Equatable {
        var size: Double
        var halo: Double
    }

    struct Crowding: Codable, Equatable {
        var stars: [Star]
        var looks: [Look]
    }

    struct Box: Codable, Equatable {
        var x: Double
        var y: Double
        var w: Double
        var h: Double
    }

    struct Band: Codable, Equatable {
        var top: Double
        var bottom: Double
    }

    struct ViewportCase: Codable, Equatable {
        var width: Double
        var height: Double
        /// The free band between the page's header and its dump box; nil covers the window.
        var band: Band?
        var box: Box
    }

    /// A dense core, a sparse rim and a lone star far out: every branch of the crowding rule.
    static func crowding() -> Crowding {
        var random = SplitMix64(seed: 24)
        var stars: [Star] = []
        for n in 0..<400 {
            let spread = n < 300 ? 0.04 : 0.2
            stars.append(
                Star(
                    x: 0.5 + random.gaussian() * spread * 9 / 16, y: 0.5 + random.gaussian() * spread,
                    radius: random.double(in: 0.004...0.02)))
        }
        stars.append(Star(x: 0.02, y: 0.97, radius: 0.01))
        let looks = SkyCrowding.looks(x: stars.map(\.x), y: stars.map(\.y), radius: stars.map(\.radius))
        return Crowding(stars: stars, looks: looks.map { Look(size: $0.size, halo: $0.halo) })
    }

    /// Phones, tablets and desktops, covered and with the page's band.
    static func viewports() -> [ViewportCase] {
        let screens: [(Double, Double, Band?)] = [
            (1280, 800, nil), (390, 844, nil), (1920, 1080, nil), (768, 1024, nil),
            (1280, 800, Band(top: 96, bottom: 560)), (390, 844, Band(top: 120, bottom: 520)),
            (844, 390, Band(top: 60, bottom: 250)), (1920, 1080, Band(top: 140, bottom: 820)),
        ]
        return screens.map { width, height, band in
            let viewport =
                band.map { SkyViewport.fitting(clusterIn: PixelRect(x: 0, y: $0.top, width: width, height: $0.bottom - $0.top)) }
                ?? SkyViewport.cover(width: width, height: height)
            return ViewportCase(
                width: width, height: height, band: band,
                box: Box(x: viewport.x, y: viewport.y, w: viewport.width, h: viewport.height))
        }
    }

    static func encoded(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(value)
    }

    @Test func theDrawingRulesWriteTheGoldenFiles() throws {
        let files: [(String, Data)] = [
            ("crowding.json", try Self.encoded(Self.crowding())), ("viewport.json", try Self.encoded(Self.viewports())),
        ]
        if ProcessInfo.processInfo.environment["DUMPIT_UPDATE_GOLDEN"] == "1" {
            for (name, data) in files { try data.write(to: Self.folder.appendingPathComponent(name)) }
        }
        for (name, data) in files {
            #expect(
                try Data(contentsOf: Self.folder.appendingPathComponent(name)) == data,
                "\(name) differs from what the Swift rule gives: DUMPIT_UPDATE_GOLDEN=1 and look")
        }
        let looks = Self.crowding().looks
        #expect(looks.contains { $0.size == SkyCrowding.minimumSize }, "the core reaches the smallest size")
        #expect(looks.contains { $0.size < 1 && $0.size > SkyCrowding.minimumSize }, "the rim gives way a little")
        #expect(looks.last == Look(size: 1, halo: 1), "the lone star is drawn as laid out")
    }
}
