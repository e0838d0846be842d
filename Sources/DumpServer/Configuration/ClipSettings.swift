import Foundation

/// The size and length of every worry clip (and of the sky loop) this service renders.
public struct ClipSettings: Sendable, Hashable {
    /// Frame width in pixels (even, for 4:2:0 video).
    public var width: Int
    /// Frame height in pixels (even, for 4:2:0 video).
    public var height: Int
    /// Frames per second.
    public var fps: Int
    /// Length of a worry clip in seconds.
    public var seconds: Double
    /// Whether clips carry the dust's sound (`--mute-clips` turns it off).
    public var sound: Bool
    /// The site's address on the end card (`dump.example`, from `--public-url`); nil shows the
    /// wordmark alone.
    public var endCardAddress: String?

    /// Creates clip settings; the defaults are a 5-second 1280×720 clip at 30 fps with sound.
    public init(
        width: Int = 1280, height: Int = 720, fps: Int = 30, seconds: Double = 5, sound: Bool = true,
        endCardAddress: String? = nil
    ) {
        self.width = width
        self.height = height
        self.fps = fps
        self.seconds = seconds
        self.sound = sound
        self.endCardAddress = endCardAddress
    }

    /// Number of frames in a clip of these settings.
    public var frameCount: Int { max(1, Int((seconds * Double(fps)).rounded())) }

    /// The same clip turned upright (9:16 for 16:9): the vertical story for phones.
    public var upright: ClipSettings {
        var turned = self
        (turned.width, turned.height) = (min(width, height), max(width, height))
        return turned
    }

    /// Bumped whenever the dust renderer's pixels change, so clips keyed by an older look
    /// are not shared with new worries.
    public static let rendererVersion = 3

    /// Everything a clip depends on besides its text: renderer version, size, rate, length,
    /// sound, and the end card's address.
    public var variant: String {
        "dust\(Self.rendererVersion) \(width)x\(height)@\(fps) \(seconds)s" + (sound ? "" : " mute")
            + (endCardAddress.map { " card:\($0)" } ?? "")
    }
}
