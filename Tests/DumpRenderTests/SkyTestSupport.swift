import DumpEngine
import Foundation
import Testing

/// Worries for sky painting tests: Korean and English, some repeated (brighter stars), some
/// long, one hostile.
let skyPaintingTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지, 알바를 하나 더 구해야 하나 고민이에요",
    "My thesis deadline is in three days and I haven't even started the literature review",
    "엄마가 아프세요", "친구랑 싸웠어요", "rent again", "rent again", "I miss home", "돈 돈 돈 #2026",
]

/// A fixed moment, so layouts do not depend on the clock.
let skyPaintingEpoch = Date(timeIntervalSince1970: 1_795_600_000)

/// The sky of `texts` (or `count` generated worries when given).
func skyPaintingLayout(_ texts: [String] = skyPaintingTexts, count: Int? = nil, seed: UInt64 = 11) -> SkyLayout {
    var worries = texts.enumerated().map { index, text in
        SkyWorry(id: "w\(index)", text: text, createdAt: skyPaintingEpoch.addingTimeInterval(Double(index)))
    }
    if let count {
        var random = SplitMix64(seed: seed)
        worries = (0..<count).map { index in
            let text = index % 5 == 0 ? texts[random.index(below: texts.count)] : "걱정 \(random.index(below: 1_000_000))"
            return SkyWorry(id: "g\(index)", text: text, createdAt: skyPaintingEpoch.addingTimeInterval(Double(index)))
        }
    }
    return SkyEngine(seed: seed).layout(worries, now: skyPaintingEpoch)
}

/// A one-star sky whose only star carries `text` as its label, at the centre.
func skySingleLabelLayout(_ text: String) -> SkyLayout {
    let node = SkyNode(
        id: "n0000000000000001", text: text, count: 4, x: 0.5, y: 0.45, radius: 0.01, color: "#64ffda",
        label: true, drift: SkyDrift(ax: 0.002, ay: 0.002, fx: 1, fy: 1, px: 0, py: 0))
    return SkyLayout(seed: 1, generatedAt: skyPaintingEpoch, nodes: [node], links: [])
}

/// A fresh temporary directory for one sky test.
func skyTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-sky-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a tool found on PATH and returns its standard output; throws on a non-zero exit.
func skyRunTool(_ name: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(domain: "sky-tool", code: Int(process.terminationStatus),
                      userInfo: [NSLocalizedDescriptionKey: "\(name) \(arguments.joined(separator: " ")) failed"])
    }
    return data
}

/// What ffprobe says of a still picture: codec and size.
func skyProbeImage(_ path: String) throws -> (codec: String, width: Int, height: Int) {
    let output = try skyRunTool(
        "ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "json", path])
    let json = try JSONSerialization.jsonObject(with: output) as? [String: Any]
    let stream = try #require((json?["streams"] as? [[String: Any]])?.first)
    return (stream["codec_name"] as? String ?? "", stream["width"] as? Int ?? 0, stream["height"] as? Int ?? 0)
}

/// The page size a PDF declares in its first /MediaBox, in points.
func skyMediaBox(_ data: Data) -> (width: Double, height: Double)? {
    let text = String(decoding: data, as: UTF8.self)
    guard let range = text.range(of: "/MediaBox") else { return nil }
    let tail = text[range.upperBound...]
    guard let open = tail.firstIndex(of: "["), let close = tail.firstIndex(of: "]") else { return nil }
    let numbers = tail[tail.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4 else { return nil }
    return (numbers[2] - numbers[0], numbers[3] - numbers[1])
}

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses `data` as XML; returns the element names met, or nil when it is not well-formed.
func skyParseXML(_ data: Data) -> [String]? {
    final class Collector: NSObject, XMLParserDelegate {
        var names: [String] = []
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            names.append(elementName)
        }
    }
    let parser = XMLParser(data: data)
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector.names : nil
}
