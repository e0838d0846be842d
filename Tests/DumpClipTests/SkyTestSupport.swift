import DumpEngine
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Worries for sky clip tests: Korean and English, some repeated, one hostile.
let skyClipTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요", "rent again", "rent again",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지", "<script>alert(1)</script>", "I miss home",
]

/// A fixed moment, so layouts do not depend on the clock.
let skyClipEpoch = Date(timeIntervalSince1970: 1_795_600_000)

/// The worries of `skyClipTexts`, one second apart.
func skyClipWorries(_ texts: [String] = skyClipTexts) -> [SkyWorry] {
    texts.enumerated().map { index, text in
        SkyWorry(id: "clip-\(index)", text: text, createdAt: skyClipEpoch.addingTimeInterval(Double(index)))
    }
}

/// The sky of `skyClipTexts`.
func skyClipLayout(seed: UInt64 = 21) -> SkyLayout {
    SkyEngine(seed: seed).layout(skyClipWorries(), now: skyClipEpoch)
}

/// A fresh temporary directory for one sky test.
func skyClipDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-skyclip-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a tool found on PATH and returns its standard output; throws on a non-zero exit.
func skyClipTool(_ name: String, _ arguments: [String]) throws -> Data {
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

/// What ffprobe says of the first video stream of `path` (frames counted by decoding).
struct SkyClipProbe {
    var codec: String
    var width: Int
    var height: Int
    var frameRate: String
    var frameCount: Int?
    var formatName: String

    static func run(_ path: String, countFrames: Bool = true) throws -> SkyClipProbe {
        var arguments = ["-v", "error", "-select_streams", "v:0"]
        if countFrames { arguments.append("-count_frames") }
        arguments += ["-show_entries", "stream=codec_name,width,height,r_frame_rate,nb_read_frames:format=format_name",
                      "-of", "json", path]
        let json = try JSONSerialization.jsonObject(with: skyClipTool("ffprobe", arguments)) as? [String: Any]
        let stream = try #require((json?["streams"] as? [[String: Any]])?.first)
        let format = json?["format"] as? [String: Any]
        return SkyClipProbe(
            codec: stream["codec_name"] as? String ?? "", width: stream["width"] as? Int ?? 0,
            height: stream["height"] as? Int ?? 0, frameRate: stream["r_frame_rate"] as? String ?? "",
            frameCount: (stream["nb_read_frames"] as? String).flatMap { Int($0) },
            formatName: format?["format_name"] as? String ?? "")
    }
}

/// The page size a PDF declares in its first /MediaBox, in points.
func skyClipMediaBox(_ data: Data) -> (width: Double, height: Double)? {
    let text = String(decoding: data, as: UTF8.self)
    guard let range = text.range(of: "/MediaBox") else { return nil }
    let tail = text[range.upperBound...]
    guard let open = tail.firstIndex(of: "["), let close = tail.firstIndex(of: "]") else { return nil }
    let numbers = tail[tail.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4 else { return nil }
    return (numbers[2] - numbers[0], numbers[3] - numbers[1])
}

/// Whether `data` is well-formed XML.
func skyClipIsWellFormedXML(_ data: Data) -> Bool {
    XMLParser(data: data).parse()
}

/// Whether `needle` occurs in `data` as UTF-8, UTF-16BE (PDF text strings) or UTF-16LE bytes.
func skyClipContains(_ data: Data, _ needle: String) -> Bool {
    var encodings: [[UInt8]] = [Array(needle.utf8)]
    encodings.append(needle.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    encodings.append(needle.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    return encodings.contains { data.range(of: Data($0)) != nil }
}
