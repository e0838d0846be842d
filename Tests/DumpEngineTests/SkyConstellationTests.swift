import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky constellations")
struct SkyConstellationTests {
    private let now = skyTestEpoch

    private func worries(_ texts: [String], from start: Int = 0) -> [SkyWorry] {
        texts.enumerated().map {
            SkyWorry(id: "c\(start + $0.offset)", text: $0.element, createdAt: now.addingTimeInterval(Double(start + $0.offset)))
        }
    }

    /// The evening the tests reuse: the labelled development worries, then `skyWorries`.
    private func evening(_ extra: Int = 600) throws -> [SkyWorry] {
        let labelled = try LabelledWorry.fixture("worries-dev.tsv").map(\.text)
        return worries(labelled) + skyWorries(count: extra, seed: 3, start: now.addingTimeInterval(10_000))
    }

    @Test func theIssuesFourWorkWorriesGatherUnderTheWordTheyShareMost() throws {
        let sky = SkyEngine(seed: 7).layout(
            worries(["회사 가기 싫어요", "회사 가기 너무 싫다", "출근하기 싫어", "팀장님 때문에 힘들어요", "잠이 안 와요", "시험 망했다"]),
            now: now)
        try #require(sky.constellations.count == 1)
        let constellation = sky.constellations[0]
        #expect(constellation.name == "회사")
        #expect(constellation.stars == 4 && constellation.size == 4)
        let members = sky.nodes.filter { $0.constellation == 0 }.map(\.text)
        #expect(Set(members) == ["회사 가기 싫어요", "회사 가기 너무 싫다", "출근하기 싫어", "팀장님 때문에 힘들어요"])
        // Gathered: every member within reach of the others.
        let placed = sky.nodes.filter { $0.constellation == 0 }
        for a in placed {
            for b in placed { #expect(skyDistance(a, b) <= 2 * SkyPlacement.themeReach) }
        }
    }

    @Test func constellationsAreNamedByTheirMostSharedWord() {
        let texts = ["잠이 안 와요", "요즘 잠을 못 자요", "불면증", "잠이 안와", "시험 망했다", "내일 시험", "기말고사 걱정", "시험 공부 하기 싫다"]
        let sky = SkyEngine(seed: 3).layout(worries(texts), now: now)
        #expect(Set(sky.constellations.map(\.name)) == ["잠", "시험"])
        for constellation in sky.constellations { #expect(constellation.size == 4) }
    }

    @Test func anyTwoMembersAreAtLeastThresholdSquaredAlike() throws {
        let sky = SkyEngine(seed: 5).layout(try evening(0), now: now)
        #expect(sky.constellations.count >= 8)
        let threshold = ConstellationRule.defaultThreshold
        for index in sky.constellations.indices {
            let members = sky.nodes.filter { $0.constellation == index }.map { WorryFeatures(text: SkyText.normalised($0.text)) }
            #expect(members.count == sky.constellations[index].stars && members.count >= 2)
            for a in members {
                for b in members { #expect(WorrySimilarity.similarity(a, b) >= threshold * threshold - 1e-12) }
            }
        }
    }

    @Test func sizesCountWorriesAndTheListIsLargestFirst() throws {
        let sky = SkyEngine(seed: 8).layout(try evening(), now: now)
        for (index, constellation) in sky.constellations.enumerated() {
            let members = sky.nodes.filter { $0.constellation == index }
            #expect(constellation.size == members.reduce(0) { $0 + $1.count })
            #expect(constellation.stars == members.count)
            #expect(constellation.id.count == 17 && constellation.id.hasPrefix("c"))
        }
        for (a, b) in zip(sky.constellations, sky.constellations.dropFirst()) {
            #expect(a.size > b.size || (a.size == b.size && (a.stars > b.stars || (a.stars == b.stars && a.id < b.id))))
        }
        #expect(Set(sky.constellations.map(\.id)).count == sky.constellations.count)
    }

    @Test func figuresAreTreesOverEachConstellationsOwnStars() throws {
        let engine = SkyEngine(seed: 9)
        let sky = engine.layout(try evening(), now: now)
        var drawn = 0
        for (index, constellation) in sky.constellations.enumerated() {
            let lines = constellation.lines
            #expect(lines.count <= engine.options.figureStars - 1)
            #expect(lines == lines.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
            var stars = Set<Int>()
            for line in lines {
                #expect(line.a < line.b)
                #expect(sky.nodes[line.a].constellation == index && sky.nodes[line.b].constellation == index)
                stars.insert(line.a)
                stars.insert(line.b)
            }
            // A tree: one line fewer than its stars, and connected.
            if !lines.isEmpty {
                drawn += 1
                #expect(lines.count == stars.count - 1)
                var reached: Set<Int> = [lines[0].a]
                var grew = true
                while grew {
                    grew = false
                    for line in lines where reached.contains(line.a) != reached.contains(line.b) {
                        reached.formUnion([line.a, line.b])
                        grew = true
                    }
                }
                #expect(reached == stars)
            }
        }
        #expect(drawn >= 8)
    }

    @Test func namesStayInsideTheSkyAndClearOfLabelsAndOfEachOther() throws {
        for seed in [UInt64(1), 2, 3, 4] {
            let sky = SkyEngine(seed: seed).layout(try evening(1_500), now: now)
            let names = sky.constellations.filter(\.label).map { SkyConstellationLabel.box(for: $0.name, x: $0.x, y: $0.y) }
            #expect(names.count >= 4, "seed \(seed)")
            #expect(names.count <= SkyEngine.Options(seed: seed).constellationNameBudget)
            let labels = sky.nodes.filter(\.label).map { SkyLabel.box(for: $0).expanded(dx: $0.drift.ax, dy: $0.drift.ay) }
            for (i, name) in names.enumerated() {
                #expect(name.isInsideSky)
                #expect(!labels.contains { $0.intersects(name) })
                for other in names[(i + 1)...] { #expect(!other.intersects(name)) }
            }
        }
    }

    @Test func addingOneOrAHundredWorriesMovesNoStarAndReshufflesNoConstellation() throws {
        let engine = SkyEngine(seed: 2026)
        let base = try evening()
        let before = engine.layout(base, now: now)
        // Newcomers arrive later; most are about the same topics, so they join constellations.
        let topical = ["회사 가기 싫다", "시험이 무서워", "잠이 안 와", "돈 걱정", "엄마가 보고 싶어", "친구가 미워", "외로워", "취업 준비"]
        var random = SplitMix64(seed: 99)
        let hundred = (0..<100).map { index in
            SkyWorry(
                id: "new\(index)", text: topical[random.index(below: topical.count)] + " \(random.index(below: 1_000))",
                createdAt: now.addingTimeInterval(100_000 + Double(index)))
        }
        for added in [Array(hundred.prefix(1)), hundred] {
            let after = engine.layout(base + added, now: now)
            let byID = Dictionary(uniqueKeysWithValues: after.nodes.map { ($0.id, $0) })
            var largest = 0.0
            for node in before.nodes {
                let moved = try #require(byID[node.id])
                largest = max(largest, skyDistance(node, moved))
            }
            // The bound is a hundredth of the sky's height; the placement promises zero.
            #expect(largest <= 0.01, "\(added.count) added: a star moved \(largest)")
            // Every constellation keeps its id, name and members (it may gain some).
            let afterByID = Dictionary(uniqueKeysWithValues: after.constellations.enumerated().map { ($0.element.id, $0.offset) })
            for (index, constellation) in before.constellations.enumerated() {
                let newIndex = try #require(afterByID[constellation.id])
                let was = Set(before.nodes.filter { $0.constellation == index }.map(\.id))
                let now = Set(after.nodes.filter { $0.constellation == newIndex }.map(\.id))
                #expect(was.isSubset(of: now))
                #expect(after.constellations[newIndex].size >= constellation.size)
            }
        }
    }

    @Test func theLayoutIsAPureFunctionOfItsInput() throws {
        let worries = try evening()
        let a = SkyEngine(seed: 31).layout(worries, now: now)
        let b = SkyEngine(seed: 31).layout(worries.reversed(), now: now)
        #expect(a == b)
        #expect(a.jsonBytes() == b.jsonBytes())
        let other = SkyEngine(seed: 32).layout(worries, now: now)
        #expect(Set(other.constellations.map(\.name)) == Set(a.constellations.map(\.name)))
        #expect(Set(other.constellations.map(\.id)).isDisjoint(with: a.constellations.map(\.id)))
    }

    @Test func starsWithoutAThemeRestWhereTheyAlwaysDid() {
        // A worry with no theme keeps the hash placement of the sky before constellations.
        let sky = SkyEngine(seed: 12).layout(worries(["너무 진짜 그냥", "ㅠㅠ"]), now: now)
        for node in sky.nodes {
            let place = SkyPlacement(nodeID: node.id, seed: 12)
            #expect(node.x == place.x && node.y == place.y && node.constellation == nil)
        }
        #expect(sky.constellations.isEmpty)
    }

    @Test func hostileTextsLayOutAndNameNothingButWords() throws {
        let hostile = [
            "<script>alert(1)</script>", "<script>alert(1)</script> 회사", "회사 <img src=x onerror=alert(1)>",
            "\"회사\" & '회사'", "회사\u{202E}싫어", "회사 \u{0}\u{1}", String(repeating: "회사 ", count: 100),
            "👩‍👩‍👧 회사", "회사\n\n\n싫어", "<b>잠</b>", "<b>잠</b> 안 와",
        ]
        let sky = SkyEngine(seed: 4).layout(worries(hostile), now: now)
        #expect(!sky.constellations.isEmpty)
        for constellation in sky.constellations {
            #expect(!constellation.name.isEmpty)
            #expect(constellation.name.allSatisfy { $0.isLetter || $0.isNumber }, "\(constellation.name)")
        }
        let decoded = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: Data(sky.jsonBytes()))
        #expect(decoded == sky)
    }
}

@Suite("Sky theme memo")
struct SkyThemeMemoTests {
    @Test func aRememberingEngineLaysOutExactlyWhatAFreshOneDoes() throws {
        let worries = skyWorries(count: 800)
        let keys = worries.map { SkyText.normalised($0.text) }
        let engine = SkyEngine(seed: 17)
        let first = engine.layout(worries, keys: keys, now: skyTestEpoch)
        #expect(engine.memo.count == Set(keys).count)
        let again = engine.layout(worries, keys: keys, now: skyTestEpoch)
        let fresh = SkyEngine(seed: 17).layout(worries, now: skyTestEpoch)
        #expect(first == fresh && again == fresh)
        // A copy with another threshold shares what was read but applies its own rule.
        var strict = engine
        strict.options.constellationThreshold = 0.95
        #expect(
            strict.layout(worries, keys: keys, now: skyTestEpoch)
                == SkyEngine(options: strict.options).layout(worries, now: skyTestEpoch))
    }

    @Test func anExpiredWorrysTextIsForgottenByTheNextLayout() {
        let engine = SkyEngine(seed: 18)
        let worries = skyWorries(count: 300)
        let keys = worries.map { SkyText.normalised($0.text) }
        _ = engine.layout(worries, keys: keys, now: skyTestEpoch)
        let remaining = Array(worries.dropFirst(100)), remainingKeys = Array(keys.dropFirst(100))
        _ = engine.layout(remaining, keys: remainingKeys, now: skyTestEpoch)
        #expect(engine.memo.count == Set(remainingKeys).count)
        // Layouts without keys (the nightly archive, one owner's sky) remember nothing.
        _ = engine.layout(skyWorries(count: 50, seed: 99), now: skyTestEpoch)
        #expect(engine.memo.count == Set(remainingKeys).count)
    }
}
