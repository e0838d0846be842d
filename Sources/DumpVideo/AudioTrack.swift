/// A clip's whole sound: interleaved 32-bit float samples (−1…1), handed to a video sink with
/// its frames so both streams are muxed into one file.
public struct AudioTrack: Sendable, Equatable {
    /// Samples per second per channel (48,000 for every encoder here).
    public var sampleRate: Int
    /// Interleaved channels: 1 (mono) or 2 (left, right).
    public var channels: Int
    /// The samples, `channels` per sample frame.
    public var samples: [Float]

    public init(sampleRate: Int, channels: Int, samples: [Float]) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.samples = samples
    }

    /// Sample frames (per channel).
    public var frameCount: Int { samples.count / max(1, channels) }
}
