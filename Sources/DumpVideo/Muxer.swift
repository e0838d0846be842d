import CFFmpeg

/// Owns a libavformat output context with its streams (video, and audio when the clip has
/// sound) and its output file.
final class Muxer {
    private let context: UnsafeMutablePointer<AVFormatContext>
    private var streams: [UnsafeMutablePointer<AVStream>] = []
    private var headerWritten = false
    private var trailerWritten = false

    /// Allocates the container `formatName` ("webm", "mp4") for `path`.
    init(formatName: String, path: String) throws {
        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        try check(avformat_alloc_output_context2(&context, nil, formatName, path), "avformat_alloc_output_context2")
        guard let context else {
            throw VideoError.ffmpeg(call: "avformat_alloc_output_context2", code: -1, message: "no context")
        }
        // Same frames and sound, same bytes: no random segment id, no version strings.
        context.pointee.flags |= AVFMT_FLAG_BITEXACT
        self.context = context
    }

    /// Whether the container wants codec headers out of band (MP4 does).
    var wantsGlobalHeader: Bool {
        (context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER) != 0
    }

    /// Adds a stream carrying the opened encoder's output; returns its index.
    func addStream(for encoder: UnsafeMutablePointer<AVCodecContext>) throws -> Int {
        guard let stream = avformat_new_stream(context, nil) else {
            throw VideoError.ffmpeg(call: "avformat_new_stream", code: -1, message: "out of memory")
        }
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, encoder), "avcodec_parameters_from_context")
        stream.pointee.time_base = encoder.pointee.time_base
        if encoder.pointee.codec_type == AVMEDIA_TYPE_VIDEO {
            stream.pointee.avg_frame_rate = encoder.pointee.framerate
            stream.pointee.r_frame_rate = encoder.pointee.framerate
        }
        streams.append(stream)
        return streams.count - 1
    }

    /// Opens the file and writes the header (after every stream is added).
    func start(path: String, options: [(String, String)]) throws {
        try check(dumpit_open_output(context, path), "avio_open(\(path))")
        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options {
            try check(av_dict_set(&dictionary, key, value, 0), "av_dict_set(\(key))")
        }
        try check(avformat_write_header(context, &dictionary), "avformat_write_header")
        headerWritten = true
    }

    /// Rescales `packet` from the encoder's time base and interleaves it into stream `index`.
    func write(_ packet: UnsafeMutablePointer<AVPacket>, from timeBase: AVRational, stream index: Int = 0) throws {
        let stream = streams[index]
        av_packet_rescale_ts(packet, timeBase, stream.pointee.time_base)
        packet.pointee.stream_index = stream.pointee.index
        try check(av_interleaved_write_frame(context, packet), "av_interleaved_write_frame")
    }

    /// Writes the trailer and closes the file.
    func finish() throws {
        guard headerWritten, !trailerWritten else { return }
        trailerWritten = true
        let code = av_write_trailer(context)
        dumpit_close_output(context)
        try check(code, "av_write_trailer")
    }

    deinit {
        dumpit_close_output(context)
        avformat_free_context(context)
    }
}
