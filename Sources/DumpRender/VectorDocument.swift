import CCairo
import Foundation

/// A one-page PDF or SVG file being drawn through Cairo; owns its `cairo_surface_t`.
///
/// Text drawn into it stays text (glyphs with escaped ToUnicode/`<text>` data), never markup
/// built by string concatenation, so a worry cannot inject anything into the file.
public final class VectorDocument {
    /// The vector formats Cairo writes.
    public enum Kind: Sendable { case pdf, svg }

    let pointer: OpaquePointer
    /// Page width in points (PDF) or user units (SVG).
    public let width: Double
    /// Page height.
    public let height: Double
    private var finished = false

    /// Starts a document at `url` with a page of `width × height` points.
    public init(kind: Kind, url: URL, width: Double, height: Double) throws {
        let surface: OpaquePointer?
        switch kind {
        case .pdf: surface = cairo_pdf_surface_create(url.path, width, height)
        case .svg: surface = cairo_svg_surface_create(url.path, width, height)
        }
        guard let surface else { throw RenderError.cairo(call: "cairo_\(kind)_surface_create", message: "no surface") }
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            if status == CAIRO_STATUS_WRITE_ERROR { throw RenderError.io("cannot write \(url.path)") }
            try check(status, "cairo_\(kind)_surface_create(\(url.path))")
        }
        pointer = surface
        self.width = width
        self.height = height
    }

    /// Finishes the page and flushes the file. Call after the last drawing.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        cairo_surface_finish(pointer)
        try check(cairo_surface_status(pointer), "cairo_surface_finish")
    }

    deinit {
        if !finished { cairo_surface_finish(pointer) }
        cairo_surface_destroy(pointer)
    }
}
