import CCairo
import DumpEngine
import Foundation

/// Paints the frames of a worry's dust clip: the night sky, the worry set crisp and centred,
/// fading under the wave while its dust glows and blows away.
///
/// Build one per clip (it lays out the text, pre-renders the sky and the glowing text once),
/// then call `paint(_:into:)` for each `DustFrame` of `makeSimulation()`.
public final class DustPainter {
    public let options: DustOptions
    /// The text's ink box on the frame, in pixels.
    public let textBox: PixelRect
    /// The wave that releases the text in reading direction.
    public let wave: DustWave
    /// Where the ink of the crisp text is; the dust is sampled from it.
    public let mask: CoverageMask
    /// The font size the text was fitted at.
    public let fontSize: Double
    let background: Surface
    /// The end card, if the clip has one, and the night with the card painted on it.
    public let endCard: EndCard?
    private let cardBackground: Surface?
    /// Where the card and the corner wordmark differ from each other: all a crossfade touches.
    private let cardRegions: [PixelRect]
    private let glowingText: Surface
    /// Where `glowingText` has any ink: the only pixels the text pass needs to touch.
    private let glowBounds: (x: Int, y: Int, width: Int, height: Int)?
    private var splatter: DustSplatter
    private let spacing: Double
    /// What the last painted frame drew beyond the sky (nil before the first frame), and how
    /// much of the end card it showed: the next frame differs from it only there.
    private var lastDrawn: PixelRect?
    private var lastCard = 0.0
    private var paintedFrames = 0
    /// Marks the surfaces this painter painted (`HeldPicture`), so that one painted again
    /// gets back only the part of its background the frame before covered.
    private let identity = UInt64.random(in: 1...UInt64.max)

    /// The colour of the crisp text: white with a breath of mint.
    public static let textColor = RGB(236, 255, 249)

    /// Lays out `text` to fit the frame and prepares the sky and text layers; `endCard`, when
    /// given, shows over the clip's last second.
    public init(text: String, options: DustOptions, endCard: EndCard? = nil) throws {
        let options = options.budgeted(for: text)
        self.options = options
        let width = Double(options.width), height = Double(options.height)
        let layout = Self.fit(text: Self.keepingHangulWords(text), width: width, height: height)
        fontSize = layout.style.size
        let logical = layout.logicalExtents
        let left = (width - (layout.style.wrapWidth ?? logical.width)) / 2
        let top = ((height - logical.height) / 2 - logical.y).rounded()
        let ink = layout.inkExtents
        textBox = PixelRect(x: left + ink.x, y: top + ink.y, width: ink.width, height: ink.height)
        wave = DustWave(
            minX: textBox.x, minY: textBox.y, width: textBox.width, height: textBox.height,
            rightToLeft: layout.isRightToLeft)
        mask = try layout.coverageMask(width: options.width, height: options.height, x: left, y: top)
        background = try NightSky.background(width: options.width, height: options.height, seed: options.seed)
        self.endCard = endCard
        var cardBand: PixelRect?
        if let endCard {
            let card = try Surface(width: options.width, height: options.height)
            card.copyPixels(from: background)
            cardBand = try endCard.paint(on: card)
            cardBackground = card
        } else {
            cardBackground = nil
        }
        let corner = try Self.signWordmark(on: background)
        cardRegions = [cardBand, corner].compactMap { $0 }
        glowingText = try Self.glowingText(layout, width: options.width, height: options.height, x: left, y: top)
        glowBounds = glowingText.visibleBounds()
        splatter = DustSplatter(width: options.width, height: options.height)
        spacing = DustSimulation.samplingStep(mask: mask, maxParticles: options.maxParticles)
    }

    /// The particle simulation for this clip's text.
    public func makeSimulation() -> DustSimulation {
        DustSimulation(mask: mask, wave: wave, options: options)
    }

    /// Paints `frame` onto `surface` (the clip's size), replacing what was there, and sets its
    /// `changedSinceLastFrame` against the frame this painter painted before (frames are
    /// painted, and encoded, in order).
    public func paint(_ frame: DustFrame, into surface: Surface) throws {
        var drawn: PixelRect?
        let card = endCard?.opacity(at: frame.time, clipSeconds: options.seconds) ?? 0
        // What this frame puts over its background: the next frame painted into the same
        // surface restores only that (a whole copy was 4 % of a clip's CPU).
        var beyond: PixelRect?
        let base = cardBackground != nil && card >= 1 ? 1 : 0
        let source = base == 1 ? cardBackground ?? background : background
        if let held = surface.held, held.painter == identity, held.base == base {
            if let stale = held.beyond { surface.copyPixels(from: source, in: stale) }
        } else {
            surface.copyPixels(from: source)
        }
        surface.held = nil
        if base == 0, let cardBackground, card > 0 {
            // The corner wordmark gives way to the card as it fades in; elsewhere the two
            // backgrounds are the same night, left untouched (still tiles encode for free).
            let canvas = try Canvas(surface: surface)
            for region in cardRegions {
                canvas.withSavedState {
                    canvas.clip(x: region.x, y: region.y, width: region.width, height: region.height)
                    canvas.setSource(cardBackground)
                    canvas.paint(alpha: card)
                }
                beyond = .union(beyond, region)
            }
            try canvas.checkStatus()
        }
        if card != lastCard { cardRegions.forEach { drawn = .union(drawn, $0) } }
        if frame.showsText, let bounds = glowBounds {
            let rect = PixelRect(
                x: Double(bounds.x), y: Double(bounds.y), width: Double(bounds.width), height: Double(bounds.height))
            drawn = .union(drawn, rect)
            beyond = .union(beyond, rect)
            let canvas = try Canvas(surface: surface)
            // Outside these bounds the layer is fully transparent: compositing there changes nothing.
            canvas.clip(x: Double(bounds.x), y: Double(bounds.y), width: Double(bounds.width), height: Double(bounds.height))
            canvas.setSource(glowingText)
            // The text's key is linear in (x, y): a gradient from key 0 to key 1 whose stops sit
            // at the wave fades every point exactly as DustWave.textAlpha says.
            let origin = wave.origin, gradient = wave.gradient
            let norm = gradient.dx * gradient.dx + gradient.dy * gradient.dy
            let end = (x: origin.x + gradient.dx / norm, y: origin.y + gradient.dy / norm)
            let position = frame.wavePosition
            canvas.paintThroughLinearMask(
                x0: origin.x, y0: origin.y, x1: end.x, y1: end.y,
                stops: [(position, 0), (position + DustWave.softness, frame.textOpacity)])
            try canvas.checkStatus()
        }
        let dust = splatter.splat(frame.dots, spacing: spacing, onto: surface)
        drawn = .union(drawn, dust)
        beyond = .union(beyond, dust)
        // This frame differs from the last one where either drew anything beyond the sky.
        surface.changedSinceLastFrame =
            paintedFrames == 0 ? nil : PixelRect.union(drawn, lastDrawn) ?? PixelRect(x: 0, y: 0, width: 0, height: 0)
        surface.held = HeldPicture(painter: identity, base: base, beyond: beyond)
        lastDrawn = drawn
        lastCard = card
        paintedFrames += 1
    }

    /// Korean is wrapped between words, not between syllables ("keep-all"): a word joiner
    /// (U+2060, invisible) between adjacent Hangul syllables tells Pango not to break there.
    /// Pango still breaks inside a word too long for a whole line.
    static func keepingHangulWords(_ text: String) -> String {
        func isHangul(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let previous, isHangul(previous), isHangul(scalar) { result.append("\u{2060}") }
            result.append(scalar)
            previous = scalar
        }
        return String(result)
    }

    /// Chooses the font size: short worries large on one line when they can be — up to 60% of
    /// the height for one character ("ㅋ" fills the frame instead of leaving a thin wisp),
    /// 30% for four, towards 20% for long lines — longer ones wrapped at the largest size that fits
    /// inside the margins. The dust follows the ink, so a bigger text is a fuller burst.
    static func fit(text: String, width: Double, height: Double) -> TextLayout {
        let boxWidth = width * 0.8, boxHeight = height * 0.72
        let graphemes = Double(max(1, text.filter { $0 != "\u{2060}" }.count))
        let oneLine = boxWidth / (0.95 * graphemes)
        let largest = height * min(0.6, 0.2 + 0.4 / graphemes)
        var size = min(largest, max(height * 0.09, oneLine)).rounded()
        let smallest = 4.0
        while true {
            let style = TextStyle(size: size, weight: 500, alignment: .center, wrapWidth: boxWidth, lineSpacing: 1.25)
            let layout = TextLayout(text: text, style: style)
            let logical = layout.logicalExtents
            if (logical.height <= boxHeight && logical.width <= boxWidth + 1) || size <= smallest { return layout }
            size = max(smallest, (size * 0.92).rounded(.down))
        }
    }

    /// "Dump It!" in a bottom corner, small and faint, so a shared clip says where it came from;
    /// returns the rectangle it was drawn in (with a pixel to spare).
    @discardableResult
    static func signWordmark(on surface: Surface) throws -> PixelRect {
        let height = Double(surface.height), width = Double(surface.width)
        let size = max(9, (min(width, height) * 0.026).rounded())
        let layout = TextLayout(
            text: "Dump It!", style: TextStyle(size: size, weight: 700, alignment: .left, letterSpacing: size * 0.06))
        let ink = layout.logicalExtents
        let margin = (min(width, height) * 0.035).rounded()
        let canvas = try Canvas(surface: surface)
        canvas.setColor(Palette.mint, alpha: 0.22)
        let x = width - margin - ink.width, y = height - margin - ink.height - ink.y
        canvas.draw(layout, x: x, y: y)
        try canvas.checkStatus()
        return PixelRect(
            x: (x + ink.x - 2).rounded(.down), y: (height - margin - ink.height - 2).rounded(.down), width: ink.width + 4,
            height: ink.height + 4)
    }

    /// The text drawn crisp over a soft mint halo (the text rendered at quarter size and
    /// scaled up: a cheap blur), on a transparent layer.
    private static func glowingText(_ layout: TextLayout, width: Int, height: Int, x: Double, y: Double) throws -> Surface {
        let layer = try Surface(width: width, height: height)
        let small = try Surface(width: max(1, width / 4), height: max(1, height / 4))
        let smallCanvas = try Canvas(surface: small)
        smallCanvas.scale(x: 0.25, y: 0.25)
        smallCanvas.setColor(Palette.mint, alpha: 1)
        smallCanvas.draw(layout, x: x, y: y)
        try smallCanvas.checkStatus()

        let canvas = try Canvas(surface: layer)
        canvas.withSavedState {
            canvas.scale(x: 4, y: 4)
            canvas.setSource(small)
            cairo_pattern_set_filter(cairo_get_source(canvas.context), CAIRO_FILTER_GOOD)
            canvas.paint(alpha: 0.45)
        }
        canvas.setColor(textColor)
        canvas.draw(layout, x: x, y: y)
        try canvas.checkStatus()
        return layer
    }
}
