import CCairo
import DumpEngine
import Foundation

/// A Cairo drawing context (`cairo_t`) on an image surface or a vector document.
///
/// It keeps its target alive for as long as it lives, and frees the context in `deinit`.
/// Coordinates are pixels (or points for vector documents), origin top-left.
public final class Canvas {
    let context: OpaquePointer
    private let target: AnyObject

    /// Draws on an image surface.
    public convenience init(surface: Surface) throws {
        try self.init(cairoSurface: surface.pointer, keeping: surface)
    }

    /// Draws on a PDF/SVG page.
    public convenience init(document: VectorDocument) throws {
        try self.init(cairoSurface: document.pointer, keeping: document)
    }

    private init(cairoSurface: OpaquePointer, keeping target: AnyObject) throws {
        guard let context = cairo_create(cairoSurface) else {
            throw RenderError.cairo(call: "cairo_create", message: "no context")
        }
        let status = cairo_status(context)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(context)
            try check(status, "cairo_create")
        }
        self.context = context
        self.target = target
    }

    deinit {
        cairo_destroy(context)
    }

    /// Throws if any drawing so far put the context in an error state.
    public func checkStatus() throws {
        try check(cairo_status(context), "drawing")
    }

    // MARK: state

    /// Runs `body` between cairo_save and cairo_restore.
    public func withSavedState<R>(_ body: () throws -> R) rethrows -> R {
        cairo_save(context)
        defer { cairo_restore(context) }
        return try body()
    }

    /// Moves the origin.
    public func translate(x: Double, y: Double) { cairo_translate(context, x, y) }

    /// Scales user space.
    public func scale(x: Double, y: Double) { cairo_scale(context, x, y) }

    /// How new drawing combines with what is there.
    public enum BlendMode: Sendable { case over, add, screen, source }

    /// Sets the compositing operator.
    public func setBlendMode(_ mode: BlendMode) {
        switch mode {
        case .over: cairo_set_operator(context, CAIRO_OPERATOR_OVER)
        case .add: cairo_set_operator(context, CAIRO_OPERATOR_ADD)
        case .screen: cairo_set_operator(context, CAIRO_OPERATOR_SCREEN)
        case .source: cairo_set_operator(context, CAIRO_OPERATOR_SOURCE)
        }
    }

    // MARK: sources

    /// Paints with a solid colour (channels 0…1 from 8-bit `rgb`, alpha 0…1).
    public func setColor(_ rgb: RGB, alpha: Double = 1) {
        cairo_set_source_rgba(context, Double(rgb.red) / 255, Double(rgb.green) / 255, Double(rgb.blue) / 255, alpha)
    }

    /// A colour stop of a gradient: offset 0…1, colour, alpha.
    public struct Stop: Sendable {
        public var offset: Double
        public var color: RGB
        public var alpha: Double
        public init(_ offset: Double, _ color: RGB, alpha: Double = 1) {
            self.offset = offset
            self.color = color
            self.alpha = alpha
        }
    }

    /// Paints with a radial gradient centred at (x, y) from radius 0 to `radius`.
    public func setRadialGradient(x: Double, y: Double, radius: Double, stops: [Stop]) {
        let pattern = cairo_pattern_create_radial(x, y, 0, x, y, radius)
        addStops(stops, to: pattern)
        cairo_set_source(context, pattern)
        cairo_pattern_destroy(pattern)
    }

    /// Paints with a linear gradient from (x0, y0) to (x1, y1).
    public func setLinearGradient(x0: Double, y0: Double, x1: Double, y1: Double, stops: [Stop]) {
        let pattern = cairo_pattern_create_linear(x0, y0, x1, y1)
        addStops(stops, to: pattern)
        cairo_set_source(context, pattern)
        cairo_pattern_destroy(pattern)
    }

    /// Paints with the pixels of `surface`, its origin placed at (x, y).
    public func setSource(_ surface: Surface, x: Double = 0, y: Double = 0) {
        cairo_set_source_surface(context, surface.pointer, x, y)
    }

    private func addStops(_ stops: [Stop], to pattern: OpaquePointer?) {
        for stop in stops {
            cairo_pattern_add_color_stop_rgba(
                pattern, stop.offset, Double(stop.color.red) / 255, Double(stop.color.green) / 255,
                Double(stop.color.blue) / 255, stop.alpha)
        }
    }

    // MARK: paths and painting

    /// Fills the whole target with the current source.
    public func paint(alpha: Double = 1) {
        if alpha >= 1 { cairo_paint(context) } else { cairo_paint_with_alpha(context, alpha) }
    }

    /// Paints the current source through a linear alpha ramp: alpha `a0` at (x0, y0) rising or
    /// falling to `a1` at (x1, y1), constant beyond the ends.
    public func paintThroughLinearMask(x0: Double, y0: Double, x1: Double, y1: Double, stops: [(offset: Double, alpha: Double)]) {
        let mask = cairo_pattern_create_linear(x0, y0, x1, y1)
        for stop in stops { cairo_pattern_add_color_stop_rgba(mask, stop.offset, 0, 0, 0, stop.alpha) }
        cairo_mask(context, mask)
        cairo_pattern_destroy(mask)
    }

    /// Restricts drawing to a rectangle (until the state saved before is restored).
    public func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_new_path(context)
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    /// Adds a rectangle to the path.
    public func rectangle(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
    }

    /// Adds a full circle to the path.
    public func circle(x: Double, y: Double, radius: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
    }

    /// Starts a new sub-path at (x, y).
    public func move(to x: Double, _ y: Double) { cairo_move_to(context, x, y) }

    /// Adds a straight segment to (x, y).
    public func line(to x: Double, _ y: Double) { cairo_line_to(context, x, y) }

    /// Fills the current path and clears it.
    public func fill() { cairo_fill(context) }

    /// Strokes the current path with `width` and clears it.
    public func stroke(width: Double) {
        cairo_set_line_width(context, width)
        cairo_stroke(context)
    }

    /// Clears the current path without drawing.
    public func newPath() { cairo_new_path(context) }

    /// Draws `layout` with its top-left corner at (x, y) in the current colour.
    public func draw(_ layout: TextLayout, x: Double, y: Double) {
        cairo_move_to(context, x, y)
        pango_cairo_show_layout(context, layout.layout)
    }

    /// How the ends of stroked lines look.
    public enum LineCap: Sendable { case butt, round, square }

    /// Sets the cap of lines stroked from now on.
    public func setLineCap(_ cap: LineCap) {
        switch cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
    }

    /// Strokes the outlines of `layout`'s glyphs (top-left at (x, y)) with round joins, in the
    /// current colour: a halo that keeps text legible over bright things.
    public func strokeOutline(of layout: TextLayout, x: Double, y: Double, width: Double) {
        cairo_new_path(context)
        cairo_move_to(context, x, y)
        pango_cairo_layout_path(context, layout.layout)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_width(context, width)
        cairo_stroke(context)
    }
}
