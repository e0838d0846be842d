import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

/// An archived night must not let anyone recompute a star's place from a guessed worry.
@Suite("Archived sky privacy")
struct SkyArchivePrivacyTests {
    /// Distance from the centre on the 16:9 canvas, in units of the sky's height.
    private func reach(_ x: Double, _ y: Double) -> Double {
        let dx = (x - 0.5) * SkyLayout.aspectRatio, dy = y - 0.5
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Seeded archives (the same draws as the system generator's, made repeatable), so the
    /// share of stars that moved far is a fact of these seeds and not a matter of luck: with
    /// the system generator one run in a few hundred fell just under the bar.
    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 34] as [UInt64])
    func archivedStarsDoNotSitWhereTheLiveSkyPutThem(seed: UInt64) {
        let sky = SkyEngine(seed: 61).layout(skyWorries(count: 300), now: skyTestEpoch)
        var random = SplitMix64(seed: seed)
        let archive = ArchivedSky(layout: sky, using: &random)
        #expect(archive.nodes.count == sky.nodes.count)
        func displacement(_ live: SkyNode, _ archived: ArchivedSky.Node) -> Double {
            let dx = (live.x - archived.x) * SkyLayout.aspectRatio, dy = live.y - archived.y
            return (dx * dx + dy * dy).squareRoot()
        }
        let moves = zip(sky.nodes, archive.nodes).map(displacement).sorted()
        // The jitter alone moves a star by 0.015 on average; a random turn moves most far more.
        // (A star can land near its old place by chance, so this is a share, not "every".)
        let far = moves.filter { $0 > 0.005 }.count
        #expect(Double(far) >= 0.9 * Double(moves.count))
        #expect(moves[moves.count / 2] > 0.01)
        // A guessed text's live position predicts no archived position exactly.
        for node in sky.nodes.prefix(20) {
            #expect(!archive.nodes.contains { $0.x == node.x && $0.y == node.y })
        }
    }

    @Test func aSeededArchiveMovesEveryStarOfThisSky() {
        let sky = SkyEngine(seed: 61).layout(skyWorries(count: 300), now: skyTestEpoch)
        var random = SplitMix64(seed: 2)
        let archive = ArchivedSky(layout: sky, using: &random)
        for (live, archived) in zip(sky.nodes, archive.nodes) {
            let dx = (live.x - archived.x) * SkyLayout.aspectRatio, dy = live.y - archived.y
            #expect((dx * dx + dy * dy).squareRoot() > 0.001)
        }
    }

    @Test func twoArchivesOfOneSkyDiffer() {
        let sky = SkyEngine(seed: 62).layout(skyWorries(count: 50), now: skyTestEpoch)
        #expect(ArchivedSky(layout: sky).nodes != ArchivedSky(layout: sky).nodes)
    }

    @Test func aSeededArchiveIsReproducibleAndKeepsTheClusterShape() {
        let sky = SkyEngine(seed: 63).layout(skyWorries(count: 500), now: skyTestEpoch)
        var first = SplitMix64(seed: 9), second = SplitMix64(seed: 9)
        let a = ArchivedSky(layout: sky, using: &first)
        let b = ArchivedSky(layout: sky, using: &second)
        #expect(a == b)
        #expect(a.links == sky.links && a.worryCount == sky.nodes.reduce(0) { $0 + $1.count })
        for (live, archived) in zip(sky.nodes, a.nodes) {
            // A rotation keeps the distance from the centre; only the small jitter changes it.
            #expect(abs(reach(live.x, live.y) - reach(archived.x, archived.y)) < 8 * ArchivedSky.jitter)
            #expect((0...1).contains(archived.x) && (0...1).contains(archived.y))
            #expect(SkyPalette.colors.contains(archived.color))
        }
    }
}
