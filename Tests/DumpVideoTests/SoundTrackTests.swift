import DumpTestSupport
import Foundation
import Testing

@testable import DumpVideo

/// Two seconds of a soft 440 Hz tone rising from silence, stereo at 48 kHz.
private func tone(seconds: Double = 2) -> AudioTrack {
    let frames = Int(seconds * 48_000)
    var samples = [Float](repeating: 0, count: frames * 2)
    for n in 0..<frames {
        let rise = min(1, Double(n) / 4_800)
        let value = Float(0.25 * rise * sin(2 * Double.pi * 440 * Double(n) / 48_000))
        samples[n * 2] = value
        samples[n * 2 + 1] = value * 0.8
    }
    return AudioTrack(sampleRate: 48_000, channels: 2, samples: samples)
}

@Suite("Video files carry a sound track")
struct SoundTrackTests {
    let options = VideoOptions(width: 160, height: 90, fps: 30)

    func write(_ format: ClipFormat, audio: AudioTrack?, frames: Int = 60) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent("clip.\(format.rawValue)")
        let sink = try makeFrameSink(format: format, url: url, options: options, audio: audio)
        for index in 0..<frames {
            try sink.append(BGRABuffer(width: 160, height: 90, red: UInt8(index * 4), green: 40, blue: 60))
        }
        try sink.finish()
        return url
    }

    @Test(arguments: [(ClipFormat.webm, "opus"), (.mp4, "aac")])
    func theSoundIsEncodedAtFullRateAndAsLongAsThePictures(_ format: ClipFormat, _ codec: String) throws {
        let url = try write(format, audio: tone())
        let audio = try #require(try Probe.audio(url.path))
        #expect(audio.codec == codec)
        #expect(audio.sampleRate == 48_000)
        #expect(audio.channels == 2)
        let video = try Probe.decodedDuration(url.path, stream: "v:0")
        #expect(abs(audio.duration - video) <= 1.0 / 30 + 1e-6, "audio \(audio.duration) s, video \(video) s")
        #expect(try Probe.run(url.path).frameCount == 60)
    }

    @Test(arguments: [ClipFormat.webm, .mp4])
    func theSameInputGivesTheSameBytes(_ format: ClipFormat) throws {
        let first = try Data(contentsOf: try write(format, audio: tone()))
        let second = try Data(contentsOf: try write(format, audio: tone()))
        #expect(first == second)
    }

    @Test func withoutSoundThereIsNoAudioStream() throws {
        let url = try write(.mp4, audio: nil)
        #expect(try Probe.audio(url.path) == nil)
    }

    @Test func soundAtAnotherRateIsRefusedWithReason() throws {
        let url = try temporaryDirectory().appendingPathComponent("clip.webm")
        #expect(throws: VideoError.invalidOptions("sound must be 48 kHz mono or stereo")) {
            _ = try VideoWriter(
                url: url, format: .webm, options: options, audio: AudioTrack(sampleRate: 44_100, channels: 2, samples: [0, 0]))
        }
    }
}
