import DumpEngine
import DumpTestSupport
import DumpVideo
import Foundation
import Testing

@testable import DumpClip

@Suite("Dust clips through the streaming pipeline")
struct DustClipTests {
    let options = DustOptions(width: 320, height: 180, fps: 30, seconds: 2, seed: 9)

    @Test func webmClipHasEveryFrameAtTheRightSize() throws {
        let url = try temporaryDirectory().appendingPathComponent("worry.webm")
        var progress: [Int] = []
        let report = try DustClip(options: options).render(text: "회사 가기 싫어요 😢", to: url, format: .webm) { done, _ in
            progress.append(done)
        }
        #expect(report.frames == 60)
        #expect(progress == Array(1...60))
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "vp9" && probe.width == 320 && probe.height == 180 && probe.frameCount == 60)
    }

    @Test func mp4ClipIsH264() throws {
        let url = try temporaryDirectory().appendingPathComponent("worry.mp4")
        try DustClip(options: options).render(text: "worry", to: url, format: .mp4)
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "h264" && probe.frameCount == 60 && probe.pixelFormat == "yuv420p")
    }

    @Test func twoRendersGiveByteIdenticalPNGFrames() throws {
        let first = try temporaryDirectory(), second = try temporaryDirectory()
        try DustClip(options: options).render(text: "같은 고민 same worry", to: first, format: .pngSequence)
        try DustClip(options: options).render(text: "같은 고민 same worry", to: second, format: .pngSequence)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names.count == 60)
        for name in names {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs")
        }
    }

    /// A 500-character worry at the real size: every frame there, and each format at most
    /// 2 MB (it was 4–7 MB before the particle budget and the bit-rate ceiling).
    @Test func theLongestWorryStaysUnder2MBPerFormat() throws {
        let text = String(String(repeating: "오늘도 회사에서 하루 종일 버텼는데 집에 오니 아무것도 하기 싫고 내일이 또 온다는 게 무섭다. ", count: 12).prefix(500))
        #expect(text.count == 500)
        let real = DustOptions(width: 1280, height: 720, fps: 30, seconds: 5, seed: 3)
        for format in [ClipFormat.webm, .mp4] {
            let url = try temporaryDirectory().appendingPathComponent("long.\(format == .webm ? "webm" : "mp4")")
            try DustClip(options: real).render(text: text, to: url, format: format)
            let bytes = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            #expect(bytes <= 2_000_000, "\(format): \(bytes) bytes")
            let probe = try Probe.run(url.path)
            #expect(probe.frameCount == 150 && probe.width == 1280 && probe.height == 720, "\(format)")
        }
    }

    @Test func anEncoderFailureStopsThePainterAndSurfaces() throws {
        // A directory where the file should be: FFmpeg cannot open it for writing.
        let url = try temporaryDirectory()
        #expect(throws: VideoError.self) {
            try DustClip(options: options).render(text: "worry", to: url, format: .webm)
        }
    }
}
