import DumpEngine
import DumpTestSupport
import Foundation
import Testing

@testable import DumpRender

/// Constellations on sky pictures, loops and posters: figures, names, and the poster rule.
@Suite("Constellation painting")
struct ConstellationPaintingTests {
    /// Worries about work and sleep (two constellations) and a few loners, owned by `owners`
    /// different people each.
    private func layout(owners: Int = 0, seed: UInt64 = 11) -> SkyLayout {
        let texts = [
            "회사 가기 싫어요", "회사 너무 싫다", "회사 그만두고 싶다", "회사에서 혼났어", "회사 때문에 힘들어", "회사가 지옥",
            "잠이 안 와요", "잠을 못 자요", "잠이 안와", "불면증", "I miss home", "rent again",
        ]
        var worries: [SkyWorry] = []
        for (index, text) in texts.enumerated() {
            for copy in 0..<max(1, owners) {
                worries.append(
                    SkyWorry(
                        id: "w\(index)-\(copy)", text: text, createdAt: skyTestEpoch.addingTimeInterval(Double(index)),
                        owner: owners == 0 ? nil : "owner-\(copy)"))
            }
        }
        return SkyEngine(seed: seed).layout(worries, now: skyTestEpoch)
    }

    private func differingPixels(_ a: Surface, _ b: Surface, in box: SkyLabelBox, width: Int, height: Int) -> Int {
        var count = 0
        for y in max(0, Int(box.minY * Double(height)))..<min(height, Int(box.maxY * Double(height)) + 1) {
            for x in max(0, Int(box.minX * Double(width)))..<min(width, Int(box.maxX * Double(width)) + 1)
            where a.pixel(x: x, y: y) != b.pixel(x: x, y: y) {
                count += 1
            }
        }
        return count
    }

    @Test func figuresAreDrawnBetweenTheirStarsAndCanBeTurnedOff() throws {
        let sky = layout()
        let line = try #require(sky.constellations.first?.lines.first)
        let with = try SkyPainter(layout: sky, width: 1920, height: 1080, options: .init(labels: false)).render(at: 0)
        let without = try SkyPainter(
            layout: sky, width: 1920, height: 1080, options: .init(labels: false, constellations: false)
        ).render(at: 0)
        // The middle of a figure line is lit only when figures are drawn.
        let a = sky.nodes[line.a].position(at: 0), b = sky.nodes[line.b].position(at: 0)
        let mid = SkyLabelBox(
            minX: (a.x + b.x) / 2 - 0.002, minY: (a.y + b.y) / 2 - 0.004, maxX: (a.x + b.x) / 2 + 0.002,
            maxY: (a.y + b.y) / 2 + 0.004)
        #expect(differingPixels(with, without, in: mid, width: 1920, height: 1080) > 0)
    }

    @Test func namesAreDrawnWhereTheLayoutPlacedThem() throws {
        let sky = layout()
        let named = try #require(sky.constellations.first { $0.label })
        let with = try SkyPainter(layout: sky, width: 1920, height: 1080).render(at: 0)
        let without = try SkyPainter(layout: sky, width: 1920, height: 1080, options: .init(constellations: false)).render(at: 0)
        let box = SkyConstellationLabel.box(for: named.name, x: named.x, y: named.y)
        #expect(differingPixels(with, without, in: box, width: 1920, height: 1080) > 100)
    }

    @Test func aNameFitsTheBoxTheEnginePlannedFor() {
        // Pango's ink for the name stays within the engine's box (the page and the painter agree).
        for name in ["회사", "잠", "시험", "insomnia", "외롭다"] {
            let size = SkyConstellationLabel.fontSize * 1920
            let layout = ConstellationInk.nameLayout(name, size: size)!
            let box = SkyConstellationLabel.box(for: name, x: 0.5, y: 0.5)
            #expect(layout.inkExtents.width <= box.width * 1920 + 1, "\(name)")
            #expect(layout.logicalExtents.height <= box.height * 1080 * 1.6, "\(name)")
        }
    }

    @Test func aPosterNamesOnlyConstellationsFiveOwnersShared() throws {
        var random = SplitMix64(seed: 4)
        let four = ArchivedSky(layout: layout(owners: 4), using: &random)
        random = SplitMix64(seed: 4)
        let five = ArchivedSky(layout: layout(owners: 5), using: &random)
        #expect(four.constellations.allSatisfy { $0.name == nil })
        #expect(five.constellations.map(\.name) == ["회사", "잠"])
        let painterFour = try PosterPainter(sky: four, date: "2026-11-24", width: 1280, height: 720)
        let painterFive = try PosterPainter(sky: five, date: "2026-11-24", width: 1280, height: 720)
        let plan = painterFive.plan()
        let viewport = SkyViewport.fitting(clusterIn: plan.skyRegion)
        func stars(_ sky: ArchivedSky) -> [PlacedStar] {
            sky.nodes.map {
                PlacedStar(
                    x: viewport.point($0.x, $0.y).x, y: viewport.point($0.x, $0.y).y, radius: 2, color: Palette.mint, halo: 1)
            }
        }
        #expect(painterFour.nameSpots(stars: stars(four), viewport: viewport, region: plan.skyRegion).isEmpty)
        #expect(painterFive.nameSpots(stars: stars(five), viewport: viewport, region: plan.skyRegion).map(\.name) == ["회사", "잠"])
        // Everything else being equal, the four-owner poster is the nameless one, pixel for pixel.
        var nameless = five
        for index in nameless.constellations.indices { nameless.constellations[index].name = nil }
        let fivePixels = try painterFive.render().pngData()
        let namelessPixels = try PosterPainter(sky: nameless, date: "2026-11-24", width: 1280, height: 720).render().pngData()
        #expect(fivePixels != namelessPixels)
        #expect(try painterFour.render().pngData() != fivePixels)
    }

    @Test func aSkyWithoutConstellationsPaintsAsBefore() throws {
        // An old layout (no constellations) and the same layout with its constellations removed
        // paint identical pixels: figures and names add, they never change what was there.
        var sky = layout()
        sky.constellations = []
        for index in sky.nodes.indices { sky.nodes[index].constellation = nil }
        let a = try SkyPainter(layout: sky, width: 960, height: 540).render(at: 0).pngData()
        let b = try SkyPainter(layout: sky, width: 960, height: 540, options: .init(constellations: false)).render(at: 0)
            .pngData()
        #expect(a == b)
    }
}
