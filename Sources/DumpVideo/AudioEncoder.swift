import CFFmpeg

/// Owns an opened libavcodec audio encoder (Opus or AAC) with its reusable input frame and
/// output packet, fed from an `AudioTrack` one encoder frame (960 or 1024 samples) at a time.
final class AudioEncoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private var frame: UnsafeMutablePointer<AVFrame>
    private var packet: UnsafeMutablePointer<AVPacket>
    private let track: AudioTrack
    /// The next sample frame of `track` to encode.
    private var position = 0
    private let planar: Bool
    private var flushed = false

    /// Opens encoder `name` ("libopus", "aac") at `bitRate` for `track`, with `options`
    /// passed to `avcodec_open2`.
    init(name: String, bitRate: Int, track: AudioTrack, globalHeader: Bool, options: [(String, String)] = []) throws {
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
        self.track = track
        // AAC takes planar floats; libopus interleaved ones.
        planar = name == "aac"

        context.pointee.sample_rate = Int32(track.sampleRate)
        context.pointee.sample_fmt = planar ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_FLT
        context.pointee.bit_rate = Int64(bitRate)
        context.pointee.time_base = AVRational(num: 1, den: Int32(track.sampleRate))
        // Same input, same bytes: no version strings or other run-dependent fields.
        context.pointee.flags |= Int32(AV_CODEC_FLAG_BITEXACT)
        if globalHeader { context.pointee.flags |= Int32(AV_CODEC_FLAG_GLOBAL_HEADER) }
        av_channel_layout_default(&context.pointee.ch_layout, Int32(track.channels))
        var dictionary: OpaquePointer? = nil
        defer { av_dict_free(&dictionary) }
        for (key, value) in options {
            try check(av_dict_set(&dictionary, key, value, 0), "av_dict_set(\(key))")
        }
        try check(avcodec_open2(context, codec, &dictionary), "avcodec_open2(\(name))")

        frame.pointee.format = context.pointee.sample_fmt.rawValue
        frame.pointee.sample_rate = context.pointee.sample_rate
        frame.pointee.nb_samples = max(1, context.pointee.frame_size)
        try check(av_channel_layout_copy(&frame.pointee.ch_layout, &context.pointee.ch_layout), "av_channel_layout_copy")
        try check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer")
    }

    /// Seconds of the track encoded so far.
    var encodedSeconds: Double { Double(position) / Double(track.sampleRate) }

    /// Whether every sample has been sent to the encoder.
    var isAtEnd: Bool { position >= track.frameCount }

    /// Encodes whole encoder frames until `seconds` of the track are in, handing packets on.
    func encode(upTo seconds: Double, packets: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        let limit = min(track.frameCount, Int((seconds * Double(track.sampleRate)).rounded(.up)))
        while position < limit {
            try sendNextFrame()
            try drain(packets)
        }
    }

    /// Encodes the rest of the track (the last frame may be short), flushes, drains.
    func finish(packets: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        guard !flushed else { return }
        while !isAtEnd {
            try sendNextFrame()
            try drain(packets)
        }
        flushed = true
        try check(avcodec_send_frame(context, nil), "avcodec_send_frame(flush)")
        try drain(packets)
    }

    private func sendNextFrame() throws {
        let size = Int(max(1, context.pointee.frame_size))
        let count = min(size, track.frameCount - position)
        try check(av_frame_make_writable(frame), "av_frame_make_writable")
        frame.pointee.nb_samples = Int32(count)
        let channels = track.channels
        track.samples.withUnsafeBufferPointer { samples in
            // Bounds: count ≤ frameCount − position, so every read index is below
            // samples.count; every write lies within the frame's `size`-sample planes.
            if planar {
                for channel in 0..<channels {
                    let plane = UnsafeMutableRawPointer(dumpit_frame_plane(frame, Int32(channel))!)
                        .assumingMemoryBound(to: Float.self)
                    for i in 0..<count { plane[i] = samples[(position + i) * channels + channel] }
                }
            } else {
                let plane = UnsafeMutableRawPointer(dumpit_frame_plane(frame, 0)!).assumingMemoryBound(to: Float.self)
                for i in 0..<(count * channels) { plane[i] = samples[position * channels + i] }
            }
        }
        frame.pointee.pts = Int64(position)
        position += count
        try check(avcodec_send_frame(context, frame), "avcodec_send_frame(audio)")
    }

    private func drain(_ packets: (UnsafeMutablePointer<AVPacket>) throws -> Void) throws {
        while true {
            let code = avcodec_receive_packet(context, packet)
            if code == dumpit_averror_eagain() || code == dumpit_averror_eof() { return }
            try check(code, "avcodec_receive_packet(audio)")
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
