import Foundation

/// What ffprobe (Debian's ffmpeg, used only as an independent checker) says of a file.
struct Probe {
    var codec: String
    var width: Int
    var height: Int
    var pixelFormat: String
    var frameRate: String
    var frameCount: Int
    var formatName: String

    /// Probes the first video stream of `path`, counting frames by decoding them all.
    static func run(_ path: String) throws -> Probe {
        let output = try runTool(
            "ffprobe",
            ["-v", "error", "-count_frames", "-select_streams", "v:0",
             "-show_entries", "stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames:format=format_name",
             "-of", "json", path])
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
    static func meanLuma(_ path: String, frame index: Int, crop: String) throws -> Double {
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

    static func runTool(_ name: String, _ arguments: [String]) throws -> Data {
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
            throw NSError(domain: "probe", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(name) \(arguments.joined(separator: " ")) failed"])
        }
        return data
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
