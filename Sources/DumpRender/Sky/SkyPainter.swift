import DumpEngine
import Foundation

/// Paints a `SkyLayout` at a moment: the night backdrop, faint links, constellation figures,
/// glowing stars, the labels of the bright ones and the constellations' names, at any size
/// from 640x360 to 7680x4320, as pixels or vectors.
///
/// The sky's 0…1 coordinates map onto the canvas as on the page (a 16:9 box covering the
/// canvas) and stars move by the contract's drift formula, so a rendered sky matches the live
/// one. The same layout, size and time always give identical pixels.
///
/// Not thread-safe: label layouts are Pango objects bound to the thread that made them, so
/// use one painter per thread.
public final class SkyPainter {
    /// What to draw and how.
    public struct Options: Sendable, Equatable {
        /// Draw the labels of stars with `label == true`.
        public var labels: Bool
        /// Draw the links between near stars.
        public var links: Bool
        /// Draw constellation figures and the names the layout places (`SkyConstellation.label`).
        public var constellations: Bool
        /// Seed of the backdrop's stars and nebula; nil uses the layout's seed.
        public var backgroundSeed: UInt64?
        /// Multiplies the label size the engine planned for (1 keeps labels inside their boxes).
        public var labelScale: Double
        /// Round star centres to whole pixels on images: sharper and faster for stills; keep
        /// false for video frames so motion stays smooth.
        public var snapStars: Bool

        /// Options for a still picture with everything on.
        public init(
            labels: Bool = true, links: Bool = true, backgroundSeed: UInt64? = nil,
            labelScale: Double = 1, snapStars: Bool = true, constellations: Bool = true
        ) {
            self.labels = labels
            self.links = links
            self.constellations = constellations
            self.backgroundSeed = backgroundSeed
            self.labelScale = labelScale
            self.snapStars = snapStars
        }
    }

    /// The sky being painted.
    public let layout: SkyLayout
    /// Canvas width in pixels (points for vector documents).
    public let width: Int
    /// Canvas height.
    public let height: Int
    /// What to draw.
    public let options: Options
    /// Where the sky box lies on the canvas.
    public let viewport: SkyViewport

    private let sprites: StarSprites
    private var labelLayouts: [Int: TextLayout] = [:]
    private var nameLayouts: [Int: TextLayout?] = [:]
    /// Every constellation's figure lines, in one list.
    private let figureLines: [SkyConstellation.Line]
    /// Each star's give-way to crowding, from rest positions (stable while stars drift).
    private let looks: [StarLook]

    /// A painter of `layout` for a `width × height` canvas.
    public init(layout: SkyLayout, width: Int, height: Int, options: Options = Options()) throws {
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw RenderError.invalidSize(width: width, height: height)
        }
        self.layout = layout
        self.width = width
        self.height = height
        self.options = options
        viewport = .cover(width: Double(width), height: Double(height))
        sprites = StarSprites(baseRadius: SkyInk.baseRadius * viewport.unit)
        looks = SkyCrowding.looks(x: layout.nodes.map(\.x), y: layout.nodes.map(\.y), radius: layout.nodes.map(\.radius))
        figureLines = layout.constellations.flatMap(\.lines)
    }

    // MARK: whole pictures

    /// A new image of the sky at `t` seconds since the Unix epoch.
    public func render(at t: Double) throws -> Surface {
        let surface = try Surface(width: width, height: height)
        try paint(into: surface, at: t)
        return surface
    }

    /// Paints the whole sky at `t` over everything in `surface` (same size as the painter).
    public func paint(into surface: Surface, at t: Double) throws {
        try checkSize(surface)
        let canvas = try Canvas(surface: surface)
        try backdrop.paint(on: canvas, raster: true)
        try paintForeground(on: canvas, at: t, raster: true)
        try canvas.checkStatus()
    }

    /// Draws the sky at `t` as one vector page (its size should be the painter's).
    public func paint(into document: VectorDocument, at t: Double) throws {
        let canvas = try Canvas(document: document)
        try backdrop.paint(on: canvas, raster: false)
        try paintForeground(on: canvas, at: t, raster: false)
        try canvas.checkStatus()
    }

    /// Writes the sky at `t` to `url` as PNG, PDF or SVG.
    public func write(to url: URL, format: PictureFormat, at t: Double) throws {
        if let kind = format.vectorKind {
            let document = try VectorDocument(kind: kind, url: url, width: Double(width), height: Double(height))
            try paint(into: document, at: t)
            try document.finish()
        } else {
            try render(at: t).writePNG(to: url)
        }
    }

    // MARK: frames of a loop

    /// A new image of the backdrop alone (night, nebula, background stars): paint it once
    /// and copy it under every frame.
    public func renderBackground() throws -> Surface {
        let surface = try Surface(width: width, height: height)
        let canvas = try Canvas(surface: surface)
        try backdrop.paint(on: canvas, raster: true)
        try canvas.checkStatus()
        return surface
    }

    /// Paints links, stars and labels at `t` over what `surface` already holds (a backdrop).
    public func paintForeground(into surface: Surface, at t: Double) throws {
        try checkSize(surface)
        let canvas = try Canvas(surface: surface)
        try paintForeground(on: canvas, at: t, raster: true)
        try canvas.checkStatus()
    }

    // MARK: drawing

    private var backdrop: SkyBackdrop {
        SkyBackdrop(
            width: Double(width), height: Double(height), viewport: viewport,
            seed: options.backgroundSeed ?? layout.seed)
    }

    /// Where every star is at `t`, in canvas pixels.
    func placedStars(at t: Double) -> [PlacedStar] {
        let unit = viewport.unit
        return zip(layout.nodes, looks).map { node, look in
            let position = node.position(at: t, period: layout.driftPeriod)
            let point = viewport.point(position.x, position.y)
            return PlacedStar(
                x: point.x, y: point.y, radius: node.radius * look.size * unit, color: RGB(skyHex: node.color),
                halo: look.halo)
        }
    }

    private func paintForeground(on canvas: Canvas, at t: Double, raster: Bool) throws {
        let stars = placedStars(at: t)
        let w = Double(width), h = Double(height)
        let linkWidth = SkyInk.linkWidth(unit: viewport.unit)
        if options.links {
            SkyInk.drawLinks(on: canvas, stars: stars, links: layout.links, width: linkWidth)
        }
        if options.constellations {
            ConstellationInk.drawFigures(
                on: canvas, stars: stars, lines: figureLines, linkWidth: linkWidth, baseRadius: SkyInk.baseRadius * viewport.unit)
        }
        try SkyInk.drawStars(
            on: canvas, stars: stars, canvasWidth: w, canvasHeight: h,
            sprites: raster ? sprites : nil, snap: options.snapStars, baseRadius: SkyInk.baseRadius * viewport.unit)
        // Labels go last, each on a soft rim of night, so words stay legible in a crowded core.
        if options.labels { drawLabels(on: canvas, at: t) }
        if options.constellations && options.labels { drawNames(on: canvas) }
    }

    /// The size of a constellation's name in pixels: the engine's planned size, at least
    /// `minimumLabelSize`.
    func nameFontSize() -> Double {
        max(Self.minimumLabelSize, SkyConstellationLabel.fontSize * viewport.width * options.labelScale)
    }

    /// Draws the names the layout placed, where it placed them (names do not drift).
    private func drawNames(on canvas: Canvas) {
        for (index, constellation) in layout.constellations.enumerated() where constellation.label {
            let cached = nameLayouts[index] ?? ConstellationInk.nameLayout(constellation.name, size: nameFontSize())
            nameLayouts[index] = cached
            guard let textLayout = cached else { continue }
            let centre = viewport.point(constellation.x, constellation.y)
            ConstellationInk.drawName(textLayout, on: canvas, x: centre.x, y: centre.y)
        }
    }

    /// The fonts labels (and posters) are set in. Noto Color Emoji is deliberately not listed:
    /// Pango would then take digits and "#" from it (they are emoji-capable) with emoji-wide
    /// advances; fontconfig still falls back to it for real emoji.
    public static let families = "Noto Sans CJK KR, sans-serif"

    /// Label colour: deeper mint, rgb(78,204,163).
    static let labelColor = Palette.deepMint

    /// Draws each labelled star's text where `SkyLabel.box` puts it (under, above, right of or
    /// left of the star, `SkyNode.labelAt`), moved with the star.
    private func drawLabels(on canvas: Canvas, at t: Double) {
        canvas.setBlendMode(.over)
        for (index, node) in layout.nodes.enumerated() where node.label {
            let text = SkyLabel.text(for: node.text)
            guard !text.isEmpty else { continue }
            let textLayout = labelLayout(index: index, node: node, text: text)
            let box = SkyLabel.box(for: node)
            let position = node.position(at: t, period: layout.driftPeriod)
            let (dx, dy) = (position.x - node.x, position.y - node.y)
            let extents = textLayout.logicalExtents
            let x: Double, y: Double
            switch node.labelAt ?? .below {
            case .below, .above:
                let top = viewport.point(node.x + dx, box.minY + dy)
                (x, y) = (top.x - extents.width / 2 - extents.x, top.y)
            case .right:
                let start = viewport.point(box.minX + dx, node.y + dy)
                (x, y) = (start.x - extents.x, start.y - extents.height / 2)
            case .left:
                let end = viewport.point(box.maxX + dx, node.y + dy)
                (x, y) = (end.x - extents.width - extents.x, end.y - extents.height / 2)
            }
            if x > Double(width) || y > Double(height) || x + extents.width < 0 || y + extents.height < 0 { continue }
            // A soft rim of night around the glyphs keeps words legible over links and glows.
            canvas.setColor(Palette.night, alpha: 0.6)
            canvas.strokeOutline(of: textLayout, x: x, y: y, width: textLayout.style.size * 0.28)
            canvas.setColor(Self.labelColor, alpha: Self.labelAlpha(count: node.count))
            canvas.draw(textLayout, x: x, y: y)
        }
    }

    /// Label opacity rises with the star's count, as on the page: 0.68…0.95.
    static func labelAlpha(count: Int) -> Double {
        min(0.95, 0.68 + 0.1 * log2(Double(max(count, 1))))
    }

    /// The label's font size in pixels: the engine's wide-unit width, which it used to keep
    /// labels apart, times the star's font scale — but never below `minimumLabelSize`, so
    /// small pictures stay readable (their labels may then come closer than the engine planned).
    func labelFontSize(for node: SkyNode) -> Double {
        max(
            Self.minimumLabelSize,
            SkyLabel.unitWidth * viewport.width * SkyLabel.fontScale(count: node.count) * options.labelScale)
    }

    /// The smallest label size, in pixels.
    static let minimumLabelSize: Double = 9

    private func labelLayout(index: Int, node: SkyNode, text: String) -> TextLayout {
        if let cached = labelLayouts[index] { return cached }
        let style = TextStyle(families: Self.families, size: labelFontSize(for: node), weight: 400, alignment: .left)
        let layout = TextLayout(text: text, style: style)
        labelLayouts[index] = layout
        return layout
    }

    private func checkSize(_ surface: Surface) throws {
        guard surface.width == width, surface.height == height else {
            throw RenderError.invalidSize(width: surface.width, height: surface.height)
        }
    }
}
