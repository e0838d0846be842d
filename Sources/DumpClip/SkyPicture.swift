import DumpEngine
import DumpRender
import Foundation

/// Writes `layout` at sky time `time` (seconds since the Unix epoch) as a PNG, PDF or SVG of
/// `width × height` pixels (points for vector files).
///
/// PNGs are RGB without alpha (the sky is opaque), written by libavcodec for speed.
public func renderSkyPicture(
    layout: SkyLayout, url: URL, format: PictureFormat, width: Int, height: Int, time: Double = 0,
    options: SkyPainter.Options = SkyPainter.Options()
) throws {
    let painter = try SkyPainter(layout: layout, width: width, height: height, options: options)
    if format == .png {
        try writeOpaquePNG(painter.render(at: time), to: url)
    } else {
        try painter.write(to: url, format: format, at: time)
    }
}
