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

    /// What ffprobe says of the first audio stream of `path`, or nil when it has none.
    public static func audio(_ path: String) throws -> AudioProbe? {
        let output = try runTool(
            "ffprobe",
            [
                "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name,sample_rate,channels,duration:format=duration",
                "-of", "json", path,
            ])
        let json = try JSONSerialization.jsonObject(with: output) as! [String: Any]
        guard let stream = (json["streams"] as? [[String: Any]])?.first else { return nil }
        return AudioProbe(
            codec: stream["codec_name"] as! String,
            sampleRate: Int(stream["sample_rate"] as! String)!,
            channels: stream["channels"] as! Int,
            duration: try decodedDuration(path, stream: "a:0"))
    }

    /// Seconds of a stream of `path` ("v:0", "a:0"), by decoding it all (container durations
    /// round to the container's time base and count encoder padding differently).
    public static func decodedDuration(_ path: String, stream: String) throws -> Double {
        let output = try runTool(
            "ffprobe",
            [
                "-v", "error", "-select_streams", stream, "-show_entries", "frame=pts_time,pkt_duration_time",
                "-of", "csv=p=0", path,
            ])
        var end = 0.0
        for line in String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ",").compactMap { Double($0) }
            if parts.count == 2 { end = max(end, parts[0] + parts[1]) }
        }
        return end
    }

    /// The decoded samples of the first audio stream of `path`, interleaved floats at 48 kHz.
    public static func audioSamples(_ path: String) throws -> [Float] {
        let data = try runTool(
            "ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-f", "f32le", "-ar", "48000", "-"])
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// EBU R128 measures of `path`'s sound by FFmpeg's ebur128 filter: integrated loudness
    /// (LUFS), loudness range (LU) and true peak (dBTP).
    public static func loudness(_ path: String) throws -> (integrated: Double, range: Double, truePeak: Double) {
        let text = try runToolStderr(
            "ffmpeg", ["-nostdin", "-hide_banner", "-i", path, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"])
        let summary = text.components(separatedBy: "Summary:").last ?? ""
        func value(after label: String) -> Double {
            guard let range = summary.range(of: label) else { return .nan }
            let rest = summary[range.upperBound...].trimmingCharacters(in: .whitespaces)
            return Double(rest.prefix { "-+.0123456789".contains($0) }) ?? .nan
        }
        return (value(after: "I:"), value(after: "LRA:"), value(after: "Peak:"))
    }

    /// Runs a tool and returns what it wrote on stderr (FFmpeg's filters report there).
    public static func runToolStderr(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(
                domain: "probe", code: Int(process.terminationStatus),
                userInfo: [NSLocalizedDescriptionKey: "\(name) \(arguments.joined(separator: " ")) failed"])
        }
        return String(decoding: data, as: UTF8.self)
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

/// What ffprobe says of an audio stream.
public struct AudioProbe {
    public var codec: String
    public var sampleRate: Int
    public var channels: Int
    /// Seconds, from the decoded frames.
    public var duration: Double
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
