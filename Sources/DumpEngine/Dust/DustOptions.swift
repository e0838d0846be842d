/// What a dust clip is: its size, frame rate, length and seed.
public struct DustOptions: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var fps: Int
    public var seconds: Double
    public var seed: UInt64
    /// Upper bound on particles: a 2-character and a 500-character worry both look full, and
    /// no clip costs more than this many particles per frame.
    public var maxParticles: Int

    /// The default particle cap.
    public static let defaultMaxParticles = 24_000

    public init(
        width: Int = 1280, height: Int = 720, fps: Int = 30, seconds: Double = 5, seed: UInt64 = 1,
        maxParticles: Int = DustOptions.defaultMaxParticles
    ) {
        self.width = width
        self.height = height
        self.fps = fps
        self.seconds = seconds
        self.seed = seed
        self.maxParticles = maxParticles
    }

    /// The particle budget for a worry of `characters` grapheme clusters: the full cap up to
    /// 60, falling linearly to half of it at 300 and beyond. A long worry is set small, so
    /// its dust covers the whole frame; at the full count that is near-noise to a video
    /// encoder (4–7 MB a clip) or, under a bit-rate ceiling, a smeared blur. Half as many
    /// particles keep every dot crisp within about 2 MB.
    public func particleBudget(characters: Int) -> Int {
        let (full, least) = (60.0, 300.0)
        let fraction = min(1, max(0, (Double(characters) - full) / (least - full)))
        return Int((Double(maxParticles) * (1 - 0.5 * fraction)).rounded())
    }

    /// These options with the particle cap lowered to `particleBudget` for `text`.
    public func budgeted(for text: String) -> DustOptions {
        var options = self
        options.maxParticles = particleBudget(characters: text.count)
        return options
    }

    /// Number of frames in the clip (at least 1).
    public var frameCount: Int { max(1, Int((seconds * Double(fps)).rounded())) }

    /// The phases of the clip, scaled to its length.
    public var timeline: DustTimeline { DustTimeline(seconds: seconds) }
}

/// When the text holds, breaks and is gone.
///
/// `hold` seconds of crisp text; a wave sweeps across it over `sweep` seconds, releasing
/// particles; each particle lives at most `longestLife`; the last `tail` seconds are empty
/// sky. The phases shrink proportionally for short clips.
public struct DustTimeline: Sendable, Equatable {
    public let seconds: Double
    public let hold: Double
    public let sweep: Double
    public let longestLife: Double
    public let tail: Double

    public init(seconds: Double) {
        self.seconds = seconds
        hold = min(0.8, seconds * 0.16)
        tail = min(0.5, seconds * 0.1)
        let moving = max(0, seconds - hold - tail)
        sweep = moving * 0.35
        longestLife = moving - sweep
    }

    /// The moment the last particle has faded.
    public var lastDeath: Double { hold + sweep + longestLife }

    /// The text fades in over this long from an empty sky, so the clip loops seamlessly: its
    /// first frame is the empty sky its last frame shows.
    public var fadeIn: Double { min(0.3, hold * 0.375) }

    /// How much of the crisp text shows at `time` because of the fade-in (0…1).
    public func textOpacity(at time: Double) -> Double {
        fadeIn > 0 ? min(1, max(0, time / fadeIn)) : 1
    }
}
