import Foundation

/// What ffprobe (Debian's ffmpeg, used only as an independent checker) says of a file.
public struct Probe {
    public var codec: String
    public var width: Int
    public var height: Int
    public var pixelFormat: String
    public var frameRate: String
    public var frameCount: Int
    public var formatName: String

    /// Probes the first video stream of `path`, counting frames by decoding them all.
    public static func run(_ path: String) throws -> Probe {
        let output = try runTool(
            "ffprobe",
            [
                "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames:format=format_name",
                "-of", "json", path,
            ])
        let json = try JSONSerialization.jsonObject(with: output) as! [String: Any]
        let stream = (json["streams"] as! [[String: Any]])[0]
        let format = json["format"] as! [String: Any]
        return Probe(
            codec: stream["codec_name"] as! String,
            width: stream["width"] as! Int,
            height: stream["height"] as! Int,
            pixelFormat: stream["pix_fmt"] as! String,
            frameRate: stream["r_frame_rate"] as! String,
            frameCount: Int(stream["nb_read_frames"] as! String)!,
            formatName: format["format_name"] as! String)
    }

    /// Mean luma (0–255) of one region of frame `index`, through ffprobe's signalstats filter.
    public static func meanLuma(_ path: String, frame index: Int, crop: String) throws -> Double {
        let escaped = path.replacingOccurrences(of: "'", with: "\\'")
        let graph = "movie='\(escaped)',select=eq(n\\,\(index)),crop=\(crop),signalstats"
        let output = try runTool(
            "ffprobe",
            ["-v", "error", "-f", "lavfi", graph, "-show_entries", "frame_tags=lavfi.signalstats.YAVG", "-of", "json"])
        let json = try JSONSerialization.jsonObject(with: output) as! [String: Any]
        let frames = json["frames"] as! [[String: Any]]
        let tags = frames[0]["tags"] as! [String: String]
        return Double(tags["lavfi.signalstats.YAVG"]!)!
    }

    public static func runTool(_ name: String, _ arguments: [String]) throws -> Data {
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
            throw NSError(
                domain: "probe", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "\(name) \(arguments.joined(separator: " ")) failed"])
        }
        return data
    }
}

/// A fresh temporary directory for one test.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The directory holding the built products (`dumpit`, the test bundle).
public func productsDirectory() -> URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    while url.pathComponents.count > 1, !FileManager.default.fileExists(atPath: url.appendingPathComponent("dumpit").path) {
        url.deleteLastPathComponent()
    }
    return url
}

/// The result of running a command-line program to the end.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `executable` with `arguments` and collects its exit status and output.
public func runProgram(_ executable: URL, _ arguments: [String]) throws -> ToolRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}
