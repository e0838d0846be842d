import DumpEngine
import Foundation
import Testing

/// A block of ink in the middle of a small frame, and its simulation.
private func simulation(seed: UInt64, seconds: Double = 2) -> DustSimulation {
    let (width, height) = (160, 90)
    var values = [UInt8](repeating: 0, count: width * height)
    for y in 30..<60 { for x in 30..<130 { values[y * width + x] = 255 } }
    let mask = CoverageMask(width: width, height: height, values: values)
    let wave = DustWave(minX: 30, minY: 30, width: 100, height: 30, rightToLeft: false)
    return DustSimulation(
        mask: mask, wave: wave, options: DustOptions(width: width, height: height, fps: 30, seconds: seconds, seed: seed))
}

private func sound(seed: UInt64, seconds: Double = 2) -> [Float] {
    let simulation = simulation(seed: seed, seconds: seconds)
    let frames = simulation.options.frameCount
    return DustSound(seed: seed, fps: 30, frameCount: frames).render(activity: simulation.activity())
}

@Suite("The sound of the dust")
struct DustSoundTests {
    @Test func theActivityBreaksFromNothingToEverythingAndSettles() {
        let activity = simulation(seed: 4).activity()
        #expect(activity.count == 60)
        #expect(activity.first == DustActivity(broken: 0, airborne: 0))
        #expect(zip(activity, activity.dropFirst()).allSatisfy { $0.broken <= $1.broken }, "what broke stays broken")
        #expect(activity.last!.broken == 1)
        #expect(activity.last!.airborne == 0, "the last frames are empty sky")
        #expect(activity.map(\.airborne).max()! > 0.5)
    }

    @Test func theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        let first = sound(seed: 11), second = sound(seed: 11), other = sound(seed: 12)
        #expect(first == second)
        #expect(first != other)
    }

    @Test func itLastsExactlyAsLongAsTheVideo() {
        let samples = sound(seed: 3)
        #expect(samples.count == 2 * 48_000 * 2)
        #expect(DustSound(seed: 1, fps: 30, frameCount: 150).sampleFrames == 240_000)
        #expect(DustSound(seed: 1, fps: 24, frameCount: 100).sampleFrames == 200_000)
    }

    @Test func theFirstFrameIsSilentAndTheEndFadesToNothing() {
        let samples = sound(seed: 5)
        let firstFrame = 48_000 / 30 * 2
        #expect(samples[0..<firstFrame].allSatisfy { $0 == 0 })
        #expect(samples[firstFrame..<(firstFrame + 48_000)].contains { $0 != 0 }, "the wind rises after it")
        let lastHundred = samples.suffix(200).map { abs($0) }.max()!
        #expect(lastHundred < 0.001, "the last samples are near silence: \(lastHundred)")
    }

    @Test func itIsMixedToAGentleLoudnessWithoutClipping() {
        let samples = sound(seed: 8, seconds: 5)
        let loudness = LoudnessMeter.integratedLoudness(interleaved: samples, sampleRate: 48_000)
        #expect(abs(loudness - DustSound.targetLoudness) < 0.3, "\(loudness) LUFS")
        #expect(samples.map { abs($0) }.max()! <= DustSound.ceiling)
    }

    /// BS.1770's reference: a full-scale 997 Hz sine in one channel of two reads −3.01 LUFS.
    @Test func theMeterReadsTheReferenceSine() {
        let frames = 48_000 * 3
        var samples = [Float](repeating: 0, count: frames * 2)
        for n in 0..<frames { samples[n * 2] = Float(sin(2 * Double.pi * 997 * Double(n) / 48_000)) }
        let loudness = LoudnessMeter.integratedLoudness(interleaved: samples, sampleRate: 48_000)
        #expect(abs(loudness - -3.01) < 0.05, "\(loudness) LUFS")
        #expect(
            LoudnessMeter.integratedLoudness(interleaved: [Float](repeating: 0, count: 96_000), sampleRate: 48_000) == -.infinity)
    }
}
