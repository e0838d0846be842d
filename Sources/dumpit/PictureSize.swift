import ArgumentParser

/// A `WxH` size argument such as `1280x720` (clips) or `3840x2160` (skies, posters).
struct PictureSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        self.init(width: width, height: height)
    }

    var description: String { "\(width)x\(height)" }
    var defaultValueDescription: String { description }

    /// 640x360 up to 7680x4320, as a sky is drawn.
    var isSkySize: Bool { (640...7680).contains(width) && (360...4320).contains(height) }

    /// Landscape or portrait, each side 360…7680, no more pixels than 7680x4320.
    var isPosterSize: Bool {
        (360...7680).contains(width) && (360...7680).contains(height) && width * height <= 7680 * 4320
    }
}
