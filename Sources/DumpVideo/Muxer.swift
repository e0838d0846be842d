import CFFmpeg

/// Owns a libavformat output context with one video stream, and its output file.
final class Muxer {
    private let context: UnsafeMutablePointer<AVFormatContext>
    private let stream: UnsafeMutablePointer<AVStream>
    private var headerWritten = false
    private var trailerWritten = false

    /// Allocates the container `formatName` ("webm", "mp4") for `path`.
    init(formatName: String, path: String) throws {
        var context: UnsafeMutablePointer<AVFormatContext>? = nil
        try check(avformat_alloc_output_context2(&context, nil, formatName, path), "avformat_alloc_output_context2")
        guard let context else {
            throw VideoError.ffmpeg(call: "avformat_alloc_output_context2", code: -1, message: "no context")
        }
        guard let stream = avformat_new_stream(context, nil) else {
            avformat_free_context(context)
            throw VideoError.ffmpeg(call: "avformat_new_stream", code: -1, message: "out of memory")
        }
        self.context = context
        self.stream = stream
    }

    /// Whether the container wants codec headers out of band (MP4 does).
    var wantsGlobalHeader: Bool {
        (context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER) != 0
    }

    /// Copies the opened encoder's parameters to the stream, opens the file, writes the header.
    func start(encoder: Encoder, path: String, options: [(String, String)]) throws {
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, encoder.context), "avcodec_parameters_from_context")
        stream.pointee.time_base = encoder.context.pointee.time_base
        stream.pointee.avg_frame_rate = encoder.context.pointee.framerate
        stream.pointee.r_frame_rate = encoder.context.pointee.framerate
        try check(dumpit_open_output(context, path), "avio_open(\(path))")
        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options {
            try check(av_dict_set(&dictionary, key, value, 0), "av_dict_set(\(key))")
        }
        try check(avformat_write_header(context, &dictionary), "avformat_write_header")
        headerWritten = true
    }

    /// Rescales `packet` from the encoder's time base and interleaves it into the file.
    func write(_ packet: UnsafeMutablePointer<AVPacket>, from timeBase: AVRational) throws {
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
