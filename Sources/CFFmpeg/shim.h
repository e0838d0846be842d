#ifndef DUMPIT_CFFMPEG_SHIM_H
#define DUMPIT_CFFMPEG_SHIM_H
#include <errno.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

// FFmpeg's error macros are function-like and not imported by Swift; these wrap them.
static inline int dumpit_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int dumpit_averror_eof(void) { return AVERROR_EOF; }
static inline int dumpit_averror_einval(void) { return AVERROR(EINVAL); }

/// Writes av_strerror's text for `code` into `buffer` (always NUL-terminated).
static inline void dumpit_error_text(int code, char *buffer, size_t size) {
    if (av_strerror(code, buffer, size) < 0) {
        snprintf(buffer, size, "unknown FFmpeg error %d", code);
    }
}

/// Converts one packed BGRA picture into `frame` (whose planes are already allocated).
/// AVFrame.data/linesize are fixed-size C arrays that Swift imports as tuples; doing the
/// slice set-up here keeps tuple arithmetic out of Swift.
static inline int dumpit_scale_bgra_into(struct SwsContext *sws, const uint8_t *bgra, int stride,
                                         int height, AVFrame *frame) {
    const uint8_t *src[4] = { bgra, NULL, NULL, NULL };
    const int strides[4] = { stride, 0, 0, 0 };
    return sws_scale(sws, src, strides, 0, height, frame->data, frame->linesize);
}

/// Opens the output file of `ctx` unless its format needs no file.
static inline int dumpit_open_output(AVFormatContext *ctx, const char *path) {
    if (ctx->oformat->flags & AVFMT_NOFILE) return 0;
    return avio_open(&ctx->pb, path, AVIO_FLAG_WRITE);
}

/// Closes the output file of `ctx` if one was opened.
static inline void dumpit_close_output(AVFormatContext *ctx) {
    if (ctx && !(ctx->oformat->flags & AVFMT_NOFILE) && ctx->pb) avio_closep(&ctx->pb);
}

/// Plane pointer and stride of a decoded or allocated frame.
static inline uint8_t *dumpit_frame_plane(const AVFrame *frame, int plane) { return frame->data[plane]; }
static inline int dumpit_frame_stride(const AVFrame *frame, int plane) { return frame->linesize[plane]; }
#endif
