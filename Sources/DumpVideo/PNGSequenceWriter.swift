import CFFmpeg
import Foundation

/// Writes each frame as `frame-00001.png`, `frame-00002.png`, … in a directory, using
/// libavcodec's PNG encoder (RGB, no alpha: every frame is an opaque sky).
public final class PNGSequenceWriter: FrameSink {
    private let directory: URL
    private let scaler: Scaler
    private let encoder: Encoder
    private var finished = false
    /// Frames written so far.
    public private(set) var frameCount = 0

    /// Creates `directory` if needed and prepares the encoder.
    public init(directory: URL, options: VideoOptions) throws {
        try options.validate(for: .pngSequence)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw VideoError.io("cannot create directory \(directory.path): \(error.localizedDescription)")
        }
        self.directory = directory
        encoder = try Encoder(
            name: "png", width: options.width, height: options.height, fps: options.fps,
            pixelFormat: AV_PIX_FMT_RGB24, options: [("pred", "paeth")], configure: { _ in })
        scaler = try Scaler(width: options.width, height: options.height, to: AV_PIX_FMT_RGB24)
    }

    /// The file name of frame `index` (0-based): `frame-00001.png` for index 0.
    public static func fileName(forFrame index: Int) -> String {
        let number = String(index + 1)
        return "frame-" + String(repeating: "0", count: max(0, 5 - number.count)) + number + ".png"
    }

    public func append(_ frame: some BGRAImage) throws {
        guard !finished else { throw VideoError.finished }
        let url = directory.appendingPathComponent(Self.fileName(forFrame: frameCount))
        var written = false
        try encoder.encode(fill: { try scaler.convert(frame, into: $0) }) { packet in
            let data = Data(bytes: packet.pointee.data, count: Int(packet.pointee.size))
            do {
                try data.write(to: url)
            } catch {
                throw VideoError.io("cannot write \(url.path): \(error.localizedDescription)")
            }
            written = true
        }
        guard written else { throw VideoError.io("the PNG encoder produced no image for frame \(frameCount + 1)") }
        frameCount += 1
    }

    public func finish() throws {
        finished = true
    }
}
