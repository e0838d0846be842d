import DumpEngine
import Foundation

/// A star ready to draw: centre and radius in canvas pixels (or points), and its colour.
struct PlacedStar {
    var x: Double
    var y: Double
    /// Radius in pixels, already shrunk for crowding.
    var radius: Double
    var color: RGB
    /// Halo strength 0…1 (`StarLook.halo`).
    var halo: Double
}

/// The parts of a sky that sky pictures and posters share: faint links, then glowing stars.
enum SkyInk {
    /// Link colour: mint at 0.3 × strength (the page's rgba(100,255,218, 0.3*strength)).
    static let linkAlpha: Double = 0.3
    /// Links are batched into this many opacity steps: one path per step instead of one per link.
    static let linkSteps = 24

    /// The radius of a one-worry star (the layout's smallest), as a fraction of the sky box's
    /// unit: glows of bigger stars keep a core of about this size (`StarGlow.core`).
    static let baseRadius: Double = 0.004

    /// The link width on a canvas whose sky box is `unit` pixels tall: 1 px at 1080p.
    static func linkWidth(unit: Double) -> Double { max(0.6, unit / 1080) }

    /// Strokes every link between `stars` in mint, batched by strength.
    static func drawLinks(on canvas: Canvas, stars: [PlacedStar], links: [SkyLink], width: Double) {
        guard !links.isEmpty else { return }
        var buckets = [[SkyLink]](repeating: [], count: linkSteps + 1)
        for link in links where link.a >= 0 && link.b >= 0 && link.a < stars.count && link.b < stars.count {
            let step = Int((min(max(link.strength, 0), 1) * Double(linkSteps)).rounded())
            if step > 0 { buckets[step].append(link) }
        }
        canvas.setBlendMode(.over)
        canvas.setLineCap(.round)
        for (step, bucket) in buckets.enumerated() where !bucket.isEmpty {
            for link in bucket {
                let a = stars[link.a], b = stars[link.b]
                canvas.move(to: a.x, a.y)
                canvas.line(to: b.x, b.y)
            }
            canvas.setColor(Palette.mint, alpha: linkAlpha * Double(step) / Double(linkSteps))
            canvas.stroke(width: width)
        }
    }

    /// Draws the stars' glows. With `sprites` (image canvases) glows are stamped and added,
    /// the way the page's "lighter" compositing does; without (vector documents) each is a
    /// radial gradient drawn over the others, faintest first, so the file stays pure vector.
    static func drawStars(
        on canvas: Canvas, stars: [PlacedStar], canvasWidth: Double, canvasHeight: Double,
        sprites: StarSprites?, snap: Bool, baseRadius: Double
    ) throws {
        func visible(_ star: PlacedStar) -> Bool {
            let reach = max(star.radius, StarGlow.minimumRadius) * StarGlow.reach + 2
            return star.x + reach > 0 && star.y + reach > 0 && star.x - reach < canvasWidth && star.y - reach < canvasHeight
        }
        if let sprites {
            canvas.setBlendMode(.add)
            for star in stars where visible(star) {
                try sprites.stamp(
                    on: canvas, x: star.x, y: star.y, radius: star.radius, color: star.color, halo: star.halo, snap: snap)
            }
        } else {
            canvas.setBlendMode(.over)
            for star in stars.reversed() where visible(star) {
                StarGlow.drawVector(
                    on: canvas, x: star.x, y: star.y, radius: star.radius, color: star.color, halo: star.halo,
                    base: baseRadius)
            }
        }
        canvas.setBlendMode(.over)
    }
}
