import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

/// `LiveSky`, kept up to date worry by worry, against `SkyEngine.layout` from scratch: on random
/// histories of new worries, shared ones, deletions and expiries, the two must be equal.
@Suite("Live sky")
struct LiveSkyTests {
    /// A random history: each step adds a new worry, shares an existing text, deletes a
    /// worry or lets time pass (the oldest expire).
    struct History {
        var random: SplitMix64
        var live: [String: (worry: SkyWorry, expiresAt: Date)] = [:]
        var clock = skyTestEpoch
        var serial = 0
        var words = ["회사", "시험", "잠", "돈", "엄마", "내일", "deadline", "exam", "rent", "sleep", "친구", "발표", "야근", "월세"]
        let ttl: TimeInterval = 3_600

        /// `crowded`: every worry about one or two things, so the stars crowd around two anchors
        /// and whether a label covers too many stars decides most labels.
        init(seed: UInt64, crowded: Bool = false) {
            random = SplitMix64(seed: seed)
            if crowded { words = ["회사", "야근"] }
        }

        mutating func newWorry(text: String) -> (SkyWorry, Date) {
            serial += 1
            clock = clock.addingTimeInterval(Double(1 + random.index(below: 20)))
            // Now and then two worries in the same millisecond: the id breaks the tie.
            let createdAt = random.index(below: 10) == 0 ? clock.addingTimeInterval(-1) : clock
            let worry = SkyWorry(
                id: "w\(random.index(below: 1_000_000))-\(serial)", text: text, createdAt: createdAt,
                owner: "owner\(random.index(below: 12))")
            let expiresAt = createdAt.addingTimeInterval(ttl)
            live[worry.id] = (worry, expiresAt)
            return (worry, expiresAt)
        }

        /// One random step on `sky` and on this history alike: a new worry (`fresh` in ten), a
        /// share of a live text (up to eight in ten), a deletion (one in ten), or up to
        /// `waitUpTo` seconds passing, with the worries they expire.
        mutating func step(_ sky: LiveSky, fresh: Int = 5, waitUpTo: Int = 600) {
            switch random.index(below: 10) {
            case 0..<fresh:
                let (worry, expiresAt) = newWorry(text: freshText())
                sky.insert(worry, expiresAt: expiresAt)
            case fresh..<8:
                let texts = live.values.map(\.worry.text).sorted()
                let text = texts.isEmpty ? freshText() : texts[random.index(below: texts.count)]
                let (worry, expiresAt) = newWorry(text: text)
                sky.insert(worry, expiresAt: expiresAt)
            case 8:
                let ids = live.keys.sorted()
                guard !ids.isEmpty else { return }
                let id = ids[random.index(below: ids.count)]
                live[id] = nil
                sky.remove(worryID: id)
            default:
                clock = clock.addingTimeInterval(Double(random.index(below: waitUpTo)))
                live = live.filter { $0.value.expiresAt > clock }
                sky.expire(now: clock)
            }
        }

        mutating func freshText() -> String {
            let first = words[random.index(below: words.count)]
            switch random.index(below: 4) {
            case 0: return "\(first) \(words[random.index(below: words.count)]) \(random.index(below: 1_000))"
            case 1: return "\(first) 때문에 힘들어요 \(random.index(below: 1_000))"
            case 2: return "그냥 \(random.index(below: 100_000))"
            default: return first
            }
        }
    }

    private func reference(_ history: History, options: SkyEngine.Options) -> SkyLayout {
        SkyEngine(options: options).layout(history.live.values.map(\.worry), now: history.clock)
    }

    /// Compares the parts one by one and reports the first difference of each (a whole sky
    /// printed is megabytes).
    private func expectEqual(_ live: SkyLayout, _ scratch: SkyLayout, _ note: String) {
        func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String? {
            guard a != b else { return nil }
            guard let i = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) else {
                return "counts \(a.count) and \(b.count)"
            }
            return "at \(i): \(a[i]) and \(b[i])"
        }
        if let difference = firstDifference(live.nodes, scratch.nodes) { Issue.record("\(note): stars \(difference)") }
        if let difference = firstDifference(live.links, scratch.links) { Issue.record("\(note): links \(difference)") }
        if let difference = firstDifference(live.constellations, scratch.constellations) {
            Issue.record("\(note): constellations \(difference)")
        }
        let same = live == scratch
        #expect(same, "\(note)")
    }

    /// Compared every `every` steps: often on a small sky, so that labels and names kept from
    /// one layout to the next (`LiveSky` places them again only after a change they depend on)
    /// are checked after nearly every change.
    @Test(arguments: [
        (UInt64(1), 900, 75, SkyEngine.Options(seed: 5)),
        (UInt64(2), 900, 75, SkyEngine.Options(seed: 6, labelBudget: 40, linkCutoff: 0.3, maxLinksPerNode: 4)),
        (UInt64(3), 600, 75, SkyEngine.Options(seed: 7, labelBudget: 8, linkCutoff: 0.05, maxLinksPerNode: 2)),
        (UInt64(4), 400, 2, SkyEngine.Options(seed: 8, labelBudget: 30, constellationNameBudget: 3)),
        (UInt64(5), 400, 3, SkyEngine.Options(seed: 9, labelBudget: 6)),
        (UInt64(6), 500, 2, SkyEngine.Options(seed: 10, labelBudget: 60)),
        (UInt64(7), 700, 1, SkyEngine.Options(seed: 11, labelBudget: 12)),
        (UInt64(8), 700, 1, SkyEngine.Options(seed: 12, labelBudget: 16)),
    ])
    func aSkyKeptUpToDateEqualsTheSkyLaidOutFromScratch(
        seed: UInt64, steps: Int, every: Int, options: SkyEngine.Options
    ) {
        var history = History(seed: seed, crowded: seed >= 6)
        let sky = LiveSky(options: options)
        for step in 1...steps {
            history.step(sky)
            #expect(sky.worryCount == history.live.count)
            if step % every == 0 || step == steps {
                expectEqual(sky.layout(now: history.clock), reference(history, options: options), "step \(step)")
            }
        }
        // The history made a sky with everything in it: shared stars, labels, and (unless every
        // worry is about one thing) links and named constellations.
        let last = sky.layout(now: history.clock)
        #expect(last.nodes.contains { $0.count > 2 })
        #expect(last.nodes.filter(\.label).count > 3)
        if seed < 6 {
            #expect(last.links.count > 10)
            #expect(last.constellations.count > 3 && last.constellations.contains { $0.label && $0.lines.count > 2 })
        }
    }

    @Test func aSkyBuiltAtOnceEqualsTheSkyLaidOutFromScratchAndKeepsUpAfterwards() {
        let options = SkyEngine.Options(seed: 9)
        var history = History(seed: 4)
        for _ in 0..<1_500 {
            let texts = history.live.values.map(\.worry.text)
            let share = !texts.isEmpty && history.random.index(below: 3) == 0
            _ = history.newWorry(text: share ? texts.sorted()[history.random.index(below: texts.count)] : history.freshText())
        }
        let entries = history.live.values.map {
            (worry: $0.worry, key: SkyText.normalised($0.worry.text), expiresAt: Optional($0.expiresAt))
        }
        let sky = LiveSky(options: options, worries: entries.shuffled(using: &history.random))
        expectEqual(sky.layout(now: history.clock), reference(history, options: options), "built at once")
        // The digest names the worries, however they came: one by one in another order, the same.
        let oneByOne = LiveSky(options: options)
        for entry in entries.reversed() { oneByOne.insert(entry.worry, expiresAt: entry.expiresAt) }
        #expect(oneByOne.digest == sky.digest)
        let (extra, _) = history.newWorry(text: history.freshText())
        history.live[extra.id] = nil
        oneByOne.insert(extra)
        #expect(oneByOne.digest != sky.digest)
        oneByOne.remove(worryID: extra.id)
        #expect(oneByOne.digest == sky.digest)
        for _ in 0..<60 {
            let (worry, expiresAt) = history.newWorry(text: history.freshText())
            sky.insert(worry, expiresAt: expiresAt)
        }
        let oldest = history.live.values.sorted { $0.worry.createdAt < $1.worry.createdAt }.prefix(200)
        for entry in oldest {
            history.live[entry.worry.id] = nil
            sky.remove(worryID: entry.worry.id)
        }
        expectEqual(sky.layout(now: history.clock), reference(history, options: options), "after changes")
    }

    /// A crowded sky built at once gets a finer grid (more than 16 cells per cut-off); it must
    /// link exactly as the coarse one, and keep up afterwards.
    @Test func aCrowdedSkyBuiltAtOnceOnAFinerGridEqualsTheSkyLaidOutFromScratch() {
        let options = SkyEngine.Options(seed: 13)
        var history = History(seed: 21, crowded: true)
        for _ in 0..<1_500 { _ = history.newWorry(text: history.freshText()) }
        let entries = history.live.values.map {
            (worry: $0.worry, key: SkyText.normalised($0.worry.text), expiresAt: Optional($0.expiresAt))
        }
        #expect(StarField.steps(forDensest: 100) == 16 && StarField.steps(forDensest: 20_000) == 50)
        #expect(StarField.steps(forDensest: 1_000_000) == 64)
        let sky = LiveSky(options: options, worries: entries, gridSteps: 41)
        #expect(sky.gridSteps == 41)
        expectEqual(sky.layout(now: history.clock), reference(history, options: options), "crowded, built at once")
        for _ in 0..<40 {
            let (worry, expiresAt) = history.newWorry(text: history.freshText())
            sky.insert(worry, expiresAt: expiresAt)
        }
        for id in history.live.keys.sorted().prefix(40) {
            history.live[id] = nil
            sky.remove(worryID: id)
        }
        expectEqual(sky.layout(now: history.clock), reference(history, options: options), "crowded, after changes")
    }

    @Test func theViewHoldsTheBrightestStarsEveryConstellationAndItsFigure() {
        let options = SkyEngine.Options(seed: 3)
        var history = History(seed: 8)
        let sky = LiveSky(options: options)
        for index in 0..<1_200 {
            let texts = history.live.values.map(\.worry.text).sorted()
            let text = index % 4 == 3 ? texts[history.random.index(below: texts.count)] : history.freshText()
            let (worry, expiresAt) = history.newWorry(text: text)
            sky.insert(worry, expiresAt: expiresAt)
        }
        let whole = sky.layout(now: history.clock)
        let view = sky.view(limit: 300, now: history.clock)
        #expect(whole.nodes.count > 600)
        #expect(view.nodes.count >= 300 && view.nodes.count < whole.nodes.count)
        // The brightest 300, in the same order, with the same labels.
        #expect(Array(view.nodes.prefix(300)) == Array(whole.nodes.prefix(300)))
        #expect(view.nodes.filter(\.label) == whole.nodes.filter(\.label))
        // Every constellation, named and placed as in the whole sky, with its whole figure.
        #expect(view.constellations.count == whole.constellations.count)
        for (shown, full) in zip(view.constellations, whole.constellations) {
            #expect(shown.id == full.id && shown.name == full.name && shown.size == full.size)
            #expect(shown.x == full.x && shown.y == full.y && shown.label == full.label)
            #expect(shown.lines.count == full.lines.count)
            for (a, b) in zip(shown.lines, full.lines) {
                #expect(view.nodes[a.a].id == whole.nodes[b.a].id && view.nodes[a.b].id == whole.nodes[b.b].id)
            }
        }
        // Links between shown stars are the whole sky's.
        let ids = Set(view.nodes.map(\.id))
        let wholeLinks = Set(
            whole.links.filter { ids.contains(whole.nodes[$0.a].id) && ids.contains(whole.nodes[$0.b].id) }
                .map { [whole.nodes[$0.a].id, whole.nodes[$0.b].id] })
        #expect(Set(view.links.map { [view.nodes[$0.a].id, view.nodes[$0.b].id] }) == wholeLinks)
        // The stars written in last are shown too, the one shared last among them.
        let shared = history.live.values.map(\.worry).min { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }!
        let (again, expiresAt) = history.newWorry(text: shared.text)
        sky.insert(again, expiresAt: expiresAt)
        let latest = sky.view(limit: 300, recent: 40, now: history.clock)
        #expect(latest.nodes.contains { $0.id == SkyEngine(options: options).nodeID(text: shared.text) })
        #expect(latest.nodes.count >= view.nodes.count && latest.nodes.count <= view.nodes.count + 41)
        // A small sky is its own view.
        let isWhole = sky.view(limit: 100_000, now: history.clock) == sky.layout(now: history.clock)
        #expect(isWhole)
    }

    @Test func theJSONOfUnchangedStarsIsReusedByteForByte() {
        var history = History(seed: 11)
        let sky = LiveSky(options: SkyEngine.Options(seed: 2))
        let cache = SkyNodeJSONCache()
        for round in 0..<6 {
            for _ in 0..<80 {
                let texts = history.live.values.map(\.worry.text).sorted()
                let share = !texts.isEmpty && history.random.index(below: 3) == 0
                let text = share ? texts[history.random.index(below: texts.count)] : history.freshText()
                let (worry, expiresAt) = history.newWorry(text: text)
                sky.insert(worry, expiresAt: expiresAt)
            }
            if round == 3 { sky.remove(worryID: history.live.keys.sorted()[0]) }
            let layout = sky.view(limit: 150, recent: 20, now: history.clock)
            #expect(layout.jsonBytes(cache: cache) == layout.jsonBytes())
        }
    }

    @Test func anEmptySkyAndAWorryWithoutWordsAreNothing() {
        let sky = LiveSky(options: SkyEngine.Options(seed: 1))
        sky.insert(SkyWorry(id: "a", text: " \n\t ", createdAt: skyTestEpoch))
        #expect(sky.starCount == 0)
        #expect(sky.layout(now: skyTestEpoch) == SkyEngine(seed: 1).layout([], now: skyTestEpoch))
        sky.remove(worryID: "unknown")
        #expect(sky.worryCount == 0)
    }

    @Test func orderedKeysStayInOrderThroughInsertsAndRemovals() {
        var random = SplitMix64(seed: 12)
        var keys = OrderedKeys<Int>()
        var reference = Set<Int>()
        for _ in 0..<5_000 {
            let value = random.index(below: 3_000)
            if reference.contains(value) {
                let removed = keys.remove(value)
                #expect(removed)
                reference.remove(value)
            } else {
                keys.insert(value)
                reference.insert(value)
            }
        }
        let sorted = reference.sorted()
        #expect(keys.all == sorted)
        #expect(keys.count == sorted.count)
        #expect(keys.prefix(10) == Array(sorted.prefix(10)))
        #expect(keys.index(of: sorted[700]) == 700)
        #expect(keys.index(of: -1) == nil)
        #expect(keys.chunks.allSatisfy { !$0.isEmpty && $0.count <= 512 })
    }

    /// What `region` must answer, read off the whole sky: its stars in order, past the
    /// brightest `beyond`, resting in `box`, the first `limit`, unlabelled.
    private func expectedRegion(_ whole: SkyLayout, _ box: SkyLabelBox, beyond: Int, limit: Int) -> (nodes: [SkyNode], more: Bool)
    {
        let inside = whole.nodes.dropFirst(beyond).filter {
            $0.x >= box.minX && $0.x <= box.maxX && $0.y >= box.minY && $0.y <= box.maxY
        }.map { node -> SkyNode in
            var node = node
            node.label = false
            node.labelAt = nil
            return node
        }
        return (Array(inside.prefix(limit)), inside.count > limit)
    }

    /// A zoomed page's detail (`region`) is the whole sky's stars in its box, brightest first,
    /// past the view's brightest: on random boxes, through new worries, shared ones, deletions
    /// and expiries, and in a sky built at once.
    @Test func aRegionHoldsTheBrightestStarsInItsBoxBeyondTheView() {
        let options = SkyEngine.Options(seed: 13)
        var history = History(seed: 21)
        let sky = LiveSky(options: options)
        var checked = 0
        var boxes = SplitMix64(seed: 99)
        func randomBox() -> SkyLabelBox {
            let w = 0.02 + Double(boxes.index(below: 600)) / 1_000, h = 0.02 + Double(boxes.index(below: 600)) / 1_000
            let x = Double(boxes.index(below: 1_000)) / 1_000 * (1 - w), y = Double(boxes.index(below: 1_000)) / 1_000 * (1 - h)
            return SkyLabelBox(minX: x, minY: y, maxX: x + w, maxY: y + h)
        }
        func check(_ sky: LiveSky, _ note: String) {
            let whole = sky.layout(now: history.clock)
            for _ in 0..<12 {
                let box = randomBox()
                let beyond = [0, 50, 200][boxes.index(below: 3)], limit = [5, 40, 400][boxes.index(below: 3)]
                let region = sky.region(box, beyond: beyond, limit: limit)
                let expected = expectedRegion(whole, box, beyond: beyond, limit: limit)
                let same = region.nodes == expected.nodes
                #expect(
                    same,
                    "\(note): \(box) beyond \(beyond) limit \(limit): \(region.nodes.count) stars, \(expected.nodes.count) expected"
                )
                #expect(region.more == expected.more || (region.more && !expected.more), "\(note)")
                checked += region.nodes.count
            }
        }
        for step in 1...1_500 {
            history.step(sky, fresh: 6, waitUpTo: 300)
            if step % 250 == 0 { check(sky, "step \(step)") }
        }
        let entries = history.live.values.map {
            (worry: $0.worry, key: SkyText.normalised($0.worry.text), expiresAt: Optional($0.expiresAt))
        }
        check(LiveSky(options: options, worries: entries), "built at once")
        // The boxes found stars (the test compares something).
        #expect(checked > 400)
        // Odd boxes: the whole sky, a point, a box off the sky.
        let whole = sky.layout(now: history.clock)
        #expect(
            sky.region(SkyLabelBox(minX: 0, minY: 0, maxX: 1, maxY: 1), beyond: 0, limit: 10_000).nodes.count == whole.nodes.count
        )
        #expect(sky.region(SkyLabelBox(minX: 2, minY: 2, maxX: 3, maxY: 3), beyond: 0, limit: 10).nodes.isEmpty)
        #expect(sky.region(SkyLabelBox(minX: 0, minY: 0, maxX: 1, maxY: 1), beyond: 0, limit: 0).nodes.isEmpty)
    }

    /// The tiles read no more than their budget, however many stars lie in the tiles a box's
    /// edges cut, and merge the tiles in order.
    @Test func theTilesMergeInOrderAndReadNoMoreThanTheirBudget() {
        var random = SplitMix64(seed: 5)
        var entries: [(key: Int, x: Double, y: Double)] = []
        for key in 0..<20_000 {
            entries.append((key, Double(random.index(below: 100_000)) / 100_000, Double(random.index(below: 100_000)) / 100_000))
        }
        let place = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, (x: $0.x, y: $0.y)) })
        let tiles = SkyTiles(entries.shuffled(using: &random))
        // A thin box: nearly all the stars of the tiles it cuts lie outside it.
        let thin = SkyLabelBox(minX: 0.5001, minY: 0, maxX: 0.5002, maxY: 1)
        let found = tiles.brightest(in: thin, after: nil, limit: 1_000, budget: 300, position: { place[$0]! })
        #expect(found.read == 300 && found.more)
        let box = SkyLabelBox(minX: 0.1, minY: 0.2, maxX: 0.45, maxY: 0.3)
        let all = tiles.brightest(in: box, after: 99, limit: 100_000, budget: 100_000, position: { place[$0]! })
        let expected = entries.filter { $0.key > 99 && $0.x >= 0.1 && $0.x <= 0.45 && $0.y >= 0.2 && $0.y <= 0.3 }.map(\.key)
            .sorted()
        #expect(all.keys == expected && !all.more && expected.count > 300)
    }

    /// A sky larger than the labeller's candidates (`SkyLabeller.candidateLimit`): shares lift
    /// faint stars among them and push the last out, deletions and expiries let the next one in,
    /// and the labels kept without laying them out again (`LiveSky.reconsider`) must be the
    /// ones laid out from scratch.
    @Test(arguments: [SkyEngine.Options(seed: 17), SkyEngine.Options(seed: 18, labelBudget: 400)])
    func labelsKeptAcrossTheCandidatesEdgeEqualTheSkyLaidOutFromScratch(options: SkyEngine.Options) {
        var history = History(seed: 31)
        // A head of stars shared by 3 to 12 people each, so that a shared faint star comes below them.
        for index in 0..<40 {
            let text = "자주 \(history.freshText()) \(index)"
            for _ in 0..<(3 + index % 10) { _ = history.newWorry(text: text) }
        }
        for _ in 0..<(SkyLabeller.candidateLimit + 400) { _ = history.newWorry(text: history.freshText() + " \(history.serial)") }
        let entries = history.live.values.map {
            (worry: $0.worry, key: SkyText.normalised($0.worry.text), expiresAt: Optional($0.expiresAt))
        }
        let sky = LiveSky(options: options, worries: entries)
        var kept = 0
        _ = sky.layout(now: history.clock)
        let before = sky.labelLayouts
        for step in 1...120 {
            // Stars near the edge of the candidates, in the sky's order.
            let order = sky.layout(now: history.clock).nodes
            let edge = order[(SkyLabeller.candidateLimit - 40 + history.random.index(below: 80))...].prefix(1)
            let text = edge.first!.text
            switch history.random.index(below: 4) {
            case 0, 1:
                let (worry, expiresAt) = history.newWorry(text: text)
                sky.insert(worry, expiresAt: expiresAt)
            case 2:
                let ids = history.live.values.filter { SkyText.normalised($0.worry.text) == SkyText.normalised(text) }
                    .map(\.worry.id).sorted()
                history.live[ids[0]] = nil
                sky.remove(worryID: ids[0])
            default:
                let (worry, expiresAt) = history.newWorry(text: history.freshText() + " new \(step)")
                sky.insert(worry, expiresAt: expiresAt)
            }
            if step % 4 == 0 {
                let live = sky.layout(now: history.clock)
                expectEqual(live, reference(history, options: options), "step \(step)")
                kept += live.nodes.filter(\.label).count
            }
        }
        #expect(kept > 0)
        // Most changes kept the labels (the test tried the paths that keep them).
        #expect(sky.labelLayouts - before < 60, "labels laid out \(sky.labelLayouts - before) times in 120 changes")
    }
}
