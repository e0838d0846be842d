import DumpTestSupport
import Foundation
import Testing

/// The built `dumpit` binary.
private func dumpitURL() -> URL { productsDirectory().appendingPathComponent("dumpit") }

/// Whether the sqlite3 tool is installed (to put an archived night into a test database).
private let hasSQLite3: Bool = (try? Probe.runTool("sqlite3", ["-version"])) != nil

/// A data directory whose database holds archived nights with the given `(date, json)`.
///
/// The database is created and migrated by `dumpit poster` itself (on an empty file), then
/// the nights are inserted with the sqlite3 tool.
private func dataDirectory(nights: [(String, String)]) throws -> URL {
    let directory = try temporaryDirectory()
    let database = directory.appendingPathComponent("dumpit.sqlite")
    FileManager.default.createFile(atPath: database.path, contents: Data())
    _ = try runProgram(dumpitURL(), ["poster", "--date", "1999-01-01", "--data", directory.path])
    for (date, json) in nights {
        let hex = Data(json.utf8).map { String(format: "%02x", $0) }.joined()
        _ = try Probe.runTool(
            "sqlite3",
            [
                database.path,
                "INSERT INTO night (date, worryCount, skyJSON, archivedAt) VALUES ('\(date)', 3, X'\(hex)', 0)",
            ])
    }
    return directory
}

private let archivedSky = """
    {"worryCount": 3, "nodes": [
      {"x": 0.5, "y": 0.5, "count": 2, "radius": 0.007, "color": "#64ffda"},
      {"x": 0.55, "y": 0.45, "count": 1, "radius": 0.004, "color": "#ffffff"}],
     "links": [{"a": 0, "b": 1, "strength": 0.5}]}
    """

@Suite("dumpit poster", .enabled(if: skyCommandsRegistered, "DumpIt.swift does not register PosterCommand yet"))
struct PosterCommandTests {
    @Test(.enabled(if: hasSQLite3))
    func rendersOneNightIntoThePostersFolder() throws {
        let data = try dataDirectory(nights: [("2026-11-24", archivedSky)])
        let run = try runProgram(dumpitURL(), ["poster", "--date", "2026-11-24", "--data", data.path, "--size", "1280x720"])
        #expect(run.status == 0, "\(run.stderr)")
        let poster = data.appendingPathComponent("posters/2026-11-24.png")
        let probe = try Probe.runTool(
            "ffprobe", ["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", poster.path])
        #expect(String(decoding: probe, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "1280,720")
    }

    @Test(.enabled(if: hasSQLite3))
    func rendersEveryNightAndSaysHowLongItTook() throws {
        let data = try dataDirectory(nights: [("2026-11-23", archivedSky), ("2026-11-24", archivedSky)])
        let run = try runProgram(dumpitURL(), ["poster", "--all", "--data", data.path, "--size", "640x360"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("rendered 2 posters in "), "\(run.stdout)")
        #expect(!run.stdout.contains("\r"), "no progress bar when stdout is not a terminal")
        let files = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("posters").path)
        #expect(files.sorted() == ["2026-11-23.png", "2026-11-24.png"])
    }

    @Test(.enabled(if: hasSQLite3))
    func writesVectorPostersWhereAsked() throws {
        let data = try dataDirectory(nights: [("2026-11-24", archivedSky)])
        let pdf = data.appendingPathComponent("night.pdf")
        let run = try runProgram(dumpitURL(), ["poster", "--date", "2026-11-24", "--data", data.path, "-o", pdf.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF-".utf8)))
        // printable: A3 portrait unless a size is given (297 x 420 mm = 842 x 1191 points)
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(
            text.contains("/MediaBox [ 0 0 842 1191 ]"),
            "\(text.components(separatedBy: "/MediaBox").dropFirst().first?.prefix(30) ?? "no MediaBox")")
    }

    @Test(.enabled(if: hasSQLite3))
    func anUnknownDateIsOneLineAndExitTwo() throws {
        let data = try dataDirectory(nights: [("2026-11-24", archivedSky)])
        let run = try runProgram(dumpitURL(), ["poster", "--date", "2026-11-25", "--data", data.path])
        #expect(run.status == 2)
        #expect(run.stderr == "dumpit: error: no archived night on 2026-11-25\n")
    }

    @Test(arguments: [
        ([String](), "--date"),
        (["--date", "2026-11-24", "--all"], "together"),
        (["--date", "2026-13-01"], "YYYY-MM-DD"),
        (["--date", "2026-02-30"], "YYYY-MM-DD"),
        (["--date", "24.11.2026"], "YYYY-MM-DD"),
        (["--all", "-o", "/tmp/p.png"], "--all"),
        (["--date", "2026-11-24", "-o", "/tmp/p.gif"], "unknown output"),
        (["--date", "2026-11-24", "--size", "7680x4321"], "size"),
        (["--date", "2026-11-24", "--size", "359x640"], "size"),
        (["--date", "2026-11-24", "--data", "/nonexistent-data"], "no database"),
    ])
    func badArgumentsAreOneLineAndExitTwo(arguments: [String], mentions: String) throws {
        let run = try runProgram(dumpitURL(), ["poster"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("dumpit: error: "))
        #expect(run.stderr.contains(mentions), "\(run.stderr)")
    }
}
