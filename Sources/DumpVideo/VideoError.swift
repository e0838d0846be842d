import CFFmpeg
import Foundation

/// What went wrong while writing a clip; messages carry FFmpeg's own text.
public enum VideoError: Error, LocalizedError, Equatable {
    /// An FFmpeg call returned an error code.
    case ffmpeg(call: String, code: Int32, message: String)
    /// The encoder this format needs is not in the installed FFmpeg.
    case encoderMissing(String)
    /// A frame of the wrong size was handed to a sink.
    case frameSize(expected: String, got: String)
    /// Options that cannot be encoded (odd size for 4:2:0, fps out of range…).
    case invalidOptions(String)
    /// The sink was used after `finish()`.
    case finished
    /// A file or directory could not be written.
    case io(String)

    public var errorDescription: String? {
        switch self {
        case .ffmpeg(let call, let code, let message):
            return "\(call) failed: \(message) (FFmpeg error \(code))"
        case .encoderMissing(let name):
            return
                "the FFmpeg encoder \(name) is not available; install Debian's libavcodec-extra or libavcodec59 with \(name) support"
        case .frameSize(let expected, let got):
            return "frame is \(got) but the clip is \(expected)"
        case .invalidOptions(let why):
            return "invalid video options: \(why)"
        case .finished:
            return "the clip is already finished"
        case .io(let why):
            return why
        }
    }
}

/// Turns an FFmpeg return code into a thrown `VideoError` with av_strerror's text.
@discardableResult
func check(_ code: Int32, _ call: @autoclosure () -> String) throws -> Int32 {
    if code >= 0 { return code }
    throw VideoError.ffmpeg(call: call(), code: code, message: ffmpegErrorText(code))
}

/// av_strerror's text for an FFmpeg error code.
func ffmpegErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    dumpit_error_text(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
