import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky links")
struct SkyLinkTests {
    private let now = skyTestEpoch

    /// The reference: every pair checked, each star's k nearest kept, linked when mutual.
    private func allPairsLinks(_ points: [(x: Double, y: Double)], cutoff: Double, k: Int) -> [SkyLink] {
        let xs = points.map { $0.x * SkyLayout.aspectRatio }, ys = points.map { $0.y }
        let near = points.indices.map { i -> [(distance2: Double, index: Int)] in
            var best = NearestList(capacity: k)
            for j in points.indices where j != i {
                let d2 = (xs[j] - xs[i]) * (xs[j] - xs[i]) + (ys[j] - ys[i]) * (ys[j] - ys[i])
                if d2 <= cutoff * cutoff { best.offer(distance2: d2, index: j, rank: j) }
            }
            return best.entries.map { ($0.distance2, $0.index) }
        }
        return SkyLinker.mutualLinks(near, cutoff: cutoff)
    }

    @Test(arguments: [(300, 3), (2_000, 3), (2_000, 1), (500, 5)])
    func noStarHasMoreLinksThanAllowedAndNoLinkIsLongerThanTheCutoff(count: Int, maxLinks: Int) {
        let engine = SkyEngine(seed: 21, maxLinksPerNode: maxLinks)
        let sky = engine.layout(skyWorries(count: count), now: now)
        var degree = [Int](repeating: 0, count: sky.nodes.count)
        for link in sky.links {
            #expect(link.a < link.b && link.b < sky.nodes.count)
            degree[link.a] += 1
            degree[link.b] += 1
            let distance = skyDistance(sky.nodes[link.a], sky.nodes[link.b])
            #expect(distance <= engine.options.linkCutoff + 1e-12)
            #expect(abs(link.strength - (1 - distance / engine.options.linkCutoff)) < 1e-9)
            #expect((0...1).contains(link.strength))
        }
        #expect(degree.allSatisfy { $0 <= maxLinks })
        #expect(degree.contains(maxLinks))
    }

    @Test func linksAreOrderedAndUnique() {
        let sky = SkyEngine(seed: 22).layout(skyWorries(count: 1_000), now: now)
        let pairs = sky.links.map { [$0.a, $0.b] }
        #expect(pairs == pairs.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(Set(pairs).count == pairs.count)
    }

    @Test(arguments: [1, 2, 3, 6, 8])
    func theGridFindsExactlyTheLinksOfAnAllPairsSearch(cellsPerCutoff: Int) {
        for (count, seed) in [(40, UInt64(1)), (700, 2), (3_000, 3)] {
            let sky = SkyEngine(seed: seed, maxLinksPerNode: 0).layout(skyWorries(count: count, seed: seed), now: now)
            let points = sky.nodes.map { (x: $0.x, y: $0.y) }
            var linker = SkyLinker(cutoff: 0.12, maxLinksPerNode: 3)
            linker.cellsPerCutoff = cellsPerCutoff
            #expect(linker.links(for: points) == allPairsLinks(points, cutoff: 0.12, k: 3))
        }
    }

    @Test func farApartStarsAreNotLinked() {
        let points = [(x: 0.1, y: 0.1), (x: 0.9, y: 0.9), (x: 0.1, y: 0.9)]
        #expect(SkyLinker(cutoff: 0.12, maxLinksPerNode: 3).links(for: points).isEmpty)
    }

    @Test func theNearerNeighbourIsLinkedFirst() {
        // b is nearer to a than c; with one link each, a–b wins and c stays alone.
        let points = [(x: 0.5, y: 0.5), (x: 0.5, y: 0.53), (x: 0.5, y: 0.45)]
        let links = SkyLinker(cutoff: 0.12, maxLinksPerNode: 1).links(for: points)
        #expect(links.map { [$0.a, $0.b] } == [[0, 1]])
        #expect(abs(links[0].strength - (1 - 0.03 / 0.12)) < 1e-9)
    }
}
