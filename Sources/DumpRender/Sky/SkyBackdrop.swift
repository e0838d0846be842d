import DumpEngine
import Foundation

/// The night behind the stars of a sky or poster: #0a0a12, a deep blue-violet lift towards
/// the cluster, a faint mint/aqua nebula around it, and a seeded scatter of dim stars.
///
/// Everything is placed in fractions of the canvas and the sky box, so one sky looks the same
/// at 640x360 and at 7680x4320; bigger canvases get a few more, finer background stars.
struct SkyBackdrop {
    /// Canvas width in pixels (or points).
    var width: Double
    /// Canvas height.
    var height: Double
    /// Where the sky box (and so the cluster) sits.
    var viewport: SkyViewport
    /// Seed of the background stars and nebula blobs.
    var seed: UInt64
    /// Background stars per 1080p-sized sky box; scaled with area and resolution.
    var starDensity: Double = 1

    /// Paints the whole backdrop onto `canvas` (which must cover `width × height`).
    ///
    /// On images bigger than about 1080p the smooth layers (lift, nebula) are painted at a
    /// fraction of the size and scaled up: they have no detail to lose, and painting large
    /// gradients at 8K would cost seconds. Vector pages get them as true gradients.
    func paint(on canvas: Canvas, raster: Bool) throws {
        canvas.setBlendMode(.over)
        canvas.setColor(Palette.night)
        canvas.paint()
        let reduction = raster ? max(1, (min(width, height) / 540).rounded(.down)) : 1
        if reduction > 1 {
            // One spare pixel on every side keeps the scaled-up edge from fading.
            let small = try Surface(
                width: Int((width / reduction).rounded(.up)) + 2, height: Int((height / reduction).rounded(.up)) + 2)
            let smallCanvas = try Canvas(surface: small)
            smallCanvas.setColor(Palette.night)
            smallCanvas.paint()
            smallCanvas.translate(x: 1, y: 1)
            smallCanvas.scale(x: 1 / reduction, y: 1 / reduction)
            paintGlow(on: smallCanvas)
            try smallCanvas.checkStatus()
            canvas.withSavedState {
                canvas.scale(x: reduction, y: reduction)
                canvas.setSource(small, x: -1, y: -1)
                canvas.paint()
            }
        } else {
            paintGlow(on: canvas)
        }
        var random = SplitMix64(seed: seed ^ 0x7374_6172_73)
        paintStars(on: canvas, random: &random)
    }

    /// The smooth layers: a deep blue-violet lift towards the cluster, a violet breath low on
    /// one side, and the nebula (one broad mint haze and a few seeded mint/aqua blobs).
    private func paintGlow(on canvas: Canvas) {
        let w = width, h = height
        let unit = viewport.unit
        let (cx, cy) = viewport.center
        let lift = max(w, h) * 0.8
        radial(
            on: canvas, x: cx, y: cy * 0.96, radius: lift,
            stops: [
                .init(0, RGB(30, 26, 62), alpha: 0.85),
                .init(0.45, RGB(20, 18, 44), alpha: 0.45),
                .init(1, Palette.night, alpha: 0),
            ])
        radial(
            on: canvas, x: w * 0.16, y: h * 0.88, radius: max(w, h) * 0.45,
            stops: [
                .init(0, RGB(90, 70, 170), alpha: 0.07), .init(1, RGB(90, 70, 170), alpha: 0),
            ])
        radial(
            on: canvas, x: cx, y: cy, radius: unit * 0.62,
            stops: [
                .init(0, Palette.deepMint, alpha: 0.075),
                .init(0.5, RGB(60, 110, 160), alpha: 0.035),
                .init(1, RGB(60, 110, 160), alpha: 0),
            ])
        var random = SplitMix64(seed: seed ^ 0x6E65_6275_6C61)
        for index in 0..<4 {
            let angle = 2 * Double.pi * random.unit()
            let distance = unit * random.double(in: 0.08...0.26)
            let radius = unit * random.double(in: 0.22...0.42)
            let color = index % 2 == 0 ? Palette.mint : Palette.aqua
            let alpha = random.double(in: 0.025...0.045)
            radial(
                on: canvas, x: cx + distance * cos(angle) * 1.3, y: cy + distance * sin(angle) * 0.8, radius: radius,
                stops: [.init(0, color, alpha: alpha), .init(0.6, color, alpha: alpha * 0.35), .init(1, color, alpha: 0)])
        }
    }

    /// Dim background stars: a fixed count per sky box (a few more at high resolutions),
    /// sizes in proportion to the box, most white, some aqua or mint.
    private func paintStars(on canvas: Canvas, random: inout SplitMix64) {
        let w = width, h = height
        let unit = viewport.unit
        let resolution = unit / 1080
        let coverage = min(1, (w * h) / (viewport.width * viewport.height))
        let count = Int(900 * starDensity * coverage * min(2, max(0.6, resolution.squareRoot())))
        let pixel = max(resolution, 0.5)
        for _ in 0..<count {
            let x = random.unit() * w, y = random.unit() * h
            let bright = pow(random.unit(), 3)
            var radius = (0.3 + 1.1 * bright) * pixel
            var alpha = 0.1 + 0.45 * bright + 0.15 * random.unit()
            if radius < 0.5 {
                // Too small to draw crisply: make it a half-pixel dot of the same total light.
                alpha *= (radius / 0.5) * (radius / 0.5)
                radius = 0.5
            }
            let tint = random.unit()
            let color = tint < 0.7 ? RGB(220, 230, 255) : tint < 0.88 ? Palette.aqua : Palette.mint
            if bright > 0.45 {
                radial(
                    on: canvas, x: x, y: y, radius: radius * 5,
                    stops: [
                        .init(0, color, alpha: alpha * 0.3), .init(1, color, alpha: 0),
                    ])
            }
            canvas.setColor(color, alpha: alpha)
            canvas.circle(x: x, y: y, radius: radius)
            canvas.fill()
        }
    }

    /// Fills the disc of a radial gradient (not the whole canvas: far cheaper at 8K).
    private func radial(on canvas: Canvas, x: Double, y: Double, radius: Double, stops: [Canvas.Stop]) {
        canvas.setRadialGradient(x: x, y: y, radius: radius, stops: stops)
        canvas.circle(x: x, y: y, radius: radius)
        canvas.fill()
    }
}
