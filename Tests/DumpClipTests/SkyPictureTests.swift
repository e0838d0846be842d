import DumpEngine
import DumpRender
import DumpTestSupport
import Foundation
import Testing

@testable import DumpClip

@Suite("Sky pictures")
struct SkyPictureTests {
    @Test func aSkyPNGIsAnOpaqueRGBImageWithTheSameBytesEveryTime() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.png"), second = directory.appendingPathComponent("b.png")
        try renderSkyPicture(layout: skyClipLayout(), url: first, format: .png, width: 640, height: 360, time: 4)
        try renderSkyPicture(layout: skyClipLayout(), url: second, format: .png, width: 640, height: 360, time: 4)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let probe = try Probe.image(first.path)
        #expect(probe.codec == "png" && probe.width == 640 && probe.height == 360)
        // Overwriting works, and no temporary folder is left beside the file.
        try renderSkyPicture(layout: skyClipLayout(), url: first, format: .png, width: 640, height: 360, time: 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a.png", "b.png"])
    }

    @Test func vectorSkiesAreWellFormedAndCarryNoMarkupFromWorries() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let svg = directory.appendingPathComponent("sky.svg"), pdf = directory.appendingPathComponent("sky.pdf")
        try renderSkyPicture(layout: skyClipLayout(), url: svg, format: .svg, width: 1280, height: 720)
        try renderSkyPicture(layout: skyClipLayout(), url: pdf, format: .pdf, width: 1280, height: 720)
        let svgData = try Data(contentsOf: svg)
        #expect(xmlElementNames(svgData) != nil)
        #expect(!String(decoding: svgData, as: UTF8.self).contains("<script"))
        let pdfData = try Data(contentsOf: pdf)
        #expect(pdfData.starts(with: Array("%PDF-".utf8)))
        let box = try #require(pdfMediaBox(pdfData))
        #expect(box.width == 1280 && box.height == 720)
    }
}

@Suite("Worries file")
struct SkyWorriesFileTests {
    private let now = Date(timeIntervalSince1970: 1_795_600_000)

    private func problem(_ json: String) -> String? {
        do {
            _ = try SkyWorriesFile.decode(Data(json.utf8), now: now, name: "w.json")
            return nil
        } catch {
            return (error as? SkyWorriesFile.Problem)?.message ?? "\(error)"
        }
    }

    @Test func textsWithOptionalDatesAndIDsAreRead() throws {
        let json = """
            [{"text": "회사 가기 싫어요", "createdAt": "2026-11-24T21:00:00Z", "id": "abc"},
             {"text": "I can't sleep", "createdAt": "2026-11-24T21:00:00.250Z"},
             {"text": "rent again"}]
            """
        let worries = try SkyWorriesFile.decode(Data(json.utf8), now: now)
        #expect(worries.map(\.text) == ["회사 가기 싫어요", "I can't sleep", "rent again"])
        #expect(worries[0].id == "abc" && worries[1].id == "worry-1" && worries[2].id == "worry-2")
        #expect(worries[0].createdAt == Date(timeIntervalSince1970: 1_795_554_000))
        #expect(worries[2].createdAt == now)
    }

    @Test func derivedIDsSortInFileOrder() throws {
        let json = "[" + (0..<12).map { "{\"text\": \"t\($0)\"}" }.joined(separator: ",") + "]"
        let ids = try SkyWorriesFile.decode(Data(json.utf8), now: now).map(\.id)
        #expect(ids == ids.sorted() && ids.first == "worry-00" && ids.last == "worry-11")
    }

    @Test func badInputGivesOneLineThatSaysWhatIsWrong() {
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON"),
            ("[]", "empty"),
            ("{\"text\": \"a\"}", "array"),
            ("[{\"text\": 5}]", "item 0, \"text\" should be a string"),
            ("[{\"text\": \"ok\"}, {\"words\": \"x\"}]", "item 1 has no \"text\""),
            ("[{\"text\": \"ok\", \"createdAt\": \"yesterday\"}]", "not an ISO-8601 date"),
            ("[{\"text\": \"ok\", \"id\": 7}]", "\"id\" should be a string"),
            ("[{\"text\": \"   \"}]", "blank"),
            ("[\"just a string\"]", "item 0"),
        ]
        for (json, expected) in cases {
            let message = problem(json)
            #expect(message?.contains(expected) == true, "\(json) → \(message ?? "no error")")
            #expect(message?.contains("\n") == false)
            #expect(message?.hasPrefix("w.json: ") == true)
        }
    }
}
