import DumpEngine
import DumpRender
import DumpTestSupport
import DumpVideo
import Foundation
import Testing

@testable import DumpClip

@Suite("Dust clips carry their sound and end on the card")
struct ClipSoundAndEndCardTests {
    let options = DustOptions(width: 320, height: 180, fps: 30, seconds: 5, seed: 21)
    let text = "내일이 걱정돼요"

    func render(
        _ format: ClipFormat, card: EndCard? = EndCard(address: "dump.example"), sound: Bool = true,
        options: DustOptions? = nil
    ) throws -> URL {
        let url = try temporaryDirectory().appendingPathComponent("clip.\(format.rawValue)")
        try DustClip(options: options ?? self.options, endCard: card, sound: sound).render(text: text, to: url, format: format)
        return url
    }

    @Test(arguments: [(ClipFormat.webm, "opus"), (.mp4, "aac")])
    func theSoundIsThereAsLongAsTheClipGentleAndUnclipped(_ format: ClipFormat, _ codec: String) throws {
        let url = try render(format)
        let audio = try #require(try Probe.audio(url.path))
        #expect(audio.codec == codec && audio.sampleRate == 48_000 && audio.channels == 2)
        let video = try Probe.decodedDuration(url.path, stream: "v:0")
        #expect(abs(video - 5) < 0.01, "video \(video) s")
        #expect(abs(audio.duration - video) <= 1.0 / 30 + 1e-6, "audio \(audio.duration) s, video \(video) s")
        let loudness = try Probe.loudness(url.path)
        #expect(abs(loudness.integrated - DustSound.targetLoudness) <= 1.5, "integrated \(loudness.integrated) LUFS")
        #expect(loudness.truePeak < -0.5, "true peak \(loudness.truePeak) dBTP")
        // a gentle sound: no long quiet stretch against a loud burst
        #expect(loudness.range < 8, "loudness range \(loudness.range) LU")
        let samples = try Probe.audioSamples(url.path)
        #expect(samples.map { abs($0) }.max()! < 1, "no clipping")
    }

    @Test(arguments: [ClipFormat.webm, .mp4])
    func theClipStartsSilentAndFadesOut(_ format: ClipFormat) throws {
        let samples = try Probe.audioSamples(try render(format).path)
        // the first frame's 33 ms: nothing but the codec's own faint noise
        let start = samples.prefix(48 * 20 * 2).map { abs($0) }.max()!
        #expect(start < 0.003, "peak in the first 20 ms: \(start)")
        let middle = samples[(48_000 * 2)..<(48_000 * 2 + 9_600)].map { abs($0) }.max()!
        #expect(middle > 0.02, "the wind blows in the middle: \(middle)")
        let end = samples.suffix(48 * 10 * 2).map { abs($0) }.max()!
        #expect(end < 0.003, "peak in the last 10 ms: \(end)")
    }

    @Test(arguments: [ClipFormat.webm, .mp4])
    func theSameSeedGivesTheSameClipByteForByte(_ format: ClipFormat) throws {
        let first = try Data(contentsOf: try render(format))
        let second = try Data(contentsOf: try render(format))
        #expect(first == second)
        var other = options
        other.seed = 22
        let third = try Probe.audioSamples(try render(format, options: other).path)
        #expect(try Probe.audioSamples(try render(format).path) != third, "another seed, another sound")
    }

    @Test func aMutedClipHasNoSoundStream() throws {
        #expect(try Probe.audio(try render(.mp4, sound: false).path) == nil)
        #expect(try Probe.audio(try render(.webm, sound: false).path) == nil)
    }

    /// The address sits under the middle of the frame; the wordmark in the middle.
    @Test func theEndCardShowsOnTheLastFramesOnlyAndTheAddressOnlyWhenGiven() throws {
        let withAddress = try render(.mp4).path
        let withoutAddress = try render(.mp4, card: EndCard(address: nil)).path
        let noCard = try render(.mp4, card: nil).path
        let last = options.frameCount - 1
        let mark = "50:12:135:76", address = "70:9:125:94"
        let markOn = try Probe.meanLuma(withAddress, frame: last, crop: mark)
        let markOff = try Probe.meanLuma(noCard, frame: last, crop: mark)
        #expect(markOn > markOff + 12, "wordmark: \(markOn) with the card, \(markOff) without")
        let addressOn = try Probe.meanLuma(withAddress, frame: last, crop: address)
        let addressOff = try Probe.meanLuma(withoutAddress, frame: last, crop: address)
        #expect(addressOn > addressOff + 6, "address: \(addressOn) with --public-url, \(addressOff) without")
        // a second before the end the card has not begun
        let before = options.frameCount - 32
        let early = try Probe.meanLuma(withAddress, frame: before, crop: address)
        let earlyNoCard = try Probe.meanLuma(noCard, frame: before, crop: address)
        #expect(abs(early - earlyNoCard) < 2, "no card before the last second: \(early) vs \(earlyNoCard)")
    }

    @Test func theAddressIsWhatAVisitorWouldType() {
        #expect(EndCard.address(fromPublicURL: "https://dump.example/") == "dump.example")
        #expect(EndCard.address(fromPublicURL: "https://www.Dump.example") == "dump.example")
        #expect(EndCard.address(fromPublicURL: "http://127.0.0.1:8080") == "127.0.0.1:8080")
        #expect(EndCard.address(fromPublicURL: "https://example.org/dump/") == "example.org/dump")
        #expect(EndCard.address(fromPublicURL: nil) == nil)
        #expect(EndCard.address(fromPublicURL: "not a url") == nil)
    }
}

@Suite("The painter's changed regions")
struct ChangedRegionTests {
    /// The colour conversion trusts the painter's changed region and skips the rest uncompared;
    /// the same frames without it (compared tile by tile) must give the very same file.
    @Test func skippingWhatThePainterLeftAloneChangesNoByteOfTheClip() throws {
        let options = DustOptions(width: 320, height: 180, fps: 30, seconds: 5, seed: 13)
        let video = VideoOptions(width: 320, height: 180, fps: 30, threads: 1)
        let directory = try temporaryDirectory()
        let hinted = try makeFrameSink(format: .mp4, url: directory.appendingPathComponent("hinted.mp4"), options: video)
        let compared = try makeFrameSink(format: .mp4, url: directory.appendingPathComponent("compared.mp4"), options: video)
        let painter = try DumpRender.DustPainter(text: "바람에 날려 보내요", options: options, endCard: EndCard(address: "dump.example"))
        var simulation = painter.makeSimulation()
        let surface = try Surface(width: 320, height: 180)
        var hints = 0
        while let frame = simulation.nextFrameState() {
            try painter.paint(frame, into: surface)
            if let region = surface.changedRegion, region.width * region.height < 320 * 180 { hints += 1 }
            try hinted.append(surface)
            var copy = BGRABuffer(width: 320, height: 180)
            surface.withPixels { copy.bytes = Array($0) }
            try compared.append(copy)
        }
        try hinted.finish()
        try compared.finish()
        #expect(hints > 50, "most frames change only in part: \(hints) of 150")
        let a = try Data(contentsOf: directory.appendingPathComponent("hinted.mp4"))
        let b = try Data(contentsOf: directory.appendingPathComponent("compared.mp4"))
        #expect(a == b)
    }

    /// A surface painted again restores only what the painter left on it the time before
    /// (`HeldPicture`): frames painted into three surfaces in turn, as the pipeline does, are
    /// the very frames painted each into a fresh surface, through the end card's fade; a
    /// surface another painter left is painted whole.
    @Test func aSurfacePaintedAgainIsTheSameAsAFreshOne() throws {
        let options = DustOptions(width: 320, height: 180, fps: 30, seconds: 5, seed: 17)
        let card = EndCard(address: "dump.example")
        let painter = try DumpRender.DustPainter(text: "바람에 날려 보내요", options: options, endCard: card)
        let fresh = try DumpRender.DustPainter(text: "바람에 날려 보내요", options: options, endCard: card)
        var turns = painter.makeSimulation(), once = fresh.makeSimulation()
        let pool = try (0..<3).map { _ in try Surface(width: 320, height: 180) }
        var index = 0, differing: [Int] = []
        while let frame = turns.nextFrameState(), let same = once.nextFrameState() {
            let reused = pool[index % 3]
            try painter.paint(frame, into: reused)
            let new = try Surface(width: 320, height: 180)
            try fresh.paint(same, into: new)
            if reused.withPixels({ Array($0) }) != new.withPixels({ Array($0) }) { differing.append(index) }
            index += 1
        }
        #expect(index == options.frameCount)
        #expect(differing.isEmpty, "frames differing from a fresh paint: \(differing)")
        // another painter's surface: nothing of the first painter's frame may stay on it
        let other = try DumpRender.DustPainter(text: "다른 고민", options: options, endCard: nil)
        var otherFrames = other.makeSimulation()
        let next = otherFrames.nextFrameState()
        let first = try #require(next)
        try other.paint(first, into: pool[0])
        let clean = try Surface(width: 320, height: 180)
        try DumpRender.DustPainter(text: "다른 고민", options: options, endCard: nil).paint(first, into: clean)
        #expect(pool[0].withPixels { Array($0) } == clean.withPixels { Array($0) })
    }
}
