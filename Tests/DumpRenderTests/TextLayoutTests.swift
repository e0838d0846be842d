import DumpEngine
import Foundation
import Testing

@testable import DumpRender

/// The bounding box of pixels with any alpha, or nil when the surface is empty.
func inkBounds(_ surface: Surface) -> PixelRect? {
    var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
    surface.withPixels { bytes in
        for y in 0..<surface.height {
            for x in 0..<surface.width where bytes[y * surface.bytesPerRow + x * 4 + 3] > 0 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
    }
    guard maxX >= 0 else { return nil }
    return PixelRect(x: Double(minX), y: Double(minY), width: Double(maxX - minX + 1), height: Double(maxY - minY + 1))
}

@Suite("Pango text layout")
struct TextLayoutTests {
    @Test func koreanEmojiAndLatinLandInsideMeasuredExtents() throws {
        let layout = TextLayout(text: "고민 😢 worry", style: TextStyle(size: 64))
        let surface = try Surface(width: 800, height: 200)
        let canvas = try Canvas(surface: surface)
        canvas.setColor(Palette.white)
        canvas.draw(layout, x: 20, y: 30)
        try canvas.checkStatus()

        let ink = layout.inkExtents
        let drawn = try #require(inkBounds(surface))
        // Every inked pixel lies inside the measured ink box (1 px of antialiasing slack).
        #expect(drawn.x >= 20 + ink.x - 1 && drawn.maxX <= 20 + ink.maxX + 1)
        #expect(drawn.y >= 30 + ink.y - 1 && drawn.maxY <= 30 + ink.maxY + 1)
        // …and the ink really fills that box, not a corner of it.
        #expect(drawn.width >= ink.width * 0.9 && drawn.height >= ink.height * 0.9)
    }

    /// Fails when no installed font covers Hangul (or emoji): Pango then draws hex boxes and
    /// counts them as unknown glyphs. Run with FONTCONFIG_FILE pointing at a DejaVu-only
    /// configuration to see it fail.
    @Test func hangulAndEmojiAreNotMissingGlyphBoxes() {
        let layout = TextLayout(text: "고민 😢 worry", style: TextStyle(size: 48))
        #expect(layout.unknownGlyphCount == 0, "missing glyphs: install fonts-noto-cjk and fonts-noto-color-emoji")
    }

    /// Digits are text, not keycap emoji: drawn in white they stay white, not grey.
    @Test func digitsAreDrawnFromTheTextFontNotTheEmojiFont() throws {
        let layout = TextLayout(text: "eb88ce74 😢 2026", style: TextStyle(size: 40))
        let surface = try Surface(width: 500, height: 80)
        let canvas = try Canvas(surface: surface)
        canvas.setColor(Palette.white)
        canvas.draw(TextLayout(text: "88 74 2026", style: TextStyle(size: 40)), x: 10, y: 10)
        var grey = 0
        for y in 0..<surface.height {
            for x in 0..<surface.width {
                let p = surface.pixel(x: x, y: y)
                if p.alpha > 200 && p.red < 200 { grey += 1 }
            }
        }
        #expect(grey == 0, "digits drawn from a colour font")
        #expect(layout.unknownGlyphCount == 0)
    }

    @Test func rightToLeftTextIsDetected() {
        #expect(TextLayout(text: "שלום עולם", style: TextStyle(size: 20)).isRightToLeft)
        #expect(TextLayout(text: "مرحبا", style: TextStyle(size: 20)).isRightToLeft)
        #expect(!TextLayout(text: "고민 worry", style: TextStyle(size: 20)).isRightToLeft)
    }

    @Test func longTextWrapsWithinWidth() {
        let text = String(repeating: "회사 가기 싫어요 ", count: 20)
        let layout = TextLayout(text: text, style: TextStyle(size: 32, wrapWidth: 600))
        #expect(layout.lineCount > 3)
        #expect(layout.logicalExtents.width <= 600)
        #expect(layout.inkExtents.maxX <= 601)
    }

    @Test func coverageMaskHasInkWhereTextIs() throws {
        let layout = TextLayout(text: "고민", style: TextStyle(size: 40))
        let mask = try layout.coverageMask(width: 200, height: 80, x: 10, y: 10)
        #expect(mask.inkedPixelCount > 200)
        #expect(mask[0, 0] == 0)
    }
}

@Suite("Cairo surfaces and files")
struct SurfaceTests {
    @Test func pngRoundTripsThroughCairo() throws {
        let surface = try Surface(width: 64, height: 32)
        let canvas = try Canvas(surface: surface)
        canvas.setColor(Palette.mint)
        canvas.paint()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dumpit-\(UUID()).png")
        try surface.writePNG(to: url)
        let data = try Data(contentsOf: url)
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(try surface.pngData() == data)
        let pixel = surface.pixel(x: 10, y: 10)
        #expect(pixel.red == 100 && pixel.green == 255 && pixel.blue == 218 && pixel.alpha == 255)
        #expect(surface.row(3).count == 64 * 4)
    }

    @Test func invalidSizesAreRefused() {
        #expect(throws: RenderError.invalidSize(width: 0, height: 10)) { try Surface(width: 0, height: 10) }
    }

    @Test func pdfAndSvgDocumentsAreWritten() throws {
        let directory = FileManager.default.temporaryDirectory
        for kind in [VectorDocument.Kind.pdf, .svg] {
            let url = directory.appendingPathComponent("dumpit-\(UUID()).\(kind == .pdf ? "pdf" : "svg")")
            let document = try VectorDocument(kind: kind, url: url, width: 300, height: 200)
            let canvas = try Canvas(document: document)
            canvas.setColor(Palette.night)
            canvas.paint()
            canvas.setColor(Palette.white)
            canvas.draw(TextLayout(text: "<b>고민</b>", style: TextStyle(size: 20)), x: 10, y: 10)
            try canvas.checkStatus()
            try document.finish()
            let data = try Data(contentsOf: url)
            let head = String(decoding: data.prefix(5), as: UTF8.self)
            #expect(kind == .pdf ? head == "%PDF-" : head.hasPrefix("<?xml"))
        }
    }

    @Test func unwritableVectorPathIsAnError() {
        #expect(throws: RenderError.self) {
            _ = try VectorDocument(kind: .pdf, url: URL(fileURLWithPath: "/nonexistent/x.pdf"), width: 10, height: 10)
        }
    }
}
