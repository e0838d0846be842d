import DumpEngine
import DumpDoor
import Foundation
import Testing

@testable import DumpRender

/// Hostile worries, made from a seeded generator so a failure can be reproduced.
enum HostileText {
    static func make(_ count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[random.index(below: items.count)] }
        func scalars(_ range: ClosedRange<UInt32>, _ n: Int) -> String {
            String(
                String.UnicodeScalarView(
                    (0..<n).compactMap { _ in
                        Unicode.Scalar(
                            range.lowerBound + UInt32(random.index(below: Int(range.upperBound - range.lowerBound + 1))))
                    }))
        }
        let makers: [() -> String] = [
            { "👩‍👩‍👧‍👦🏳️‍🌈👍🏽🇰🇷" + String(repeating: "🧑‍🚀", count: random.index(below: 40)) },
            { "e" + String(repeating: "\u{301}", count: 1 + random.index(below: 60)) },
            { "Z" + scalars(0x300...0x36F, 200) + "algo" },
            { "مرحبا بالعالم " + "שלום" + " abc " + scalars(0x0600...0x06FF, 20) },
            { "a\u{0}b\u{7}c\u{1B}[31m" },
            { "\u{202E}gnp.exe\u{202D} \u{200B}\u{FEFF}" },
            { scalars(0x0378...0x0379, 5) + scalars(0x50000...0x50010, 5) + "\u{E0001}" },
            { String(repeating: "가", count: 500) },
            { String(repeating: "😢", count: 500) },
            { String(repeating: "x", count: 501) },
            { "   \n\t  " },
            { "" },
            { "\u{200D}\u{200D}" },
            { scalars(0x20...0x7E, 80) },
            { scalars(0xAC00...0xD7A3, 120) },
            { "<script>alert(1)</script>" + scalars(0x1F300...0x1F6FF, 30) },
            { scalars(0xD800 - 0x800...0xD7FF, 10) + scalars(0xE000...0xE0FF, 10) },
            { String(repeating: "\u{FDFD}", count: 50) },
        ]
        return (0..<count).map { _ in pick(makers)() }
    }
}

@Suite("Hostile worries never crash the dust renderer")
struct HostileTextTests {
    @Test func twoHundredHostileStringsRenderOrGetTheDocumentedError() throws {
        let options = DustOptions(width: 96, height: 54, fps: 10, seconds: 1, seed: 3)
        var rendered = 0, refused = 0
        for text in HostileText.make(200, seed: 2026) {
            let worry: String
            do {
                worry = try Door.admit(text).text
            } catch {
                // Only the documented refusals are allowed.
                #expect([DoorRefusal.Code.emptyText, .controlCharacters, .textTooLong, .notAllowed].contains(error.code))
                refused += 1
                continue
            }
            let painter = try DustPainter(text: worry, options: options)
            var simulation = painter.makeSimulation()
            let surface = try Surface(width: options.width, height: options.height)
            while let frame = simulation.nextFrameState() { try painter.paint(frame, into: surface) }
            rendered += 1
        }
        #expect(rendered > 100)
        #expect(refused > 10)
    }
}
