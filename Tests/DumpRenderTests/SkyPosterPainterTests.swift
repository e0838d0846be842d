import DumpEngine
import DumpTestSupport
import Foundation
import Testing

@testable import DumpRender

@Suite("Poster painter")
struct SkyPosterPainterTests {
    @Test func datesAndCountsAreWordedInKorean() {
        #expect(PosterPainter.koreanDate("2026-11-24") == "2026년 11월 24일")
        #expect(PosterPainter.dottedDate("2026-11-24") == "2026. 11. 24")
        #expect(PosterPainter.dottedDate("2026-1-24") == nil && PosterPainter.koreanDate("yesterday") == nil)
        #expect(PosterPainter.countLine(1) == "1개의 고민이 날아갔습니다")
        #expect(PosterPainter.countLine(1234567) == "1,234,567개의 고민이 날아갔습니다")
        #expect(PosterPainter.countLine(999) == "999개의 고민이 날아갔습니다")
    }

    @Test func landscapeAndPortraitPostersKeepTheClusterAboveTheWords() throws {
        var random = SplitMix64(seed: 3)
        let sky = ArchivedSky(layout: skyPaintingLayout(count: 300), using: &random)
        for (width, height) in [(1280, 720), (1080, 1350)] {
            let painter = try PosterPainter(sky: sky, date: "2026-11-24", width: width, height: height)
            let plan = painter.plan()
            let viewport = SkyViewport.fitting(clusterIn: plan.skyRegion)
            // The cluster's circle (radius 0.42 of the box height) ends above the text block…
            #expect(viewport.center.y + 0.42 * viewport.height < plan.textTop)
            // …and stays inside the margins left and right.
            #expect(viewport.center.x - 0.42 * viewport.height >= plan.margin - 1)
            let surface = try painter.render()
            #expect(surface.width == width && surface.height == height)
        }
    }

    @Test func thePosterPaintsTheSameBytesTwice() throws {
        var first = SplitMix64(seed: 4), second = SplitMix64(seed: 4)
        let layout = skyPaintingLayout(count: 200)
        let a = try PosterPainter(sky: ArchivedSky(layout: layout, using: &first), date: "2026-11-24", width: 960, height: 540)
        let b = try PosterPainter(sky: ArchivedSky(layout: layout, using: &second), date: "2026-11-24", width: 960, height: 540)
        #expect(try a.render().pngData() == b.render().pngData())
    }
}
