import CCairo
import DumpEngine
import Foundation

/// The last second of a shared clip: a small, quiet "Dump It!" wordmark and the site's
/// address in the middle of the empty night, so a clip posted elsewhere says where it came from.
///
/// It fades in as the last dust fades out, and replaces the corner wordmark (crossfading),
/// so the frame never shows the name twice at full strength.
public struct EndCard: Sendable, Equatable {
    /// The address under the wordmark (`dump.example`), or nil for the wordmark alone.
    public var address: String?
    /// How long the card shows at the end of the clip, in seconds.
    public var seconds: Double
    /// How long it takes to fade in, in seconds.
    public var fadeSeconds: Double

    public init(address: String? = nil, seconds: Double = 1, fadeSeconds: Double = 0.35) {
        self.address = address.flatMap { $0.isEmpty ? nil : $0 }
        self.seconds = seconds
        self.fadeSeconds = fadeSeconds
    }

    /// The address a visitor would type, from the service's public URL:
    /// `https://dump.example/` → `dump.example` (scheme, `www.` and a trailing slash dropped).
    public static func address(fromPublicURL text: String?) -> String? {
        guard let text, let url = URL(string: text), let host = url.host, !host.isEmpty else { return nil }
        var address = host.lowercased()
        if address.hasPrefix("www.") { address.removeFirst(4) }
        if let port = url.port { address += ":\(port)" }
        let path = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if !path.isEmpty { address += "/" + path }
        return address
    }

    /// How much of the card shows at `time` of a clip `length` seconds long (0…1).
    public func opacity(at time: Double, clipSeconds length: Double) -> Double {
        let start = length - min(seconds, length / 2)
        guard time >= start else { return 0 }
        guard fadeSeconds > 0 else { return 1 }
        let x = min(1, (time - start) / fadeSeconds)
        return x * x * (3 - 2 * x)
    }

    /// Paints the card, fully shown, onto `surface` (the night sky of the clip); returns the
    /// band of the frame it touched.
    @discardableResult
    func paint(on surface: Surface) throws -> PixelRect {
        let width = Double(surface.width), height = Double(surface.height)
        let unit = min(width, height)
        let markSize = (unit * 0.062).rounded()
        let mark = TextLayout(
            text: "Dump It!", style: TextStyle(size: markSize, weight: 700, alignment: .left, letterSpacing: markSize * 0.04))
        let addressLayout = address.map {
            let size = max(9, (unit * 0.027).rounded())
            return TextLayout(text: $0, style: TextStyle(size: size, weight: 400, alignment: .left, letterSpacing: size * 0.08))
        }
        let markInk = mark.inkExtents
        let gap = (unit * 0.03).rounded()
        let addressInk = addressLayout?.inkExtents
        let blockHeight = markInk.height + (addressInk.map { gap + $0.height } ?? 0)
        let top = ((height - blockHeight) / 2).rounded()
        let markX = ((width - markInk.width) / 2 - markInk.x).rounded()
        let markY = top - markInk.y

        // A soft mint halo behind the wordmark (drawn at quarter size and scaled up), then the
        // wordmark itself: the same glow as the worry's text, much quieter.
        let small = try Surface(width: max(1, surface.width / 4), height: max(1, surface.height / 4))
        let smallCanvas = try Canvas(surface: small)
        smallCanvas.scale(x: 0.25, y: 0.25)
        smallCanvas.setColor(Palette.mint)
        smallCanvas.draw(mark, x: markX, y: markY)
        try smallCanvas.checkStatus()
        let canvas = try Canvas(surface: surface)
        canvas.withSavedState {
            canvas.scale(x: 4, y: 4)
            canvas.setSource(small)
            cairo_pattern_set_filter(cairo_get_source(canvas.context), CAIRO_FILTER_GOOD)
            canvas.paint(alpha: 0.28)
        }
        canvas.setColor(Palette.mint, alpha: 0.92)
        canvas.draw(mark, x: markX, y: markY)
        if let addressLayout, let addressInk {
            canvas.setColor(Palette.aqua, alpha: 0.72)
            let x = ((width - addressInk.width) / 2 - addressInk.x).rounded()
            canvas.draw(addressLayout, x: x, y: top + markInk.height + gap - addressInk.y)
        }
        try canvas.checkStatus()
        let margin = markSize
        return PixelRect(x: 0, y: max(0, top - margin), width: width, height: min(height, blockHeight + 2 * margin))
    }
}
