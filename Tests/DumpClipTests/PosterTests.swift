import DumpEngine
import DumpRender
import DumpTestSupport
import Foundation
import Testing

@testable import DumpClip

@Suite("Posters")
struct PosterTests {
    @Test(arguments: [PictureFormat.png, .svg, .pdf])
    func aPosterCarriesNoneOfTheNightsWorries(format: PictureFormat) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let worries = skyClipWorries()
        let sky = ArchivedSky(layout: SkyEngine(seed: 5).layout(worries, now: skyTestEpoch))
        let url = directory.appendingPathComponent("2026-11-24.\(format.rawValue)")
        try renderPoster(sky, date: "2026-11-24", format: format, url: url, width: 1280, height: 720)
        let data = try Data(contentsOf: url)
        for worry in worries {
            #expect(!skyClipContains(data, worry.text), "\(format) poster contains \"\(worry.text)\"")
            #expect(!skyClipContains(data, worry.id))
        }
        #expect(!skyClipContains(data, "<script"))
        switch format {
        case .png:
            let probe = try Probe.image(url.path)
            #expect(probe.codec == "png" && probe.width == 1280 && probe.height == 720)
        case .svg:
            #expect(xmlElementNames(data) != nil)
        case .pdf:
            #expect(data.starts(with: Array("%PDF-".utf8)))
            let box = try #require(pdfMediaBox(data))
            #expect(box.width == 1280 && box.height == 720)
        }
    }

    @Test func aPortraitPosterAtFullSizeOpens() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sky = ArchivedSky(layout: SkyEngine(seed: 6).layout(skyClipWorries(), now: skyTestEpoch))
        let url = directory.appendingPathComponent("portrait.png")
        try renderPoster(sky, date: "2026-11-24", format: .png, url: url, width: 1080, height: 1350)
        let probe = try Probe.image(url.path)
        #expect(probe.width == 1080 && probe.height == 1350)
    }
}
