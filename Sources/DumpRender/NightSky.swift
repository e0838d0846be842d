import DumpEngine
import Foundation

/// Paints the empty night behind the dust: flat #0a0a12 — the page's own night — and seeded
/// background stars (a few with a soft glow).
///
/// The clip used to lift the middle with a dithered gradient. Video encoders at clip sizes
/// (x264 crf 20–26 with aq-mode 3 or tune grain, VP9 crf 30–36) all flatten that dither and
/// leave visible 8-bit bands when the levels are stretched; a flat night has no band to show.
/// The light comes from the worry's own glow and dust.
public enum NightSky {
    /// A new surface holding the night sky for `seed`.
    public static func background(width: Int, height: Int, seed: UInt64, starDensity: Double = 1) throws -> Surface {
        let surface = try Surface(width: width, height: height)
        let canvas = try Canvas(surface: surface)
        let w = Double(width), h = Double(height)
        canvas.setColor(Palette.night)
        canvas.rectangle(x: 0, y: 0, width: w, height: h)
        canvas.fill()

        var random = SplitMix64(seed: seed ^ 0x5747_A125)
        let count = Int(w * h / 2600 * starDensity)
        let scale = min(w, h) / 720
        for _ in 0..<count {
            let x = random.unit() * w, y = random.unit() * h
            let bright = pow(random.unit(), 3)
            let radius = (0.35 + 0.9 * bright) * scale
            let alpha = 0.12 + 0.6 * bright
            let tint = random.unit() < 0.25 ? Palette.aqua : Palette.white
            if bright > 0.55 {
                canvas.setRadialGradient(
                    x: x, y: y, radius: radius * 6,
                    stops: [.init(0, tint, alpha: alpha * 0.35), .init(1, tint, alpha: 0)])
                canvas.circle(x: x, y: y, radius: radius * 6)
                canvas.fill()
            }
            canvas.setColor(tint, alpha: alpha)
            canvas.circle(x: x, y: y, radius: radius)
            canvas.fill()
        }
        try canvas.checkStatus()
        return surface
    }
}
