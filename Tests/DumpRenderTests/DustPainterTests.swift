import DumpEngine
import Foundation
import Testing

@testable import DumpRender

/// Pixels that differ from the empty sky by more than a faint star's worth of light.
private func inkPixels(_ frame: Surface, background: Surface) -> [(x: Int, y: Int)] {
    var result: [(Int, Int)] = []
    frame.withPixels { a in
        background.withPixels { b in
            for y in 0..<frame.height {
                for x in 0..<frame.width {
                    let i = y * frame.bytesPerRow + x * 4
                    let difference =
                        abs(Int(a[i]) - Int(b[i])) + abs(Int(a[i + 1]) - Int(b[i + 1])) + abs(Int(a[i + 2]) - Int(b[i + 2]))
                    if difference > 24 { result.append((x, y)) }
                }
            }
        }
    }
    return result
}

private func frames(_ painter: DustPainter, at indices: Set<Int>) throws -> [Int: Surface] {
    var simulation = painter.makeSimulation()
    var result: [Int: Surface] = [:]
    while let frame = simulation.nextFrameState() {
        guard indices.contains(frame.index) else { continue }
        let surface = try Surface(width: painter.options.width, height: painter.options.height)
        try painter.paint(frame, into: surface)
        result[frame.index] = surface
    }
    return result
}

@Suite("Dust: a worry breaking into glowing dust")
struct DustPainterTests {
    let options = DustOptions(width: 320, height: 180, fps: 30, seconds: 5, seed: 42)

    @Test func theTextFadesInFromTheEmptySkyTheClipEndsWith() throws {
        let painter = try DustPainter(text: "회사 가기 싫어요 😢", options: options)
        let shots = try frames(painter, at: [0, 4, 149])
        let (first, fading, last) = (try #require(shots[0]), try #require(shots[4]), try #require(shots[149]))
        // the loop is seamless: the first frame is the empty sky of the last
        #expect(try first.pngData() == last.pngData())
        #expect(inkPixels(first, background: painter.background).isEmpty)
        #expect(!inkPixels(fading, background: painter.background).isEmpty, "half-way through the fade")
    }

    @Test func theTextShowsInsideItsBoxOnceFadedIn() throws {
        let painter = try DustPainter(text: "회사 가기 싫어요 😢", options: options)
        let first = try #require(try frames(painter, at: [15])[15])
        let ink = inkPixels(first, background: painter.background)
        #expect(ink.count > 400, "the text should be clearly visible")
        // The glow reaches a few pixels beyond the glyphs; everything else is sky.
        let box = painter.textBox.insetBy(-6)
        let inside = ink.filter { box.contains(x: Double($0.x), y: Double($0.y)) }.count
        #expect(Double(inside) / Double(ink.count) > 0.98)
    }

    @Test func byTheMiddleMuchOfTheInkHasBlownOutOfTheBox() throws {
        let painter = try DustPainter(text: "회사 가기 싫어요 😢", options: options)
        let middle = options.frameCount / 2 + 8
        let frame = try #require(try frames(painter, at: [middle])[middle])
        let ink = inkPixels(frame, background: painter.background)
        let box = painter.textBox
        let outside = ink.filter { !box.contains(x: Double($0.x), y: Double($0.y)) }.count
        #expect(ink.count > 100)
        #expect(Double(outside) / Double(ink.count) > 0.4, "outside \(outside) of \(ink.count)")
    }

    @Test func lastFrameIsCalmEmptySky() throws {
        let painter = try DustPainter(text: "I keep worrying that I'm not good enough.", options: options)
        let last = options.frameCount - 1
        let frame = try #require(try frames(painter, at: [last])[last])
        #expect(inkPixels(frame, background: painter.background).isEmpty)
        // And the fades really reach the background: no grey residue anywhere.
        let identical = frame.withPixels { a in painter.background.withPixels { b in a.elementsEqual(b) } }
        #expect(identical)
    }

    @Test func liveParticleCountNeverIncreases() throws {
        let painter = try DustPainter(text: "고민 worry 😢", options: options)
        var simulation = painter.makeSimulation()
        var previous = Int.max
        var sawReleased = false
        while let frame = simulation.nextFrameState() {
            #expect(frame.liveParticles <= previous)
            previous = frame.liveParticles
            if !frame.dots.isEmpty { sawReleased = true }
        }
        #expect(sawReleased)
        #expect(previous == 0)
    }

    @Test func sameInputGivesIdenticalPixels() throws {
        let a = try DustPainter(text: "같은 고민", options: options)
        let b = try DustPainter(text: "같은 고민", options: options)
        let fa = try frames(a, at: [0, 60, 100]), fb = try frames(b, at: [0, 60, 100])
        for index in [0, 60, 100] {
            #expect(try fa[index]!.pngData() == fb[index]!.pngData())
        }
        var other = options
        other.seed = 43
        let c = try DustPainter(text: "같은 고민", options: other)
        #expect(try frames(c, at: [60])[60]!.pngData() != fa[60]!.pngData())
    }

    @Test func shortAndLongWorriesBothLookFull() throws {
        let short = try DustPainter(text: "고민", options: options)
        let long = try DustPainter(text: String(repeating: "걱정이 많아요 ", count: 70), options: options)
        // Particle counts at the real clip size: both are a dense dust, the long one capped.
        let full = DustOptions(seed: 42)
        let shortCount = try DustPainter(text: "고민", options: full).makeSimulation().particleCount
        let longCount = try DustPainter(text: String(repeating: "걱정이 많아요 ", count: 70), options: full)
            .makeSimulation().particleCount
        #expect(shortCount > 3_000)
        #expect(longCount > 3_000 && longCount <= full.particleBudget(characters: 490))
        #expect(long.fontSize < short.fontSize)
        #expect(long.textBox.maxY <= Double(options.height) && long.textBox.y >= 0)
        #expect(long.textBox.maxX <= Double(options.width) && long.textBox.x >= 0)
    }

    @Test func rightToLeftTextSweepsFromTheRight() throws {
        let painter = try DustPainter(text: "שלום עולם", options: options)
        #expect(painter.wave.rightToLeft)
        #expect(
            painter.wave.key(x: painter.textBox.maxX, y: painter.textBox.y)
                < painter.wave.key(x: painter.textBox.x, y: painter.textBox.y))
    }

    @Test func koreanWrapsBetweenWordsNotSyllables() {
        let kept = DustPainter.keepingHangulWords("제대로 읽지")
        #expect(kept == "제\u{2060}대\u{2060}로 읽\u{2060}지")
        #expect(DustPainter.keepingHangulWords("abc 😢") == "abc 😢")
    }
}
