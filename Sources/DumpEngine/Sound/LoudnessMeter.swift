import Foundation

/// Integrated loudness of a stereo signal, as ITU-R BS.1770-4 defines it (LUFS): K-weighting,
/// 400 ms blocks overlapping by 75 %, an absolute gate at −70 LUFS and a relative one 10 LU
/// below the ungated mean.
///
/// The sound is normalised with it to a target loudness, so a clip neither whispers nor
/// shouts beside the others in a feed. FFmpeg's `ebur128` filter measures the same thing.
public enum LoudnessMeter {
    /// The integrated loudness of interleaved stereo `samples` at `sampleRate`, in LUFS
    /// (−∞ for silence or a signal shorter than one block).
    public static func integratedLoudness(interleaved samples: [Float], sampleRate: Int) -> Double {
        let frames = samples.count / 2
        let block = Int(0.4 * Double(sampleRate)), hop = block / 4
        guard frames >= block, block > 0 else { return -.infinity }
        // K-weighting: a high shelf (+4 dB above ~1.7 kHz) then a high pass (~38 Hz).
        var shelf = [Biquad.shelf(sampleRate: sampleRate), Biquad.shelf(sampleRate: sampleRate)]
        var highPass = [Biquad.highPass(sampleRate: sampleRate), Biquad.highPass(sampleRate: sampleRate)]
        // Sum of squares of the weighted signal per hop, both channels added (weights 1, 1).
        var hops = [Double](repeating: 0, count: frames / hop + 1)
        for frame in 0..<frames {
            var energy = 0.0
            for channel in 0..<2 {
                let weighted = highPass[channel].process(shelf[channel].process(Double(samples[frame * 2 + channel])))
                energy += weighted * weighted
            }
            hops[frame / hop] += energy
        }
        let blockCount = (frames - block) / hop + 1
        var blocks: [Double] = []
        blocks.reserveCapacity(blockCount)
        for index in 0..<blockCount {
            let sum = hops[index..<(index + 4)].reduce(0, +)
            blocks.append(sum / Double(block))
        }
        func loudness(_ meanSquare: Double) -> Double { -0.691 + 10 * log10(meanSquare) }
        let absolute = blocks.filter { $0 > 0 && loudness($0) > -70 }
        guard !absolute.isEmpty else { return -.infinity }
        let relativeGate = loudness(absolute.reduce(0, +) / Double(absolute.count)) - 10
        let gated = absolute.filter { loudness($0) > relativeGate }
        guard !gated.isEmpty else { return -.infinity }
        return loudness(gated.reduce(0, +) / Double(gated.count))
    }
}

/// A second-order IIR section (direct form I), designed by the BS.1770 formulas for any rate.
struct Biquad {
    var b0: Double, b1: Double, b2: Double, a1: Double, a2: Double
    private var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        (self.b0, self.b1, self.b2, self.a1, self.a2) = (b0, b1, b2, a1, a2)
    }

    mutating func process(_ x: Double) -> Double {
        let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        (x2, x1, y2, y1) = (x1, x, y1, y)
        return y
    }

    /// The K-weighting's first stage: a high shelf of +4 dB near 1,682 Hz.
    static func shelf(sampleRate: Int) -> Biquad {
        let f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196
        let k = tan(Double.pi * f0 / Double(sampleRate))
        let vh = pow(10, gain / 20), vb = pow(vh, 0.4996667741545416)
        let a0 = 1 + k / q + k * k
        return Biquad(
            b0: (vh + vb * k / q + k * k) / a0, b1: 2 * (k * k - vh) / a0, b2: (vh - vb * k / q + k * k) / a0,
            a1: 2 * (k * k - 1) / a0, a2: (1 - k / q + k * k) / a0)
    }

    /// The K-weighting's second stage: a high pass near 38 Hz.
    static func highPass(sampleRate: Int) -> Biquad {
        let f0 = 38.13547087602444, q = 0.5003270373238773
        let k = tan(Double.pi * f0 / Double(sampleRate))
        let a0 = 1 + k / q + k * k
        return Biquad(b0: 1, b1: -2, b2: 1, a1: 2 * (k * k - 1) / a0, a2: (1 - k / q + k * k) / a0)
    }
}
