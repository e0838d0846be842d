import DumpTestSupport
import Foundation
import Testing

/// Runs the built `dumpit` binary, as a person would.
private func dumpit(_ arguments: String...) throws -> ToolRun {
    try runProgram(productsDirectory().appendingPathComponent("dumpit"), arguments)
}

@Suite("dumpit render")
struct RenderCommandTests {
    @Test func rendersAWebmClip() throws {
        let url = try temporaryDirectory().appendingPathComponent("clip.webm")
        let run = try dumpit("render", "회사 가기 싫어요 😢", "-o", url.path, "--size", "320x180", "--seconds", "1", "--fps", "24")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let probe = try Probe.run(url.path)
        #expect(probe.codec == "vp9" && probe.width == 320 && probe.height == 180 && probe.frameCount == 24)
    }

    @Test func rendersAPNGSequenceIntoADirectory() throws {
        let directory = try temporaryDirectory().appendingPathComponent("frames")
        let run = try dumpit("render", "worry", "-o", directory.path + "/", "--size", "64x36", "--seconds", "1", "--fps", "5")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == (1...5).map { "frame-0000\($0).png" })
    }

    @Test func aVideoHasSoundUnlessMuted() throws {
        let directory = try temporaryDirectory()
        let loud = directory.appendingPathComponent("loud.mp4"), quiet = directory.appendingPathComponent("quiet.mp4")
        let common = ["--size", "160x90", "--seconds", "2", "--fps", "10"]
        #expect(
            try runProgram(productsDirectory().appendingPathComponent("dumpit"), ["render", "worry", "-o", loud.path] + common)
                .status == 0)
        #expect(
            try runProgram(
                productsDirectory().appendingPathComponent("dumpit"), ["render", "worry", "-o", quiet.path, "--mute"] + common
            )
            .status == 0)
        #expect(try Probe.audio(loud.path)?.codec == "aac")
        #expect(try Probe.audio(quiet.path) == nil)
    }

    /// The last PNG of a sequence is the empty night unless `--end-card` asks for the card.
    @Test func aPNGSequenceEndsOnTheCardOnlyWhenAsked() throws {
        let plain = try temporaryDirectory(), carded = try temporaryDirectory()
        let common = ["--size", "320x180", "--seconds", "2", "--fps", "10", "--public-url", "https://dump.example"]
        let binary = productsDirectory().appendingPathComponent("dumpit")
        #expect(try runProgram(binary, ["render", "worry", "-o", plain.path + "/"] + common).status == 0)
        #expect(try runProgram(binary, ["render", "worry", "-o", carded.path + "/", "--end-card"] + common).status == 0)
        let plainLuma = try Probe.meanLuma(plain.appendingPathComponent("frame-00020.png").path, frame: 0, crop: "50:12:135:76")
        let cardLuma = try Probe.meanLuma(carded.appendingPathComponent("frame-00020.png").path, frame: 0, crop: "50:12:135:76")
        #expect(cardLuma > plainLuma + 12, "wordmark region: \(cardLuma) with --end-card, \(plainLuma) without")
    }

    @Test(arguments: [
        (["render", "worry", "-o", "/tmp/x.webm", "--public-url", "dump.example"], "public-url"),
        (["render", "", "-o", "/tmp/x.webm"], "empty"),
        (["render", "  \n\t ", "-o", "/tmp/x.webm"], "empty"),
        (["render", String(repeating: "가", count: 501), "-o", "/tmp/x.webm"], "501"),
        (["render", "a\u{7}b", "-o", "/tmp/x.webm"], "control"),
        (["render", "worry", "-o", "/tmp/x.webm", "--size", "0x10"], "size"),
        (["render", "worry", "-o", "/tmp/x.webm", "--size", "3841x2160"], "size"),
        (["render", "worry", "-o", "/tmp/x.webm", "--size", "banana"], "size"),
        (["render", "worry", "-o", "/tmp/x.webm", "--fps", "0"], "fps"),
        (["render", "worry", "-o", "/tmp/x.webm", "--fps", "61"], "fps"),
        (["render", "worry", "-o", "/tmp/x.gif"], "unknown output"),
        (["render", "worry", "-o", "/nonexistent-dir/x.webm"], "does not exist"),
        (["render", "worry"], "output"),
        (["render", "worry", "-o", "/tmp/x.webm", "--bogus"], "bogus"),
    ])
    func badInputIsOneLineAndExitTwo(arguments: [String], mentions: String) throws {
        let run = try runProgram(productsDirectory().appendingPathComponent("dumpit"), arguments)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("dumpit: error: "))
        #expect(run.stderr.lowercased().contains(mentions.lowercased()), "\(run.stderr)")
    }
}
