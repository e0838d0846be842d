import Foundation

/// The sound of a worry breaking into dust: a soft wind whose body and brightness follow the
/// dust in the air, and a fine granular rustle whose density follows how fast the text is
/// breaking away. Stereo, 48 kHz, normalised to `targetLoudness`.
///
/// Everything comes from the clip's seed and its `DustActivity` (one value per frame), so the
/// same text, seed and options give the same samples. The first frame is silent (a shared clip
/// starts from quiet) and the last second fades to nothing under the end card.
public struct DustSound: Sendable {
    /// Samples per second per channel.
    public static let sampleRate = 48_000
    /// Interleaved channels (left, right).
    public static let channels = 2
    /// Integrated loudness the sound is mixed to (LUFS): gentle beside other clips in a feed.
    public static let targetLoudness = -18.0
    /// No sample is louder than this after normalising (about −1 dBFS).
    public static let ceiling: Float = 0.89
    /// The fade to silence at the end, in seconds.
    public static let fadeOutSeconds = 1.0

    public let seed: UInt64
    public let fps: Int
    public let frameCount: Int

    /// The sound of a clip of `frameCount` frames at `fps`, from the clip's `seed`.
    public init(seed: UInt64, fps: Int, frameCount: Int) {
        self.seed = seed
        self.fps = max(1, fps)
        self.frameCount = max(1, frameCount)
    }

    /// Sample frames (per channel) in the clip: exactly its video's length.
    public var sampleFrames: Int { Int((Double(frameCount) * Double(Self.sampleRate) / Double(fps)).rounded()) }

    /// Synthesises the clip's sound, interleaved stereo, following `activity` (one per frame).
    public func render(activity: [DustActivity]) -> [Float] {
        let rate = Double(Self.sampleRate)
        let frames = sampleFrames
        let envelope = Envelope(activity: activity, fps: Double(fps))
        var random = SplitMix64(seed: seed ^ 0x50DA_D057_A11D_0001)
        var wind = [Wind(random: &random, spread: 1), Wind(random: &random, spread: 1.07)]
        var shared = Wind(random: &random, spread: 0.93)
        var rustle = Rustle(seed: random.next())
        let gustRate = 0.11 + 0.08 * random.unit(), gustPhase = random.unit() * 2 * Double.pi
        let firstFrameEnd = rate / Double(fps)
        let fadeIn = 0.4 * rate
        let fadeOut = min(Self.fadeOutSeconds * rate, Double(frames) / 2)

        var samples = [Float](repeating: 0, count: frames * Self.channels)
        var air = 0.0, pace = 0.0
        let smoothing = 1 - exp(-1 / (0.06 * rate))
        for n in 0..<frames {
            let t = Double(n) / rate
            let target = envelope.at(time: t)
            air += (target.air - air) * smoothing
            pace += (target.pace - pace) * smoothing
            let gust = 0.5 + 0.5 * sin(2 * Double.pi * gustRate * t + gustPhase)
            // Wind: a quiet bed that swells and brightens with the dust in the air.
            let level = 0.22 + 0.78 * air + 0.12 * gust
            let cutoff = 260 + 620 * air + 110 * gust
            let middle = shared.next(cutoff: cutoff, rate: rate)
            let left = wind[0].next(cutoff: cutoff, rate: rate)
            let right = wind[1].next(cutoff: cutoff, rate: rate)
            // Rustle: fine grains, dense while the text breaks, thinning as the dust drifts.
            let intensity = min(1, 0.75 * pace + 0.25 * air)
            let grains = rustle.next(intensity: intensity, rate: rate)
            var gain = 1.0
            let sample = Double(n)
            if sample < firstFrameEnd {
                gain = 0
            } else if sample < firstFrameEnd + fadeIn {
                gain = raisedCosine((sample - firstFrameEnd) / fadeIn)
            }
            let remaining = Double(frames - 1 - n)
            if remaining < fadeOut { gain *= raisedCosine(remaining / fadeOut) }
            samples[n * 2] = Float(gain * (level * (0.7 * left + 0.45 * middle) + 0.38 * grains.left))
            samples[n * 2 + 1] = Float(gain * (level * (0.7 * right + 0.45 * middle) + 0.38 * grains.right))
        }
        normalise(&samples)
        return samples
    }

    /// Scales to `targetLoudness`, then bends the rare peaks above −3 dBFS softly under `ceiling`.
    private func normalise(_ samples: inout [Float]) {
        let loudness = LoudnessMeter.integratedLoudness(interleaved: samples, sampleRate: Self.sampleRate)
        guard loudness.isFinite else { return }
        let gain = Float(pow(10, (Self.targetLoudness - loudness) / 20))
        let knee: Float = 0.7, room = Self.ceiling - knee
        for index in samples.indices {
            let value = samples[index] * gain
            let magnitude = abs(value)
            if magnitude > knee {
                let bent = knee + room * Float(tanh(Double((magnitude - knee) / room)))
                samples[index] = value < 0 ? -bent : bent
            } else {
                samples[index] = value
            }
        }
    }
}

/// 0 at 0, 1 at 1, smooth at both ends.
@inline(__always)
private func raisedCosine(_ x: Double) -> Double {
    0.5 - 0.5 * cos(Double.pi * min(1, max(0, x)))
}

/// The activity as two smooth controls: dust in the air, and the pace of breaking (both 0…1,
/// relative to the clip's own peak, so a short and a long worry sound alike in shape).
private struct Envelope {
    let air: [Double]
    let pace: [Double]
    let fps: Double

    init(activity: [DustActivity], fps: Double) {
        self.fps = fps
        let peakAir = max(1e-9, activity.map(\.airborne).max() ?? 0)
        air = activity.map { $0.airborne / peakAir }
        var rates = [Double](repeating: 0, count: activity.count)
        for index in activity.indices.dropFirst() {
            rates[index] = max(0, activity[index].broken - activity[index - 1].broken)
        }
        let peakRate = max(1e-9, rates.max() ?? 0)
        pace = rates.map { $0 / peakRate }
    }

    func at(time: Double) -> (air: Double, pace: Double) {
        guard !air.isEmpty else { return (0, 0) }
        let position = time * fps
        let index = min(air.count - 1, Int(position))
        let next = min(air.count - 1, index + 1)
        let fraction = position - Double(index)
        return (air[index] + (air[next] - air[index]) * fraction, pace[index] + (pace[next] - pace[index]) * fraction)
    }
}

/// One channel of wind: pink noise through a soft, moving band-pass (a state-variable filter).
private struct Wind {
    private var random: SplitMix64
    private var pink = (0.0, 0.0, 0.0)
    private var low = 0.0, band = 0.0
    private let spread: Double

    init(random: inout SplitMix64, spread: Double) {
        self.random = SplitMix64(seed: random.next())
        self.spread = spread
    }

    mutating func next(cutoff: Double, rate: Double) -> Double {
        let white = random.unit() * 2 - 1
        // Paul Kellet's economy pink filter.
        pink.0 = 0.99765 * pink.0 + white * 0.0990460
        pink.1 = 0.96300 * pink.1 + white * 0.2965164
        pink.2 = 0.57000 * pink.2 + white * 1.0526913
        let input = (pink.0 + pink.1 + pink.2 + white * 0.1848) * 0.25
        let f = 2 * sin(Double.pi * min(cutoff * spread, rate / 8) / rate)
        let damping = 1.3
        low += f * band
        let high = input - low - damping * band
        band += f * high
        return band + 0.4 * low
    }
}

/// Fine grains of filtered noise, a few milliseconds each, scattered in time and space.
private struct Rustle {
    private struct Grain {
        var position: Int
        let length: Int
        let amplitude: Double
        let left: Double, right: Double
        let coefficient: Double, radius: Double, inputGain: Double
        var y1 = 0.0, y2 = 0.0
    }

    private var random: SplitMix64
    private var grains: [Grain] = []
    private var smooth = (0.0, 0.0)

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        grains.reserveCapacity(64)
    }

    mutating func next(intensity: Double, rate: Double) -> (left: Double, right: Double) {
        let perSecond = 4 + 760 * intensity
        if random.unit() < perSecond / rate, grains.count < 64 {
            let u = random.unit()
            let length = Int((0.003 + 0.018 * u * u) * rate)
            let frequency = 2400 * pow(2, 1.8 * random.unit())
            let bandwidth = frequency / 2.5
            let radius = exp(-Double.pi * bandwidth / rate)
            let pan = random.unit()
            let amplitude = (0.2 + 0.8 * pow(random.unit(), 3)) * (0.55 + 0.45 * intensity)
            grains.append(
                Grain(
                    position: 0, length: max(8, length), amplitude: amplitude,
                    left: cos(pan * Double.pi / 2), right: sin(pan * Double.pi / 2),
                    coefficient: 2 * radius * cos(2 * Double.pi * frequency / rate), radius: radius,
                    inputGain: (1 - radius * radius) * 1.6))
        }
        var left = 0.0, right = 0.0
        var index = 0
        while index < grains.count {
            let white = random.unit() * 2 - 1
            var grain = grains[index]
            let p = Double(grain.position) / Double(grain.length)
            let window = 16 * p * p * (1 - p) * (1 - p)
            let y = grain.inputGain * white + grain.coefficient * grain.y1 - grain.radius * grain.radius * grain.y2
            grain.y2 = grain.y1
            grain.y1 = y
            grain.position += 1
            let value = y * window * grain.amplitude
            left += value * grain.left
            right += value * grain.right
            if grain.position >= grain.length {
                grains.swapAt(index, grains.count - 1)
                grains.removeLast()
            } else {
                grains[index] = grain
                index += 1
            }
        }
        // A gentle low-pass takes the edge off the highest grains.
        smooth.0 += (left - smooth.0) * 0.55
        smooth.1 += (right - smooth.1) * 0.55
        return (smooth.0, smooth.1)
    }
}
