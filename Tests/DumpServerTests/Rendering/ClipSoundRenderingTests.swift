import DumpRenderers
import DumpServer
import DumpTestSupport
import Foundation
import Testing

@Suite("Every clip version the service makes carries the sound and the end card's settings")
struct ClipSoundRenderingTests {
    let settings = ClipSettings(width: 160, height: 90, fps: 10, seconds: 2, endCardAddress: "dump.example")

    func render(_ outputs: (URL) -> ClipOutputs, settings: ClipSettings, name: String) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try DustClipRendering(encoderThreads: 1).renderClip(
            text: "소리도 함께", seed: 7, settings: settings, outputs: outputs(url), progress: { _ in })
        return url
    }

    @Test func theMP4TheWebMAndTheStoryHaveSoundAsLongAsTheirPictures() throws {
        let mp4 = try render({ ClipOutputs(mp4: $0) }, settings: settings, name: "clip.mp4")
        let webm = try render({ ClipOutputs(webm: $0) }, settings: settings, name: "clip.webm")
        let story = try render({ ClipOutputs(mp4: $0) }, settings: settings.upright, name: "story.mp4")
        for (url, codec) in [(mp4, "aac"), (webm, "opus"), (story, "aac")] {
            let audio = try #require(try Probe.audio(url.path), "\(url.lastPathComponent) has no sound")
            #expect(audio.codec == codec && audio.sampleRate == 48_000)
            let video = try Probe.decodedDuration(url.path, stream: "v:0")
            #expect(abs(audio.duration - video) <= 0.1 + 1e-6, "\(url.lastPathComponent): \(audio.duration) vs \(video)")
        }
        #expect(try Probe.run(story.path).width == 90)
    }

    @Test func aMutedServiceMakesSilentClips() throws {
        var muted = settings
        muted.sound = false
        let mp4 = try render({ ClipOutputs(mp4: $0) }, settings: muted, name: "clip.mp4")
        #expect(try Probe.audio(mp4.path) == nil)
        #expect(try Probe.run(mp4.path).frameCount == 20)
    }

    @Test func soundAndAddressAreDifferentClips() {
        var muted = settings
        muted.sound = false
        var elsewhere = settings
        elsewhere.endCardAddress = "other.example"
        let variants = Set([settings.variant, muted.variant, elsewhere.variant, ClipSettings().variant])
        #expect(variants.count == 4, "\(variants)")
        #expect(ClipSettings().variant == "dust3 1280x720@30 5.0s")
    }
}
