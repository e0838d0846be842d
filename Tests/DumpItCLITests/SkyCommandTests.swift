import DumpTestSupport
import Foundation
import Testing

/// The built `dumpit` binary.
private func dumpitURL() -> URL { productsDirectory().appendingPathComponent("dumpit") }

/// Whether this `dumpit` has the `sky` and `poster` commands (DumpIt.swift registers them).
let skyCommandsRegistered: Bool = {
    guard let help = try? runProgram(dumpitURL(), ["--help"]) else { return false }
    let subcommands = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    return subcommands.contains { $0.hasPrefix("sky ") } && subcommands.contains { $0.hasPrefix("poster ") }
}()

/// Writes `json` to a fresh worries file and returns its path.
private func worriesFile(_ json: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent("worries-\(UUID().uuidString).json")
    try Data(json.utf8).write(to: url)
    return url.path
}

private let goodWorries = """
    [{"text": "회사 가기 싫어요", "createdAt": "2026-11-24T21:00:00Z", "id": "a"},
     {"text": "회사 가기 싫어요!!"}, {"text": "I can't sleep"}, {"text": "<script>alert(1)</script>"}]
    """

@Suite("dumpit sky", .enabled(if: skyCommandsRegistered, "DumpIt.swift does not register SkyCommand yet"))
struct SkyCommandTests {
    @Test(arguments: ["png", "svg", "pdf"])
    func drawsAStillSky(format: String) throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("sky.\(format)")
        let run = try runProgram(
            dumpitURL(),
            [
                "sky", "--from", try worriesFile(goodWorries, in: directory), "-o", output.path, "--size", "640x360",
                "--seed", "7", "--time", "2.5",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: output)
        switch format {
        case "png":
            let probe = try Probe.runTool(
                "ffprobe", ["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", output.path])
            #expect(String(decoding: probe, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "640,360")
        case "svg":
            #expect(String(decoding: data.prefix(200), as: UTF8.self).contains("<svg"))
            #expect(!String(decoding: data, as: UTF8.self).contains("<script"))
        default:
            #expect(data.starts(with: Array("%PDF-".utf8)))
        }
    }

    @Test func writesTheLayoutAsTheJSONThePageDraws() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("sky.json")
        let run = try runProgram(
            dumpitURL(), ["sky", "--from", try worriesFile(goodWorries, in: directory), "-o", output.path, "--seed", "7"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        let nodes = try #require(json?["nodes"] as? [[String: Any]])
        #expect(!nodes.isEmpty && nodes.allSatisfy { $0["text"] is String && $0["x"] is Double })
        #expect(json?["links"] is [Any] && json?["constellations"] is [Any] && json?["driftPeriod"] is Double)
    }

    @Test func theSameWorriesAndSeedGiveTheSamePNG() throws {
        let directory = try temporaryDirectory()
        let input = try worriesFile(goodWorries, in: directory)
        var outputs: [Data] = []
        for name in ["a.png", "b.png"] {
            let url = directory.appendingPathComponent(name)
            let run = try runProgram(dumpitURL(), ["sky", "--from", input, "-o", url.path, "--size", "640x360", "--seed", "3"])
            #expect(run.status == 0, "\(run.stderr)")
            outputs.append(try Data(contentsOf: url))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func writesASeamlessWebMLoop() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("sky.webm")
        let run = try runProgram(
            dumpitURL(),
            [
                "sky", "--from", try worriesFile(goodWorries, in: directory), "-o", output.path, "--size", "640x360",
                "--seconds", "1", "--fps", "12",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty, "no progress bar when stdout is not a terminal")
        let probe = try Probe.run(output.path)
        #expect(probe.codec == "vp9" && probe.width == 640 && probe.height == 360 && probe.frameCount == 12)
    }

    @Test(arguments: [
        (["--size", "639x360"], "size"),
        (["--size", "7681x4320"], "size"),
        (["--size", "1920x4321"], "size"),
        (["--size", "wide"], "size"),
        (["-o", "/tmp/sky.gif"], "unknown output"),
        (["-o", "/tmp/sky"], "unknown output"),
        (["-o", "/tmp/sky.webm", "--size", "641x360"], "even"),
        (["-o", "/tmp/sky.webm", "--seconds", "0"], "seconds"),
        (["-o", "/nonexistent-folder/sky.png"], "does not exist"),
        (["--bogus"], "bogus"),
    ])
    func badArgumentsAreOneLineAndExitTwo(extra: [String], mentions: String) throws {
        let directory = try temporaryDirectory()
        var arguments = ["sky", "--from", try worriesFile(goodWorries, in: directory)]
        if !extra.contains("-o") { arguments += ["-o", directory.appendingPathComponent("sky.png").path] }
        let run = try runProgram(dumpitURL(), arguments + extra)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("dumpit: error: "))
        #expect(run.stderr.lowercased().contains(mentions.lowercased()), "\(run.stderr)")
    }

    @Test(arguments: [
        ("{oops", "not valid JSON"),
        ("[]", "empty"),
        ("[{\"text\": 5}]", "should be a string"),
        ("[{\"words\": \"x\"}]", "no \"text\""),
        ("{\"text\": \"x\"}", "array"),
        ("[{\"text\": \"x\", \"createdAt\": \"soon\"}]", "ISO-8601"),
    ])
    func badWorriesFilesAreOneLineAndExitTwo(json: String, mentions: String) throws {
        let directory = try temporaryDirectory()
        let run = try runProgram(
            dumpitURL(),
            [
                "sky", "--from", try worriesFile(json, in: directory), "-o", directory.appendingPathComponent("s.png").path,
            ])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("dumpit: error: "))
        #expect(run.stderr.contains(mentions), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("s.png").path))
    }

    @Test func aMissingWorriesFileIsOneLine() throws {
        let run = try runProgram(dumpitURL(), ["sky", "--from", "/nonexistent/worries.json", "-o", "/tmp/s.png"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("dumpit: error: cannot read /nonexistent/worries.json"), "\(run.stderr)")
    }
}
