import DumpTestSupport
import Foundation
import Testing

@testable import DumpVideo

/// Synthetic frames: a moving bar, so the encoder has real motion to code.
private func movingBar(_ index: Int, width: Int, height: Int) -> BGRABuffer {
    var frame = BGRABuffer(width: width, height: height, red: 10, green: 10, blue: 18)
    let x0 = (index * 5) % max(1, width - 16)
    for y in 0..<height {
        for x in x0..<(x0 + 16) { frame.set(x: x, y: y, red: 100, green: 255, blue: 218) }
    }
    return frame
}

@Suite("Frame sinks write real, decodable clips")
struct FrameSinkTests {
    let width = 320
    let height = 180
    let fps = 30

    func writeClip(_ format: ClipFormat, to url: URL, frames: Int = 60) throws {
        let sink = try makeFrameSink(format: format, url: url, options: VideoOptions(width: width, height: height, fps: fps))
        for index in 0..<frames { try sink.append(movingBar(index, width: width, height: height)) }
        try sink.finish()
    }

    @Test func webmIsVP9WithEveryFrame() throws {
        let url = try temporaryDirectory().appendingPathComponent("clip.webm")
        try writeClip(.webm, to: url)
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "vp9")
        #expect(probe.formatName.contains("webm"))
        #expect(probe.width == width && probe.height == height)
        #expect(probe.pixelFormat == "yuv420p")
        #expect(probe.frameRate == "30/1")
        #expect(probe.frameCount == 60)
    }

    @Test func mp4IsH264FastStartWithEveryFrame() throws {
        let url = try temporaryDirectory().appendingPathComponent("clip.mp4")
        try writeClip(.mp4, to: url)
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "h264")
        #expect(probe.formatName.contains("mp4"))
        #expect(probe.width == width && probe.height == height)
        #expect(probe.pixelFormat == "yuv420p")
        #expect(probe.frameRate == "30/1")
        #expect(probe.frameCount == 60)
        // Fast start: the 'moov' box comes before 'mdat' so playback can begin while downloading.
        let data = try Data(contentsOf: url)
        let moov = data.range(of: Data("moov".utf8))!.lowerBound
        let mdat = data.range(of: Data("mdat".utf8))!.lowerBound
        #expect(moov < mdat)
    }

    @Test func pngSequenceHasOneNumberedFilePerFrame() throws {
        let directory = try temporaryDirectory().appendingPathComponent("frames")
        try writeClip(.pngSequence, to: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == 60)
        #expect(files.first == "frame-00001.png")
        #expect(files.last == "frame-00060.png")
        let probe = try Probe.run(directory.appendingPathComponent("frame-00030.png").path)
        #expect(probe.codec == "png")
        #expect(probe.width == width && probe.height == height)
        #expect(probe.pixelFormat == "rgb24")
    }

    @Test(arguments: [ClipFormat.webm, .mp4])
    func halfBlackHalfWhiteSurvivesEncoding(_ format: ClipFormat) throws {
        var frame = BGRABuffer(width: width, height: height)
        for y in 0..<height { for x in (width / 2)..<width { frame.set(x: x, y: y, red: 255, green: 255, blue: 255) } }
        let url = try temporaryDirectory().appendingPathComponent("halves.\(format.rawValue)")
        let sink = try makeFrameSink(format: format, url: url, options: VideoOptions(width: width, height: height, fps: fps))
        for _ in 0..<10 { try sink.append(frame) }
        try sink.finish()
        // Limited-range luma: black ≈ 16, white ≈ 235. Leave a margin for the edge column.
        let left = try Probe.meanLuma(url.path, frame: 5, crop: "iw/2-8:ih:0:0")
        let right = try Probe.meanLuma(url.path, frame: 5, crop: "iw/2-8:ih:iw/2+8:0")
        #expect(abs(left - 16) < 6, "left half luma \(left)")
        #expect(abs(right - 235) < 6, "right half luma \(right)")
    }

    @Test func wrongFrameSizeIsAnError() throws {
        let url = try temporaryDirectory().appendingPathComponent("clip.webm")
        let sink = try makeFrameSink(format: .webm, url: url, options: VideoOptions(width: width, height: height, fps: fps))
        #expect(throws: VideoError.self) { try sink.append(BGRABuffer(width: 64, height: 64)) }
    }

    @Test func oddSizeForVideoIsRejectedWithReason() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("odd.mp4")
        #expect(throws: VideoError.invalidOptions("video width and height must be even (4:2:0), got 321x180")) {
            _ = try VideoWriter(url: url, format: .mp4, options: VideoOptions(width: 321, height: 180, fps: 30))
        }
    }

    @Test func unwritablePathCarriesFFmpegMessage() {
        let url = URL(fileURLWithPath: "/nonexistent-dir/clip.webm")
        do {
            _ = try VideoWriter(url: url, format: .webm, options: VideoOptions(width: 64, height: 64, fps: 30))
            Issue.record("expected an error")
        } catch let error as VideoError {
            #expect(error.localizedDescription.contains("No such file or directory"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func formatIsChosenByExtension() {
        #expect(ClipFormat.forPath("a/clip.webm") == .webm)
        #expect(ClipFormat.forPath("clip.MP4") == .mp4)
        #expect(ClipFormat.forPath("frames/") == .pngSequence)
        #expect(ClipFormat.forPath("frames") == .pngSequence)
        #expect(ClipFormat.forPath("clip.gif") == nil)
    }
}
