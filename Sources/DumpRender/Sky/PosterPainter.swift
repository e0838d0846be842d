import DumpEngine
import Foundation

/// Paints the poster of one archived night: the anonymous star cluster with its
/// constellations over the night backdrop, and at the bottom the date and how many worries
/// flew away, set in Noto Sans CJK KR with a thin mint rule and generous margins.
///
/// An archived sky has no texts and no ids; the only words it may carry are constellation
/// names that at least five different owners shared, so no one person's words reach the poster.
/// Landscape and portrait sizes both work: the round cluster is fitted into the space above
/// the text block. Not thread-safe (Pango layouts belong to their thread).
public final class PosterPainter {
    /// The night's anonymous sky.
    public let sky: ArchivedSky
    /// The night's date as `YYYY-MM-DD` (anything else is printed as given).
    public let date: String
    /// Canvas width in pixels (points for vector documents).
    public let width: Int
    /// Canvas height.
    public let height: Int

    /// A painter for the poster of `sky` on `date`, `width × height` big.
    public init(sky: ArchivedSky, date: String, width: Int, height: Int) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw RenderError.invalidSize(width: width, height: height)
        }
        self.sky = sky
        self.date = date
        self.width = width
        self.height = height
    }

    // MARK: words

    /// "2026년 11월 24일" for "2026-11-24", or nil when `date` is not `YYYY-MM-DD`.
    public static func koreanDate(_ date: String) -> String? {
        guard let (year, month, day) = components(date) else { return nil }
        return "\(year)년 \(month)월 \(day)일"
    }

    /// "2026. 11. 24" for "2026-11-24", or nil when `date` is not `YYYY-MM-DD`.
    public static func dottedDate(_ date: String) -> String? {
        guard let (year, month, day) = components(date) else { return nil }
        return String(format: "%04d. %02d. %02d", year, month, day)
    }

    /// "1,234개의 고민이 날아갔습니다" (digits grouped by thousands, independent of locale).
    public static func countLine(_ count: Int) -> String {
        "\(grouped(count))개의 고민이 날아갔습니다"
    }

    /// `n` with a comma every three digits.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    private static func components(_ date: String) -> (Int, Int, Int)? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return (year, month, day)
    }

    // MARK: pictures

    /// A new image of the poster.
    public func render() throws -> Surface {
        let surface = try Surface(width: width, height: height)
        try paint(into: surface)
        return surface
    }

    /// Paints the poster over everything in `surface` (same size as the painter).
    public func paint(into surface: Surface) throws {
        guard surface.width == width, surface.height == height else {
            throw RenderError.invalidSize(width: surface.width, height: surface.height)
        }
        let canvas = try Canvas(surface: surface)
        try paint(on: canvas, raster: true)
    }

    /// Draws the poster as one vector page.
    public func paint(into document: VectorDocument) throws {
        let canvas = try Canvas(document: document)
        try paint(on: canvas, raster: false)
    }

    /// Writes the poster to `url` as PNG, PDF or SVG.
    public func write(to url: URL, format: PictureFormat) throws {
        if let kind = format.vectorKind {
            let document = try VectorDocument(kind: kind, url: url, width: Double(width), height: Double(height))
            try paint(into: document)
            try document.finish()
        } else {
            try render().writePNG(to: url)
        }
    }

    // MARK: layout

    /// Where the parts of the poster go, in pixels.
    struct Plan {
        /// The outer margin.
        var margin: Double
        /// The region the cluster is fitted into.
        var skyRegion: PixelRect
        /// Top of the text block.
        var textTop: Double
        /// Font sizes of the date, the count line and the footer.
        var dateSize: Double
        var titleSize: Double
        var footerSize: Double
    }

    func plan() -> Plan {
        let w = Double(width), h = Double(height)
        let s = min(w, h)
        let margin = 0.075 * s
        let titleSize = 0.046 * s
        let dateSize = 0.022 * s
        let footerSize = 0.016 * s
        // date, gap, rule, gap, title, gap, footer (Noto CJK lines are ~1.45 em tall)
        let block = dateSize * 1.45 + 0.05 * s + titleSize * 1.45 + 0.02 * s + footerSize * 1.45
        let textTop = h - margin - block
        let skyTop = margin * 0.6
        let skyRegion = PixelRect(x: margin, y: skyTop, width: w - 2 * margin, height: max(s * 0.2, textTop - 0.03 * s - skyTop))
        return Plan(
            margin: margin, skyRegion: skyRegion, textTop: textTop,
            dateSize: dateSize, titleSize: titleSize, footerSize: footerSize)
    }

    private func paint(on canvas: Canvas, raster: Bool) throws {
        let w = Double(width), h = Double(height)
        let plan = plan()
        let viewport = SkyViewport.fitting(clusterIn: plan.skyRegion)
        try SkyBackdrop(width: w, height: h, viewport: viewport, seed: stableHash(date, seed: 0x706F_7374)).paint(
            on: canvas, raster: raster)

        let unit = viewport.unit
        let looks = SkyCrowding.looks(x: sky.nodes.map(\.x), y: sky.nodes.map(\.y), radius: sky.nodes.map(\.radius))
        let stars = zip(sky.nodes, looks).map { node, look -> PlacedStar in
            let point = viewport.point(node.x, node.y)
            return PlacedStar(
                x: point.x, y: point.y, radius: node.radius * look.size * unit, color: RGB(skyHex: node.color),
                halo: look.halo)
        }
        let linkWidth = SkyInk.linkWidth(unit: unit)
        SkyInk.drawLinks(on: canvas, stars: stars, links: sky.links, width: linkWidth)
        ConstellationInk.drawFigures(
            on: canvas, stars: stars, lines: sky.constellations.flatMap(\.lines), linkWidth: linkWidth,
            baseRadius: SkyInk.baseRadius * unit)
        try SkyInk.drawStars(
            on: canvas, stars: stars, canvasWidth: w, canvasHeight: h,
            sprites: raster ? StarSprites(baseRadius: SkyInk.baseRadius * unit) : nil, snap: true,
            baseRadius: SkyInk.baseRadius * unit)
        for name in nameSpots(stars: stars, viewport: viewport, region: plan.skyRegion) {
            ConstellationInk.drawName(name.layout, on: canvas, x: name.x, y: name.y)
        }

        drawWords(on: canvas, plan: plan)
        try canvas.checkStatus()
    }

    /// A constellation name to draw, centred on (`x`, `y`).
    struct NameSpot {
        var name: String
        var layout: TextLayout
        var x: Double
        var y: Double
    }

    /// Where the names the archive kept go (only names at least `ArchivedSky.minimumNameOwners`
    /// owners shared): above the constellation's figure (or its stars), else below it, inside
    /// the sky region and clear of the names already placed; largest constellations first.
    func nameSpots(stars: [PlacedStar], viewport: SkyViewport, region: PixelRect) -> [NameSpot] {
        var members = [[Int]](repeating: [], count: sky.constellations.count)
        for (index, node) in sky.nodes.enumerated() {
            if let c = node.constellation, c >= 0, c < members.count { members[c].append(index) }
        }
        let size = SkyConstellationLabel.fontSize * viewport.width
        var taken: [PixelRect] = []
        var spots: [NameSpot] = []
        for (index, constellation) in sky.constellations.enumerated() {
            guard let name = constellation.name, let layout = ConstellationInk.nameLayout(name, size: size) else { continue }
            var figure = Set<Int>()
            for line in constellation.lines where line.a < stars.count && line.b < stars.count {
                figure.formUnion([line.a, line.b])
            }
            let points = (figure.isEmpty ? members[index] : figure.sorted()).map { stars[$0] }
            guard !points.isEmpty else { continue }
            let centreX = points.reduce(0) { $0 + $1.x } / Double(points.count)
            let top = points.map(\.y).min()!, bottom = points.map(\.y).max()!
            let width = layout.inkExtents.width, height = layout.logicalExtents.height
            let gap = size * 0.8
            for y in [top - gap - height / 2, bottom + gap + height / 2] {
                let box = PixelRect(x: centreX - width / 2, y: y - height / 2, width: width, height: height).insetBy(-size * 0.3)
                guard box.x >= region.x, box.maxX <= region.maxX, box.y >= region.y, box.maxY <= region.maxY,
                    !taken.contains(where: { $0.x < box.maxX && box.x < $0.maxX && $0.y < box.maxY && box.y < $0.maxY })
                else { continue }
                taken.append(box)
                spots.append(NameSpot(name: name, layout: layout, x: centreX, y: y))
                break
            }
        }
        return spots
    }

    /// The text block: date (wide tracking, mint), a thin mint rule, the count line, a footer.
    private func drawWords(on canvas: Canvas, plan: Plan) {
        let w = Double(width), h = Double(height)
        let s = min(w, h)
        let cx = w / 2
        canvas.setBlendMode(.over)

        // A soft floor of night under the words, so they read over any stars.
        canvas.setLinearGradient(
            x0: 0, y0: plan.textTop - 0.12 * s, x1: 0, y1: h,
            stops: [
                .init(0, Palette.night, alpha: 0), .init(0.45, Palette.night, alpha: 0.55), .init(1, Palette.night, alpha: 0.8),
            ])
        canvas.rectangle(x: 0, y: plan.textTop - 0.12 * s, width: w, height: h - plan.textTop + 0.12 * s)
        canvas.fill()

        var y = plan.textTop
        let dateText = Self.dottedDate(date) ?? date
        y = drawCentered(
            dateText, on: canvas, centerX: cx, top: y,
            style: TextStyle(
                families: SkyPainter.families, size: plan.dateSize, weight: 400, alignment: .left,
                letterSpacing: plan.dateSize * 0.32),
            color: Palette.mint, alpha: 0.9)

        let ruleY = y + 0.025 * s
        let ruleHalf = 0.045 * s
        canvas.setColor(Palette.mint, alpha: 0.7)
        canvas.move(to: cx - ruleHalf, ruleY)
        canvas.line(to: cx + ruleHalf, ruleY)
        canvas.stroke(width: max(1, s / 1080))
        y = ruleY + 0.025 * s

        y = drawCentered(
            Self.countLine(sky.worryCount), on: canvas, centerX: cx, top: y,
            style: TextStyle(
                families: SkyPainter.families, size: plan.titleSize, weight: 400, alignment: .left,
                letterSpacing: plan.titleSize * 0.04),
            color: Palette.white, alpha: 0.93)
        y += 0.02 * s

        let footer = (Self.koreanDate(date).map { "\($0)의 밤" } ?? date) + "  ·  Dump It!"
        _ = drawCentered(
            footer, on: canvas, centerX: cx, top: y,
            style: TextStyle(
                families: SkyPainter.families, size: plan.footerSize, weight: 400, alignment: .left,
                letterSpacing: plan.footerSize * 0.12),
            color: Palette.aqua, alpha: 0.5)
    }

    /// Draws `text` with its ink centred on `centerX` and its line box starting at `top`;
    /// returns the bottom of the line box. Centring by ink keeps letter-spaced lines honest.
    private func drawCentered(
        _ text: String, on canvas: Canvas, centerX: Double, top: Double, style: TextStyle, color: RGB, alpha: Double
    ) -> Double {
        let layout = TextLayout(text: text, style: style)
        let ink = layout.inkExtents
        let logical = layout.logicalExtents
        canvas.setColor(color, alpha: alpha)
        canvas.draw(layout, x: centerX - (ink.x + ink.width / 2), y: top - logical.y)
        return top + logical.height
    }
}
