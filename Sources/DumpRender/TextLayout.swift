import CCairo
import DumpEngine
import Foundation

/// How a text is set: font families (Pango falls back through them and fontconfig for any
/// script), size in pixels, weight, alignment and wrapping.
public struct TextStyle: Sendable, Equatable {
    /// Horizontal alignment of lines within the wrap width.
    public enum Alignment: Sendable { case left, center, right }

    /// Comma-separated family list: Korean first, then anything. Emoji come from
    /// fontconfig fallback (Noto Color Emoji); naming the emoji font here would make Pango
    /// take plain digits from it, drawn as grey keycap digits.
    public var families: String
    /// Font size in pixels.
    public var size: Double
    /// CSS-like weight (400 regular, 700 bold).
    public var weight: Int
    public var alignment: Alignment
    /// Lines wrap at this width (pixels); nil sets one line per paragraph.
    public var wrapWidth: Double?
    /// Line height as a multiple of the font's (1 = Pango's natural spacing).
    public var lineSpacing: Double
    /// Extra space between letters, in pixels.
    public var letterSpacing: Double

    /// The families Dump It! sets text in.
    public static let defaultFamilies = "Noto Sans CJK KR, DejaVu Sans, sans-serif"

    public init(
        families: String = TextStyle.defaultFamilies, size: Double, weight: Int = 400,
        alignment: Alignment = .center, wrapWidth: Double? = nil, lineSpacing: Double = 1, letterSpacing: Double = 0
    ) {
        self.families = families
        self.size = size
        self.weight = weight
        self.alignment = alignment
        self.wrapWidth = wrapWidth
        self.lineSpacing = lineSpacing
        self.letterSpacing = letterSpacing
    }
}

/// A rectangle in pixels.
public struct PixelRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// Whether the point lies inside (edges included).
    public func contains(x px: Double, y py: Double) -> Bool {
        px >= x && px <= maxX && py >= y && py <= maxY
    }

    /// The smallest rectangle holding both.
    public func union(_ other: PixelRect) -> PixelRect {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return PixelRect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// The smallest rectangle holding both, either of which may be missing (nil: neither).
    public static func union(_ a: PixelRect?, _ b: PixelRect?) -> PixelRect? {
        guard let a else { return b }
        guard let b else { return a }
        return a.union(b)
    }

    /// The whole pixels this rectangle touches, rounded out and clipped to a `width` × `height`
    /// grid (none when `x1 <= x0` or `y1 <= y0`).
    public func pixelBounds(width: Int, height: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int) {
        (
            max(0, Int(x.rounded(.down))), max(0, Int(y.rounded(.down))),
            min(width, Int(maxX.rounded(.up))), min(height, Int(maxY.rounded(.up)))
        )
    }

    /// The rectangle grown by `margin` on every side.
    public func insetBy(_ margin: Double) -> PixelRect {
        PixelRect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }
}

/// A Pango layout of one text in one style, owning its `PangoContext` and `PangoLayout`.
///
/// Pango's default font map is per thread, so a layout must be used on the thread that made
/// it; render workers each make their own.
public final class TextLayout {
    let context: OpaquePointer
    let layout: OpaquePointer
    /// The text as laid out.
    public let text: String
    /// The style it was laid out in.
    public let style: TextStyle

    /// Lays out `text` in `style`. Sizes are pixels (72 dpi, no hinting, so layout does not
    /// depend on the output's resolution).
    public init(text: String, style: TextStyle) {
        self.text = text
        self.style = style
        let fontMap = pango_cairo_font_map_get_default()
        context = pango_font_map_create_context(fontMap)!
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)

        layout = pango_layout_new(context)!
        let font = pango_font_description_new()
        pango_font_description_set_family(font, style.families)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, PangoWeight(rawValue: UInt32(style.weight)))
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)

        if style.letterSpacing != 0 {
            let attributes = pango_attr_list_new()
            pango_attr_list_insert(attributes, pango_attr_letter_spacing_new(Int32(style.letterSpacing * Double(PANGO_SCALE))))
            pango_layout_set_attributes(layout, attributes)
            pango_attr_list_unref(attributes)
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if let wrap = style.wrapWidth {
            pango_layout_set_width(layout, Int32(wrap * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        if style.lineSpacing != 1 {
            pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
        }
        pango_layout_set_auto_dir(layout, 1)
        pango_layout_set_text(layout, text, -1)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// The box the glyphs' ink covers, relative to the layout's top-left.
    public var inkExtents: PixelRect { extents().ink }

    /// The box the layout occupies (line heights, advance widths), relative to its top-left.
    public var logicalExtents: PixelRect { extents().logical }

    private func extents() -> (ink: PixelRect, logical: PixelRect) {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        func rect(_ r: PangoRectangle) -> PixelRect {
            PixelRect(x: Double(r.x), y: Double(r.y), width: Double(r.width), height: Double(r.height))
        }
        return (rect(ink), rect(logical))
    }

    /// Number of lines after wrapping.
    public var lineCount: Int { Int(pango_layout_get_line_count(layout)) }

    /// Characters drawn as missing-glyph boxes because no installed font covers them.
    public var unknownGlyphCount: Int { Int(pango_layout_get_unknown_glyphs_count(layout)) }

    /// Whether the text reads right to left (its first strong character is RTL).
    public var isRightToLeft: Bool {
        pango_find_base_dir(text, -1) == PANGO_DIRECTION_RTL
    }

    /// The text's ink as a coverage mask of `width × height` pixels, the layout's top-left
    /// placed at (x, y). Colour glyphs (emoji) count by their alpha.
    public func coverageMask(width: Int, height: Int, x: Double, y: Double) throws -> CoverageMask {
        let surface = try Surface(width: width, height: height)
        let canvas = try Canvas(surface: surface)
        canvas.setColor(Palette.white)
        canvas.draw(self, x: x, y: y)
        try canvas.checkStatus()
        var values = [UInt8](repeating: 0, count: width * height)
        surface.withPixels { bytes in
            for row in 0..<height {
                let base = row * surface.bytesPerRow
                for column in 0..<width { values[row * width + column] = bytes[base + column * 4 + 3] }
            }
        }
        return CoverageMask(width: width, height: height, values: values)
    }
}
