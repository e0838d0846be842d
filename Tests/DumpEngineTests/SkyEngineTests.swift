import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky layout")
struct SkyEngineTests {
    private let now = skyTestEpoch

    @Test func sameWorriesAndSeedGiveAnEqualLayoutAndIdenticalJSON() throws {
        let worries = skyWorries(count: 500)
        let engine = SkyEngine(seed: 12345)
        let first = engine.layout(worries, now: now)
        let second = engine.layout(worries, now: now)
        #expect(first == second)
        let encoder = SkyLayout.jsonEncoder()
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test func inputOrderDoesNotChangeTheLayout() {
        let worries = skyWorries(count: 400)
        var shuffler = SplitMix64(seed: 3)
        let shuffled = worries.shuffled(using: &shuffler)
        let engine = SkyEngine(seed: 77)
        #expect(engine.layout(worries, now: now) == engine.layout(shuffled, now: now))
    }

    @Test func nodeIDNamesTheStarThatShowsTheWords() throws {
        let engine = SkyEngine(seed: 4242)
        let worries = [
            SkyWorry(id: "a", text: "회사 가기 싫어요", createdAt: now),
            SkyWorry(id: "b", text: "  회사   가기 싫어요!  ", createdAt: now.addingTimeInterval(1)),
            SkyWorry(id: "c", text: "Exams scare me", createdAt: now.addingTimeInterval(2)),
        ]
        let layout = engine.layout(worries, now: now)
        #expect(layout.nodes.count == 2)
        for worry in worries {
            let star = try #require(layout.nodes.first { $0.id == engine.nodeID(text: worry.text) }, "\(worry.text)")
            #expect(SkyText.normalised(star.text) == SkyText.normalised(worry.text))
        }
        #expect(engine.nodeID(text: "exams scare me") == engine.nodeID(text: "Exams scare me"))
        #expect(SkyEngine(seed: 1).nodeID(text: "Exams scare me") != engine.nodeID(text: "Exams scare me"))
    }

    @Test func anotherSeedGivesAnotherSky() {
        let worries = skyWorries(count: 50)
        let a = SkyEngine(seed: 1).layout(worries, now: now)
        let b = SkyEngine(seed: 2).layout(worries, now: now)
        #expect(a.nodes.map(\.id) != b.nodes.map(\.id))
        #expect(a.nodes.map(\.x) != b.nodes.map(\.x))
    }

    @Test func addingAWorryMovesNoExistingStar() throws {
        let worries = skyWorries(count: 300)
        let engine = SkyEngine(seed: 2026)
        let before = engine.layout(worries, now: now)
        let newcomer = SkyWorry(id: "new", text: "a brand new worry", createdAt: now.addingTimeInterval(1_000))
        let after = engine.layout(worries + [newcomer], now: now)
        #expect(after.nodes.count == before.nodes.count + 1)
        let afterByID = Dictionary(uniqueKeysWithValues: after.nodes.map { ($0.id, $0) })
        for node in before.nodes {
            let moved = try #require(afterByID[node.id])
            #expect(abs(moved.x - node.x) <= 0.01 && abs(moved.y - node.y) <= 0.01)
        }
    }

    @Test func aRepeatedWorryBrightensItsStarWithoutMovingAnyStar() {
        let worries = skyWorries(count: 300)
        let engine = SkyEngine(seed: 5)
        let before = engine.layout(worries, now: now)
        let echo = SkyWorry(id: "echo", text: worries[0].text + "!!", createdAt: now.addingTimeInterval(1_000))
        let after = engine.layout(worries + [echo], now: now)
        #expect(after.nodes.count == before.nodes.count)
        let position = Dictionary(uniqueKeysWithValues: after.nodes.map { ($0.id, ($0.x, $0.y)) })
        #expect(before.nodes.allSatisfy { position[$0.id]! == ($0.x, $0.y) })
        #expect(after.nodes.reduce(0) { $0 + $1.count } == before.nodes.reduce(0) { $0 + $1.count } + 1)
    }

    @Test func theClusterIsDenserAtTheCentre() {
        let sky = SkyEngine(seed: 11).layout(skyWorries(count: 2_000), now: now)
        let centre = SkyNode(
            id: "", text: "", count: 1, x: 0.5, y: 0.5, radius: 0, color: "", label: false,
            drift: SkyDrift(ax: 0, ay: 0, fx: 1, fy: 1, px: 0, py: 0))
        let distances = sky.nodes.map { skyDistance($0, centre) }
        let inner = distances.filter { $0 <= 0.15 }.count
        // A ring further out with the same area as the inner disc: π(r2² - r1²) = π·0.15².
        let r1 = 0.25, r2 = (r1 * r1 + 0.15 * 0.15).squareRoot()
        let ring = distances.filter { $0 > r1 && $0 <= r2 }.count
        #expect(inner > 2 * ring)
    }

    @Test func starsStayInsideTheMarginsAndLookRoundOnSixteenByNine() {
        let sky = SkyEngine(seed: 8).layout(skyWorries(count: 3_000), now: now)
        for node in sky.nodes {
            #expect((0.06...0.94).contains(node.x))
            #expect((0.08...0.92).contains(node.y))
        }
        // Round on the canvas: the spread across equals the spread down, in pixels.
        let xs = sky.nodes.map { ($0.x - 0.5) * SkyLayout.aspectRatio }, ys = sky.nodes.map { $0.y - 0.5 }
        let spreadX = (xs.map { $0 * $0 }.reduce(0, +) / Double(xs.count)).squareRoot()
        let spreadY = (ys.map { $0 * $0 }.reduce(0, +) / Double(ys.count)).squareRoot()
        #expect(abs(spreadX / spreadY - 1) < 0.1)
    }

    @Test func starsAreOrderedByCountThenAgeThenID() {
        let worries = skyWorries(count: 700)
        let sky = SkyEngine(seed: 4).layout(worries, now: now)
        let firstSeen = Dictionary(grouping: worries, by: { SkyText.normalised($0.text) })
            .mapValues { $0.map(\.createdAt).min()! }
        for (a, b) in zip(sky.nodes, sky.nodes.dropFirst()) {
            let sinceA = firstSeen[SkyText.normalised(a.text)]!, sinceB = firstSeen[SkyText.normalised(b.text)]!
            #expect(a.count > b.count || (a.count == b.count && (sinceA, a.id) < (sinceB, b.id)))
        }
        #expect(sky.nodes.reduce(0) { $0 + $1.count } == worries.count)
    }

    @Test func radiusGrowsWithCountAndColoursComeFromThePalette() {
        let sky = SkyEngine(seed: 6).layout(skyWorries(count: 700), now: now)
        for node in sky.nodes {
            #expect(node.radius == SkyPlacement.radius(count: node.count))
            #expect(SkyPalette.colors.contains(node.color))
        }
        #expect(sky.nodes[0].radius > sky.nodes[sky.nodes.count - 1].radius)
    }

    @Test func starsKeepGrowingPastSixtyShares() {
        #expect(SkyPlacement.radius(count: 1) == 0.004)
        #expect(abs(SkyPlacement.radius(count: 29) - (0.004 + 0.003 * Double(28).squareRoot())) < 1e-12)
        let sizes = [20, 29, 30, 60, 64, 96, 200, 1_000].map(SkyPlacement.radius(count:))
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 < $1 }, "\(sizes)")
        #expect(SkyPlacement.radius(count: 96) - SkyPlacement.radius(count: 60) > 0.003)
        #expect(SkyPlacement.radius(count: 100_000) == 0.045)
        // No jump where √ growth hands over to log growth.
        #expect(abs(SkyPlacement.radius(count: 30) - SkyPlacement.radius(count: 29)) < 0.0005)
    }

    @Test func theSkyPaletteIsTheContractsFourColours() {
        #expect(SkyPalette.colors == ["#64ffda", "#4ecca3", "#80deea", "#ffffff"])
    }

    @Test func coloursFollowThePaletteShares() {
        let sky = SkyEngine(seed: 10).layout(skyWorries(count: 8_000), now: now)
        let n = Double(sky.nodes.count)
        let shares = SkyPalette.colors.map { color in Double(sky.nodes.filter { $0.color == color }.count) / n }
        for (share, expected) in zip(shares, [0.40, 0.25, 0.20, 0.15]) {
            #expect(abs(share - expected) < 0.03)
        }
    }

    @Test func seedsAboveTwoToTheFiftyThreeAreCutToFitJavaScript() {
        let sky = SkyEngine(seed: .max).layout(skyWorries(count: 5), now: now)
        #expect(sky.seed == SkyLayout.maxSeed)
    }

    @Test func tenThousandWorriesLayOutWithoutTrouble() {
        let worries = skyWorries(count: 10_000)
        let sky = SkyEngine(seed: 99).layout(worries, now: now)
        #expect(sky.nodes.reduce(0) { $0 + $1.count } == 10_000)
        #expect(sky.nodes.filter(\.label).count <= 24)
        #expect(!sky.links.isEmpty)
    }

    @Test func noWorriesGiveAnEmptySky() {
        let sky = SkyEngine(seed: 1).layout([], now: now)
        #expect(sky.nodes.isEmpty && sky.links.isEmpty)
        #expect(sky.driftPeriod == 10)
    }
}
