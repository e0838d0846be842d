import DumpTestSupport
import Foundation
import Testing

/// The built `dumpit` binary.
private func dumpitURL() -> URL { productsDirectory().appendingPathComponent("dumpit") }

/// Runs `dumpit moderate …` on `data`.
private func moderate(_ arguments: [String], data: URL) throws -> ToolRun {
    try runProgram(dumpitURL(), ["moderate"] + arguments + ["--data", data.path])
}

private func sql(_ data: URL, _ statement: String) throws -> String {
    String(decoding: try Probe.runTool("sqlite3", [data.appendingPathComponent("dumpit.sqlite").path, statement]), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
}

private let star = "n00000000000abcde"
private let worryID = "WorryIdOfTheTest012345"

/// A data folder whose database (made and migrated by `dumpit moderate list` itself) holds one
/// live worry of `star`, reported twice.
private func reportedStar() throws -> URL {
    let data = try temporaryDirectory()
    #expect(try moderate(["list"], data: data).stdout.contains("no reported stars"))
    let now = Date().timeIntervalSince1970
    _ = try sql(
        data,
        """
        INSERT INTO owner (hash) VALUES ('writerhash');
        INSERT INTO clip (key, text, status, attempts, updatedAt, runAfter) VALUES ('clipkey', '광고 문구 •••', 'ready', 1, \(now), \(now));
        INSERT INTO worry (id, text, ownerHash, createdAt, expiresAt, clipKey, star, visibility)
            VALUES ('\(worryID)', '광고 문구 •••', 'writerhash', \(now), \(now + 3600), 'clipkey', '\(star)', 'public');
        INSERT INTO report (star, reporterHash, reason, createdAt) VALUES ('\(star)', 'r1', 'spam', \(now)), ('\(star)', 'r2', 'self_harm', \(now));
        """)
    return data
}

@Suite("dumpit moderate")
struct ModerateCommandTests {
    @Test func listShowHideRestoreAndDeleteAStar() throws {
        let data = try reportedStar()
        defer { try? FileManager.default.removeItem(at: data) }

        let list = try moderate(["list"], data: data)
        #expect(list.status == 0)
        #expect(list.stdout.contains(star) && list.stdout.contains("spam=1") && list.stdout.contains("self_harm=1"))
        #expect(list.stdout.contains("REVIEW"))
        #expect(!list.stdout.contains("writerhash") && !list.stdout.contains("r1"))

        let show = try moderate(["show", worryID, "--json"], data: data)
        #expect(show.status == 0)
        let item = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(item["star"] as? String == star)
        #expect((item["reports"] as? [String: Int]) == ["spam": 1, "self_harm": 1])
        #expect(!show.stdout.contains("writerhash"))

        #expect(try moderate(["hide", star], data: data).status == 0)
        #expect(try sql(data, "SELECT state || ',' || by FROM starState WHERE star = '\(star)'") == "hidden,operator")
        #expect(try moderate(["restore", star], data: data).status == 0)
        #expect(try sql(data, "SELECT state FROM starState WHERE star = '\(star)'") == "restored")
        #expect(try sql(data, "SELECT count(*) FROM report") == "0")

        let delete = try moderate(["delete", star], data: data)
        #expect(delete.status == 0 && delete.stdout.contains("deleted 1 worry"))
        #expect(try sql(data, "SELECT count(*) FROM worry") == "0")
        #expect(try sql(data, "SELECT count(*) FROM tombstone WHERE id = '\(worryID)'") == "1")
    }

    @Test(arguments: [
        (["list", "n00000000000abcde"], "takes no id"),
        (["show"], "needs a star or worry id"),
        (["hide", "not an id"], "neither a star id"),
        (["delete", "n00000000000fffff"], "no live worry or star"),
        (["restore", "AAAAAAAAAAAAAAAAAAAAAA"], "no live worry or star"),
        (["ban", "n00000000000abcde"], "ban"),
    ])
    func badInputIsOneLineAndExitTwo(arguments: [String], mentions: String) throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let run = try moderate(arguments, data: data)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("dumpit: error:"), "\(run.stderr)")
        #expect(run.stderr.contains(mentions), "\(run.stderr)")
    }
}
