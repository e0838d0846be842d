import DumpEngine
import Foundation

/// How one star looks: a white-hot core, the star's colour around it, and a soft halo — the
/// page's glow sprite, with a faint extra tail, drawn by Cairo.
enum StarGlow {
    /// The halo reaches this many star radii from the centre.
    static let reach: Double = 6

    /// Colour stops as fractions of the halo's reach. Out to 4 radii they are the page's
    /// sprite (white core, the star's colour, a fade); a faint tail to 6 radii softens the edge.
    /// `halo` dims everything outside the core (crowded stars, see `SkyCrowding`); `core`
    /// (0…1) shrinks the solid centre of a big star, so brightness shows as a wider glow and
    /// not as a bigger ball.
    static func stops(_ color: RGB, halo: Double = 1, core: Double = 1) -> [Canvas.Stop] {
        let r = 1 / reach  // one star radius, as a fraction of the reach
        let c = r * core
        return [
            .init(0, Palette.white, alpha: 1),
            .init(0.4 * c, Palette.white, alpha: 0.95),
            .init(0.8 * c, color, alpha: 0.9),
            .init(1.12 * c, color, alpha: 0.45 * halo.squareRoot()),
            .init(max(1.8 * r, 1.3 * c), color, alpha: 0.15 * halo),
            .init(2.8 * r, color, alpha: 0.055 * halo),
            .init(4 * r, color, alpha: 0.02 * halo),
            .init(1, color, alpha: 0),
        ]
    }

    /// How much of a star of `radius` is solid core, given the radius of a one-worry star
    /// (`base`, same unit): 1 up to that size, then shrinking as (base / radius)^0.45.
    static func core(radius: Double, base: Double) -> Double {
        guard radius > base, base > 0 else { return 1 }
        return pow(base / radius, 0.45)
    }

    /// The smallest star radius drawn, in pixels: tinier stars would vanish into anti-aliasing.
    static let minimumRadius: Double = 1.1

    /// Draws one glow as a vector radial gradient (PDF/SVG).
    static func drawVector(on canvas: Canvas, x: Double, y: Double, radius: Double, color: RGB, halo: Double, base: Double) {
        let r = max(radius, minimumRadius) * reach
        canvas.setRadialGradient(
            x: x, y: y, radius: r, stops: stops(color, halo: halo, core: core(radius: max(radius, minimumRadius), base: base)))
        canvas.circle(x: x, y: y, radius: r)
        canvas.fill()
    }
}

/// Pre-rendered glow images, one per (colour, radius step, halo step), stamped with additive
/// blending.
///
/// Radii are quantised in 1.5 % steps and halo strength in sixteenths, so ten thousand stars
/// share a few hundred small gradients; stamping an image is far cheaper than a gradient per star.
final class StarSprites {
    /// One pre-rendered glow.
    struct Sprite {
        let surface: Surface
        /// Distance from the image's top-left corner to the glow's centre, in pixels.
        let half: Double
    }

    private var cache: [Key: Sprite] = [:]
    /// The radius of a one-worry star on this canvas, in pixels (see `StarGlow.core`).
    let baseRadius: Double

    /// Sprites for a canvas where a one-worry star is `baseRadius` pixels.
    init(baseRadius: Double) {
        self.baseRadius = baseRadius
    }

    private struct Key: Hashable {
        let color: RGB
        /// log base 1.015 of the radius in pixels.
        let radiusStep: Int
        /// Halo strength in sixteenths.
        let haloStep: Int
    }

    private static let radiusBase = log(1.015)

    /// The sprite for a star of `radius` pixels in `color` with halo strength `halo`.
    func sprite(radius: Double, color: RGB, halo: Double) throws -> Sprite {
        let key = Key(
            color: color,
            radiusStep: Int((log(max(radius, StarGlow.minimumRadius)) / Self.radiusBase).rounded()),
            haloStep: max(1, min(16, Int((halo * 16).rounded()))))
        if let sprite = cache[key] { return sprite }
        let radius = exp(Double(key.radiusStep) * Self.radiusBase)
        let r = radius * StarGlow.reach
        let size = 2 * Int(r.rounded(.up)) + 2
        let surface = try Surface(width: size, height: size)
        let canvas = try Canvas(surface: surface)
        let half = Double(size) / 2
        let core = StarGlow.core(radius: radius, base: baseRadius)
        canvas.setRadialGradient(
            x: half, y: half, radius: r, stops: StarGlow.stops(color, halo: Double(key.haloStep) / 16, core: core))
        canvas.paint()
        try canvas.checkStatus()
        let sprite = Sprite(surface: surface, half: half)
        cache[key] = sprite
        return sprite
    }

    /// Stamps the glow of a star centred at (x, y); `snap` rounds to whole pixels (sharper
    /// and faster for stills; frames of a video keep sub-pixel motion smooth).
    func stamp(on canvas: Canvas, x: Double, y: Double, radius: Double, color: RGB, halo: Double, snap: Bool) throws {
        let sprite = try sprite(radius: radius, color: color, halo: halo)
        var left = x - sprite.half, top = y - sprite.half
        if snap {
            left = left.rounded()
            top = top.rounded()
        }
        let size = Double(sprite.surface.width)
        canvas.setSource(sprite.surface, x: left, y: top)
        canvas.rectangle(x: left, y: top, width: size, height: size)
        canvas.fill()
    }
}

extension RGB {
    /// The colour of a `#rrggbb` string as used in sky JSON; mint for anything unreadable.
    init(skyHex hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else {
            self = Palette.mint
            return
        }
        self.init(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
