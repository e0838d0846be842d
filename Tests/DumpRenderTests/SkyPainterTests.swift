import DumpEngine
import DumpTestSupport
import Foundation
import Testing

@testable import DumpRender

@Suite("Sky painter")
struct SkyPainterTests {
    @Test func theSameSkyPaintsIdenticalPNGBytesTwice() throws {
        let layout = skyPaintingLayout()
        let first = try SkyPainter(layout: layout, width: 640, height: 360).render(at: 3.7).pngData()
        let second = try SkyPainter(layout: layout, width: 640, height: 360).render(at: 3.7).pngData()
        #expect(first == second)
        #expect(first.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func aPNGOpensAtTheRequestedSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("sky.png")
        try SkyPainter(layout: skyPaintingLayout(), width: 1280, height: 720).write(to: url, format: .png, at: 0)
        let probe = try Probe.image(url.path)
        #expect(probe.codec == "png" && probe.width == 1280 && probe.height == 720)
    }

    @Test func starsLandWhereTheirDriftedPositionsMapOnTheCanvas() throws {
        let layout = skyPaintingLayout()
        let t = 2.5
        for (width, height) in [(960, 540), (800, 800)] {
            let painter = try SkyPainter(
                layout: layout, width: width, height: height, options: .init(labels: false, links: false))
            let surface = try painter.render(at: t)
            let viewport = SkyViewport.cover(width: Double(width), height: Double(height))
            for node in layout.nodes.prefix(6) {
                let position = node.position(at: t, period: layout.driftPeriod)
                let point = viewport.point(position.x, position.y)
                let x = Int(point.x.rounded()), y = Int(point.y.rounded())
                guard x >= 0, y >= 0, x < width, y < height else { continue }
                let pixel = surface.pixel(x: x, y: y)
                // The white-hot core of a star: every channel near full.
                #expect(min(pixel.red, pixel.green, pixel.blue) > 200, "no star core at \(x),\(y) on \(width)x\(height)")
            }
        }
    }

    @Test func aSixteenByNineCanvasIsCoveredExactlyAndOthersAreCroppedLikeThePage() {
        let wide = SkyViewport.cover(width: 1920, height: 1080)
        #expect(wide == SkyViewport(x: 0, y: 0, width: 1920, height: 1080))
        let square = SkyViewport.cover(width: 1000, height: 1000)
        #expect(square.height == 1000 && abs(square.width - 1000 * 16 / 9) < 1e-9 && square.x < 0 && square.y == 0)
        let tall = SkyViewport.cover(width: 1920, height: 2000)
        #expect(tall.height == 2000 && tall.x < 0)
    }

    @Test func theBackdropIsTheNightWithALiftTowardsTheCentre() throws {
        let surface = try SkyPainter(layout: skyPaintingLayout(), width: 1280, height: 720).renderBackground()
        let corner = surface.pixel(x: 2, y: 2)
        // Near #0a0a12 at the edge (a background star may sit anywhere, so allow some light)…
        #expect(corner.alpha == 255 && Int(corner.red) < 40 && Int(corner.blue) < 60)
        // …and lifted towards blue-violet in the middle.
        func brightness(_ x: Int, _ y: Int) -> Int {
            var total = 0
            for dy in -3...3 {
                for dx in -3...3 {
                    let p = surface.pixel(x: x + dx, y: y + dy)
                    total += Int(p.red) + Int(p.green) + Int(p.blue)
                }
            }
            return total
        }
        #expect(brightness(640, 345) > brightness(20, 20))
    }

    @Test func labelsAreDrawnAndCanBeTurnedOff() throws {
        let layout = skySingleLabelLayout("회사 가기 싫어요")
        let with = try SkyPainter(layout: layout, width: 960, height: 540).render(at: 0)
        let without = try SkyPainter(layout: layout, width: 960, height: 540, options: .init(labels: false)).render(at: 0)
        // The label sits under the star (y = 0.45 + radius + gap of the height).
        let box = SkyLabel.box(for: layout.nodes[0])
        var differing = 0
        for y in Int(box.minY * 540)..<min(540, Int(box.maxY * 540) + 4) {
            for x in Int(box.minX * 960)..<Int(box.maxX * 960) where with.pixel(x: x, y: y) != without.pixel(x: x, y: y) {
                differing += 1
            }
        }
        #expect(differing > 100)
    }

    @Test func labelDigitsKeepTextWidthsNotEmojiWidths() {
        // With Noto Color Emoji in the family list Pango sets digits and "#" from it, twice as wide.
        let plain = TextLayout(text: "#197771", style: TextStyle(families: SkyPainter.families, size: 20))
        let letters = TextLayout(text: "abcdefg", style: TextStyle(families: SkyPainter.families, size: 20))
        #expect(plain.logicalExtents.width < letters.logicalExtents.width * 1.4)
        #expect(plain.unknownGlyphCount == 0)
    }

    @Test func crowdedStarsShrinkAndDimTheirHalosWhileSparseOnesStayAsLaidOut() {
        let sparse = skyPaintingLayout()
        let sparseLooks = SkyCrowding.looks(
            x: sparse.nodes.map(\.x), y: sparse.nodes.map(\.y), radius: sparse.nodes.map(\.radius))
        #expect(sparseLooks.filter { $0 == .plain }.count >= sparseLooks.count - 2)

        let dense = skyPaintingLayout(count: 4000)
        let looks = SkyCrowding.looks(x: dense.nodes.map(\.x), y: dense.nodes.map(\.y), radius: dense.nodes.map(\.radius))
        // The densest place is the heart of the largest constellation (most of these worries
        // share one theme); before constellations it was the cluster's centre.
        let members = dense.nodes.filter { $0.constellation == 0 }
        let heartX = members.map(\.x).sorted()[members.count / 2], heartY = members.map(\.y).sorted()[members.count / 2]
        let central = dense.nodes.indices.filter {
            let dx = (dense.nodes[$0].x - heartX) * SkyLayout.aspectRatio, dy = dense.nodes[$0].y - heartY
            return dx * dx + dy * dy < 0.02 * 0.02
        }
        #expect(!central.isEmpty)
        for index in central {
            #expect(looks[index].size < 0.6 && looks[index].halo < 0.6)
            #expect(looks[index].size >= SkyCrowding.minimumSize && looks[index].halo >= 1.0 / 16)
        }
    }

    @Test func everySupportedSizePaints() throws {
        let layout = skyPaintingLayout()
        for (width, height) in [(640, 360), (1000, 1000), (360, 640)] {
            let surface = try SkyPainter(layout: layout, width: width, height: height).render(at: 0)
            #expect(surface.width == width && surface.height == height)
            #expect(surface.pixel(x: width / 2, y: height / 2).alpha == 255)
        }
        #expect(throws: RenderError.self) { _ = try SkyPainter(layout: layout, width: 0, height: 360) }
    }
}

@Suite("Sky vector output")
struct SkyVectorTests {
    @Test func anSVGParsesAndAHostileLabelComesOutAsGlyphsNotMarkup() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("sky.svg")
        let hostile = "<script>alert(1)</script>"
        let layout = skySingleLabelLayout(hostile)
        #expect(layout.nodes[0].label)
        try SkyPainter(layout: layout, width: 960, height: 540).write(to: url, format: .svg, at: 0)
        let data = try Data(contentsOf: url)
        let names = try #require(xmlElementNames(data), "the SVG is not well-formed XML")
        #expect(names.first == "svg")
        #expect(!names.contains("script"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.lowercased().contains("<script"))
        #expect(!text.contains("alert(1)"))
        // The label was drawn: Cairo emits glyph outlines (symbols used by <use>).
        #expect(names.contains("symbol") || names.contains("use") || names.contains("glyph"))
    }

    @Test func aPDFHasItsHeaderAndPageSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("sky.pdf")
        try SkyPainter(layout: skyPaintingLayout(), width: 1280, height: 720).write(to: url, format: .pdf, at: 0)
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: Array("%PDF-".utf8)))
        let box = try #require(pdfMediaBox(data))
        #expect(abs(box.width - 1280) < 0.5 && abs(box.height - 720) < 0.5)
    }

    @Test func pictureFormatsFollowTheFileExtension() {
        #expect(PictureFormat(path: "a/b/sky.PNG") == .png)
        #expect(PictureFormat(path: "sky.svg") == .svg)
        #expect(PictureFormat(path: "sky.pdf") == .pdf)
        #expect(PictureFormat(path: "sky.webm") == nil)
        #expect(PictureFormat(path: "sky") == nil)
    }
}
