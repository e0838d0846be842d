import DumpEngine
import DumpRender
import DumpVideo
import DumpTestSupport
import Foundation
import Testing

@testable import DumpClip

@Suite("Sky loop video")
struct SkyLoopTests {
    @Test(arguments: [(320, 180, 2), (160, 90, 10)])
    func aLoopIsAVP9WebMWithEveryFrame(width: Int, height: Int, seconds: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("sky.webm")
        var reported: [Int] = []
        let report = try renderSkyLoop(
            layout: skyClipLayout(), url: url, width: width, height: height, fps: 30, seconds: seconds
        ) { done, total in
            #expect(total == 30 * seconds)
            reported.append(done)
        }
        #expect(report.frames == 30 * seconds)
        #expect(reported == Array(1...(30 * seconds)))
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "vp9")
        #expect(probe.formatName.contains("webm"))
        #expect(probe.width == width && probe.height == height)
        #expect(probe.frameRate == "30/1")
        #expect(probe.frameCount == 30 * seconds)
    }

    @Test func theFrameAfterTheLastIsTheFirstSoTheLoopIsSeamless() throws {
        let layout = skyClipLayout()
        for seconds in [2, 10] {
            let loop = SkyLoop(fps: 30, seconds: seconds, period: layout.driftPeriod, start: 1_795_600_000)
            #expect(loop.time(ofFrame: loop.frameCount) - loop.time(ofFrame: 0) == layout.driftPeriod)
            let painter = try SkyPainter(
                layout: layout, width: 320, height: 180, options: SkyPainter.Options(snapStars: false))
            let background = try painter.renderBackground()
            func frame(_ index: Int) throws -> [UInt8] {
                let surface = try Surface(width: 320, height: 180)
                surface.copyPixels(from: background)
                try painter.paintForeground(into: surface, at: loop.time(ofFrame: index))
                return surface.withPixels { Array($0) }
            }
            let first = try frame(0)
            #expect(try frame(loop.frameCount) == first, "frame N differs from frame 0 for a \(seconds) s loop")
            // …and the sky does move in between.
            #expect(try frame(loop.frameCount / 4) != first)
            #expect(try frame(1) != first)
        }
    }

    @Test func aLoopRefusesSizesAVideoCannotHave() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("odd.webm")
        #expect(throws: VideoError.self) {
            try renderSkyLoop(layout: skyClipLayout(), url: url, width: 321, height: 180, seconds: 1)
        }
        #expect(throws: VideoError.self) {
            try renderSkyLoop(layout: skyClipLayout(), url: url, width: 320, height: 180, seconds: 0)
        }
    }
}
