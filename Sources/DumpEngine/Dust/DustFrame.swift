/// One glowing dot of dust at one moment.
public struct DustDot: Sendable, Equatable {
    /// Centre in pixels.
    public var x: Double
    public var y: Double
    /// Core radius in pixels.
    public var radius: Double
    /// Brightness 0…1.
    public var alpha: Double
    /// Index into `Palette.dust`.
    public var color: UInt8
}

/// Everything a painter needs for one frame of a dust clip.
public struct DustFrame: Sendable {
    /// 0-based frame number.
    public let index: Int
    /// Seconds since the clip began.
    public let time: Double
    /// Where the wave is (see `DustWave.position`); the crisp text is drawn faded by it.
    public let wavePosition: Double
    /// How much of the crisp text shows because of the fade-in at the start (0…1).
    public let textOpacity: Double
    /// Particles not yet faded away, including those still bound in the crisp text.
    /// Never increases from one frame to the next.
    public let liveParticles: Int
    /// The released, visible dots.
    public let dots: [DustDot]

    /// Whether any of the crisp text is still visible.
    public var showsText: Bool { wavePosition < 1 && textOpacity > 0 }
}
