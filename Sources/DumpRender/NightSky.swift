import DumpEngine
import Foundation

/// Paints the empty night behind the dust: #0a0a12, a faint lift of light in the middle, and
/// seeded background stars (a few with a soft glow).
public enum NightSky {
    /// 4×4 Bayer thresholds in −0.5…0.5: an ordered dither repeats, so PNG and video
    /// encoders compress it well, while it still breaks up 8-bit banding.
    private static let bayer: [Float] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5].map { ($0 + 0.5) / 16 - 0.5 }

    /// Fills `surface` with the night colour lifted towards `glow` around (cx, cy), computed
    /// per pixel in floating point and dithered: Cairo's 8-bit gradients band visibly this dark.
    static func paintGradient(_ surface: Surface, cx: Double, cy: Double, radius: Double, glow: RGB, strength: Double) {
        let base = [Float(Palette.night.blue), Float(Palette.night.green), Float(Palette.night.red)]
        let lift = [Float(glow.blue), Float(glow.green), Float(glow.red)].enumerated().map { ($1 - base[$0]) * Float(strength) }
        surface.withMutablePixels { raw in
            let pixels = raw.bindMemory(to: UInt8.self)
            for y in 0..<surface.height {
                var index = y * surface.bytesPerRow
                let dy = (Double(y) - cy) / radius
                for x in 0..<surface.width {
                    let dx = (Double(x) - cx) / radius
                    let t = max(0, 1 - (dx * dx + dy * dy).squareRoot())
                    let falloff = Float(t * t * (3 - 2 * t))
                    let threshold = bayer[(y & 3) * 4 + (x & 3)]
                    for c in 0..<3 {
                        pixels[index + c] = UInt8(clamping: Int((base[c] + lift[c] * falloff + threshold).rounded()))
                    }
                    pixels[index + 3] = 255
                    index += 4
                }
            }
        }
    }

    /// A new surface holding the night sky for `seed`.
    public static func background(width: Int, height: Int, seed: UInt64, starDensity: Double = 1) throws -> Surface {
        let surface = try Surface(width: width, height: height)
        let canvas = try Canvas(surface: surface)
        let w = Double(width), h = Double(height)
        paintGradient(surface, cx: w * 0.5, cy: h * 0.45, radius: max(w, h) * 0.75, glow: RGB(22, 26, 44), strength: 0.55)

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
