import DumpRender
import DumpVideo
import Foundation

/// Writes an opaque picture (a sky or a poster) as an RGB PNG through libavcodec's encoder.
///
/// Cairo's own writer keeps the alpha channel and tries every PNG filter on every row, which
/// takes seconds at 8K; libavcodec with one predictor is several times faster and, with no
/// alpha, the file is smaller. The encoder writes into a fresh folder beside `url`, and the
/// finished file is moved into place, so a failed write never leaves half a PNG at `url`.
func writeOpaquePNG(_ surface: Surface, to url: URL) throws {
    let manager = FileManager.default
    let folder = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp", isDirectory: true)
    defer { try? manager.removeItem(at: folder) }
    let sink = try PNGSequenceWriter(
        directory: folder, options: VideoOptions(width: surface.width, height: surface.height, fps: 1))
    try sink.append(surface)
    try sink.finish()
    let written = folder.appendingPathComponent(PNGSequenceWriter.fileName(forFrame: 0))
    // rename(2) replaces an existing file atomically (both paths are in one folder).
    guard rename(written.path, url.path) == 0 else {
        throw VideoError.io("cannot write \(url.path): \(String(cString: strerror(errno)))")
    }
}
