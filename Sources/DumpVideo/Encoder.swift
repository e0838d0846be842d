import CFFmpeg

/// Owns an opened libavcodec encoder with its reusable input frame and output packet.
///
/// Packets come out through `drain`, which hands each one to a closure (the muxer, or a file
/// writer for PNGs) and unreferences it afterwards.
final class Encoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private var frame: UnsafeMutablePointer<AVFrame>
    private var packet: UnsafeMutablePointer<AVPacket>
    private var nextPTS: Int64 = 0

    /// FFmpeg logs every encoder's statistics to stderr by default; errors reach us as return
    /// codes instead, so only real errors are logged.
    private static let quietLogging: Void = av_log_set_level(AV_LOG_ERROR)

    /// Opens the encoder named `name` (e.g. "libvpx-vp9") with `configure` applied before
    /// `avcodec_open2` and `options` passed to it.
    init(
        name: String, width: Int, height: Int, fps: Int, pixelFormat: AVPixelFormat,
        options: [(String, String)], configure: (UnsafeMutablePointer<AVCodecContext>) -> Void
    ) throws {
        Encoder.quietLogging
        guard let codec = avcodec_find_encoder_by_name(name) else { throw VideoError.encoderMissing(name) }
        guard let context = avcodec_alloc_context3(codec) else {
            throw VideoError.ffmpeg(call: "avcodec_alloc_context3", code: -1, message: "out of memory")
        }
        guard let frame = av_frame_alloc(), let packet = av_packet_alloc() else {
            var context: UnsafeMutablePointer<AVCodecContext>? = context
            avcodec_free_context(&context)
            throw VideoError.ffmpeg(call: "av_frame_alloc", code: -1, message: "out of memory")
        }
        self.context = context
        self.frame = frame
        self.packet = packet

        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.time_base = AVRational(num: 1, den: Int32(fps))
        context.pointee.framerate = AVRational(num: Int32(fps), den: 1)
        context.pointee.pix_fmt = pixelFormat
        configure(context)

        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options {
            try check(av_dict_set(&dictionary, key, value, 0), "av_dict_set(\(key))")
        }
        try check(avcodec_open2(context, codec, &dictionary), "avcodec_open2(\(name))")

        frame.pointee.format = pixelFormat.rawValue
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        try check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer")
    }

    /// Fills the input frame through `fill` and sends it to the encoder, then drains.
    func encode(
        fill: (UnsafeMutablePointer<AVFrame>) throws -> Void,
        packets: (UnsafeMutablePointer<AVPacket>) throws -> Void
    ) throws {
        try check(av_frame_make_writable(frame), "av_frame_make_writable")
        try fill(frame)
        frame.pointee.pts = nextPTS
        nextPTS += 1
        try check(avcodec_send_frame(context, frame), "avcodec_send_frame")
        try drain(packets)
    }

    /// Signals the end of input and drains every remaining packet.
    func flush(packets: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        try check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
        try drain(packets)
    }

    private func drain(_ packets: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        while true {
            let code = avcodec_receive_packet(context, packet)
            if code == dumpit_averror_eagain() || code == dumpit_averror_eof() { return }
            try check(code, "avcodec_receive_packet")
            defer { av_packet_unref(packet) }
            try packets(packet)
        }
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&frame)
        var packet: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&packet)
        var context: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&context)
    }
}
