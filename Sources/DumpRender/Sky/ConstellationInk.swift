import DumpEngine
import Foundation

/// How constellations are drawn, the same on sky pictures, loops and posters (and on the
/// page, whose `sky.js` uses these numbers): figure lines in pale starlight, thicker and
/// brighter than the faint mint links between near stars and stopping short of each star
/// like the lines of a star chart; names letter-spaced in light aqua.
enum ConstellationInk {
    /// Figure line colour: pale starlight (200,235,255), unlike the mint links.
    static let lineColor = RGB(200, 235, 255)
    /// Figure line opacity.
    static let lineAlpha: Double = 0.72
    /// Figure line width, as a multiple of a link's width.
    static let lineWidthFactor: Double = 1.8
    /// A figure line stops this many (drawn) star radii short of each star's centre.
    static let gapRadii: Double = 2.0
    /// Name colour: light aqua, unlike the deeper mint of star labels.
    static let nameColor = Palette.aqua
    /// Name opacity.
    static let nameAlpha: Double = 0.82

    /// Strokes every figure line of `constellations` between `stars` (canvas positions), each
    /// cut short at both ends; lines whose stars overlap are skipped. One path for all.
    static func drawFigures(
        on canvas: Canvas, stars: [PlacedStar], lines: [SkyConstellation.Line], linkWidth: Double, baseRadius: Double
    ) {
        guard !lines.isEmpty else { return }
        canvas.setBlendMode(.over)
        canvas.setLineCap(.round)
        var any = false
        for line in lines where line.a >= 0 && line.b >= 0 && line.a < stars.count && line.b < stars.count {
            let a = stars[line.a], b = stars[line.b]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            let gapA = gap(for: a, baseRadius: baseRadius), gapB = gap(for: b, baseRadius: baseRadius)
            guard length > gapA + gapB + linkWidth else { continue }
            let ux = dx / length, uy = dy / length
            canvas.move(to: a.x + ux * gapA, a.y + uy * gapA)
            canvas.line(to: b.x - ux * gapB, b.y - uy * gapB)
            any = true
        }
        guard any else { return }
        canvas.setColor(lineColor, alpha: lineAlpha)
        canvas.stroke(width: linkWidth * lineWidthFactor)
    }

    /// How far from a star's centre its figure lines stop.
    static func gap(for star: PlacedStar, baseRadius: Double) -> Double {
        max(star.radius, baseRadius) * gapRadii + 1
    }

    /// The text style of a name `size` pixels tall.
    static func nameStyle(size: Double) -> TextStyle {
        TextStyle(
            families: SkyPainter.families, size: size, weight: 500, alignment: .left,
            letterSpacing: size * SkyConstellationLabel.tracking)
    }

    /// The laid-out name (cut as `SkyConstellationLabel.text`) at `size` pixels, or nil for
    /// an empty name.
    static func nameLayout(_ name: String, size: Double) -> TextLayout? {
        let text = SkyConstellationLabel.text(for: name)
        return text.isEmpty ? nil : TextLayout(text: text, style: nameStyle(size: size))
    }

    /// Draws a name laid out by `nameLayout` centred on (`x`, `y`), on a soft rim of night.
    static func drawName(_ layout: TextLayout, on canvas: Canvas, x: Double, y: Double) {
        let ink = layout.inkExtents, logical = layout.logicalExtents
        // Centre the ink across (letter spacing trails the last glyph) and the line box down.
        let left = x - (ink.x + ink.width / 2)
        let top = y - (logical.y + logical.height / 2)
        canvas.setBlendMode(.over)
        canvas.setColor(Palette.night, alpha: 0.65)
        canvas.strokeOutline(of: layout, x: left, y: top, width: layout.style.size * 0.3)
        canvas.setColor(nameColor, alpha: nameAlpha)
        canvas.draw(layout, x: left, y: top)
    }
}
