import DumpEngine
import DumpRender
import Foundation

/// Writes the poster of the archived night `sky` of `date` (`YYYY-MM-DD`) to `url` as a PNG
/// (up to 7680x4320), or a vector PDF/SVG of `width × height` points.
///
/// Only the anonymous archive is drawn — no worry text or id can reach the file.
public func renderPoster(_ sky: ArchivedSky, date: String, format: PictureFormat, url: URL, width: Int, height: Int) throws {
    let painter = try PosterPainter(sky: sky, date: date, width: width, height: height)
    if format == .png {
        try writeOpaquePNG(painter.render(), to: url)
    } else {
        try painter.write(to: url, format: format)
    }
}
