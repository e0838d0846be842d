// Sky layout benchmark: lays out 1,000, 10,000 and 100,000 worries (similarity and
// constellations included) and times them, the similarity stage alone, and a naive
// all-pairs link search over the 10,000-worry stars as a baseline for the grid search.
// Run with run.sh.
import DumpEngine
import Foundation

/// `count` worries: a fifth repeat common phrases (so some stars are bright), the rest are
/// mostly distinct, one to three fragments in Korean and English (about the length people
/// write), some with stray punctuation, spacing and a number that makes them unique.
func makeWorries(count: Int) -> [SkyWorry] {
    let openings = ["회사 가기 싫어요", "시험이 걱정돼요", "잠이 안 와요", "I can't sleep", "Money again",
                    "내일 발표", "my exam tomorrow", "엄마가 아파요", "deadline", "이사 가야 해요"]
    let fragments = ["팀장님 때문에", "너무 힘들어", "월세가 밀렸어", "친구랑 싸웠어", "외로워", "면접 떨어졌어",
                     "남자친구랑 헤어졌어", "허리가 아파", "강아지가 걱정돼", "비가 와서 우울해", "공부가 안 돼",
                     "my boss hates me", "rent is due", "so lonely tonight", "날씨가 추워", "출근길 지옥",
                     "카드값 어떡하지", "부모님 잔소리", "밤새 못 잤어", "다이어트 실패", "인스타 보면 우울", "졸업하면 뭐 하지"]
    let endings = ["", "!!", ".", "…", "?", " ㅠㅠ", "~"]
    var random = SplitMix64(seed: 2026)
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    return (0..<count).map { index in
        var text = openings[random.index(below: openings.count)]
        if random.unit() < 0.2 {
            text += " " + String(random.index(below: 4))
        } else {
            for _ in 0..<random.index(below: 3) { text += " " + fragments[random.index(below: fragments.count)] }
            text += " #" + String(random.index(below: 1_000_000))
        }
        text += endings[random.index(below: endings.count)]
        return SkyWorry(id: "w\(index)", text: text, createdAt: start.addingTimeInterval(Double(index)))
    }
}

/// The baseline: for each star, every other star is checked (n² distances), keeping its k
/// nearest within the cut-off; then linked when mutual, as the engine links.
func allPairsLinks(_ points: [(x: Double, y: Double)], cutoff: Double, k: Int) -> [SkyLink] {
    let n = points.count
    let xs = points.map { $0.x * SkyLayout.aspectRatio }, ys = points.map { $0.y }
    let cutoff2 = cutoff * cutoff
    var near: [[Int]] = [], nearD2: [[Double]] = []
    var best: [(d2: Double, j: Int)] = []
    for i in 0..<n {
        best.removeAll(keepingCapacity: true)
        for j in 0..<n where j != i {
            let dx = xs[j] - xs[i], dy = ys[j] - ys[i]
            let d2 = dx * dx + dy * dy
            guard d2 <= cutoff2 else { continue }
            if best.count == k, let last = best.last, (last.d2, last.j) <= (d2, j) { continue }
            var p = best.count
            while p > 0, (best[p - 1].d2, best[p - 1].j) > (d2, j) { p -= 1 }
            best.insert((d2, j), at: p)
            if best.count > k { best.removeLast() }
        }
        near.append(best.map(\.j))
        nearD2.append(best.map(\.d2))
    }
    var links: [SkyLink] = []
    for a in 0..<n {
        for (d2, b) in zip(nearD2[a], near[a]) where a < b && near[b].contains(a) {
            links.append(SkyLink(a: a, b: b, strength: max(0, 1 - d2.squareRoot() / cutoff)))
        }
    }
    links.sort { ($0.a, $0.b) < ($1.a, $1.b) }
    return links
}

/// Median wall time in milliseconds of `runs` calls of `body`.
func medianMilliseconds(runs: Int = 5, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[runs / 2]
}

func format(_ value: Double) -> String { String(format: "%.1f", value) }

let now = Date(timeIntervalSince1970: 1_795_010_000)

// The service's waves (run with --waves): a LiveSky of 10,000 and 100,000 worries takes a few
// posts at a time (four in five new, one in five a share, as the sky benchmark posts) and lays
// its view out and writes its JSON after each wave, as `LiveSkyFeed` and `SkySnapshot` do.
// Against a baseline measured in the same run: the view laid out again with nothing changed.
if CommandLine.arguments.contains("--waves") {
    for count in [10_000, 100_000] {
        let worries = makeWorries(count: count)
        let entries = worries.map { (worry: $0, key: SkyText.normalised($0.text), expiresAt: Date?.none) }
        let sky = LiveSky(options: SkyEngine.Options(seed: 42), worries: entries)
        let cache = SkyNodeJSONCache()
        _ = sky.view(limit: 2_000, recent: 300, now: now).jsonBytes(cache: cache)
        var random = SplitMix64(seed: 7)
        var serial = 0
        let waves = 200
        var viewMs: [Double] = [], jsonMs: [Double] = [], postMs: [Double] = []
        for _ in 0..<waves {
            let a = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<4 {
                serial += 1
                let text = random.unit() < 0.2
                    ? worries[random.index(below: worries.count)].text : "새 고민 \(serial) 회사 너무 힘들어 #\(serial)"
                sky.insert(SkyWorry(id: "p\(serial)", text: text, createdAt: now.addingTimeInterval(Double(serial))))
            }
            let b = DispatchTime.now().uptimeNanoseconds
            let view = sky.view(limit: 2_000, recent: 300, now: now)
            let c = DispatchTime.now().uptimeNanoseconds
            _ = view.jsonBytes(cache: cache)
            let d = DispatchTime.now().uptimeNanoseconds
            postMs.append(Double(b - a) / 1e6)
            viewMs.append(Double(c - b) / 1e6)
            jsonMs.append(Double(d - c) / 1e6)
        }
        let still = medianMilliseconds(runs: 20) { _ = sky.view(limit: 2_000, recent: 300, now: now) }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        print(
            "waves: \(count) worries, \(waves) waves of 4 posts: apply \(format(mean(postMs))) ms, view mean \(format(mean(viewMs))) ms "
                + "(median \(format(median(viewMs))), \(format(mean(viewMs) / max(still, 1e-9)))x of a view with nothing changed, "
                + "\(format(still)) ms), JSON mean \(format(mean(jsonMs))) ms")
    }
    exit(0)
}

// The cost curve: the full layout (normalising, similarity, constellations, labels, links)
// of 1,000, 10,000 and 100,000 worries, each by a fresh engine (nothing remembered between
// runs), and the similarity stage alone (features of every distinct text) for comparison.
var curve: [(count: Int, ms: Double)] = []
var tenThousand: SkyLayout?
for count in [1_000, 10_000, 100_000] {
    let worries = makeWorries(count: count)
    let runs = count >= 100_000 ? 3 : 5
    var layout = SkyEngine(seed: 42).layout(worries, now: now)
    let layoutMs = medianMilliseconds(runs: runs) { layout = SkyEngine(seed: 42).layout(worries, now: now) }
    let texts = Array(Set(worries.map { SkyText.normalised($0.text) }))
    var themed = 0
    let featuresMs = medianMilliseconds(runs: runs) {
        themed = texts.reduce(0) { $0 + (ConstellationRule.theme(of: WorryFeatures(normalisedText: $1)) == nil ? 0 : 1) }
    }
    // The service lays the same live worries out again and again with one engine, which
    // remembers the themes of texts it has read: the same layout, warm.
    let engine = SkyEngine(seed: 42)
    let keys = worries.map { SkyText.normalised($0.text) }
    _ = engine.layout(worries, keys: keys, now: now)
    let warmMs = medianMilliseconds(runs: runs) { layout = engine.layout(worries, keys: keys, now: now) }
    let grouped = layout.constellations.reduce(0) { $0 + $1.stars }
    print("sky-layout: \(count) worries -> \(layout.nodes.count) stars (\(themed) with a theme), \(layout.constellations.count) constellations holding \(grouped) stars, \(layout.links.count) links, \(layout.nodes.filter(\.label).count) labels, \(layout.constellations.filter(\.label).count) names")
    print("sky-layout: \(count) worries: full layout median of \(runs): \(format(layoutMs)) ms; similarity stage alone \(format(featuresMs)) ms (\(format(100 * featuresMs / max(layoutMs, 1e-9)))% of the layout)\(count == 10_000 ? " (target <= 200 ms)" : count == 100_000 ? " (target <= 3000 ms)" : "")")
    print("sky-layout: \(count) worries: again with the same engine and the texts normalised once (as the service runs it) median of \(runs): \(format(warmMs)) ms (\(format(warmMs / max(layoutMs, 1e-9)))x of a fresh engine)")
    curve.append((count, layoutMs))
    if count == 10_000 { tenThousand = layout }
}
print("sky-layout: cost curve 1k -> 10k x\(format(curve[1].ms / curve[0].ms)), 10k -> 100k x\(format(curve[2].ms / curve[1].ms)) (linear would be x10.0)")

let layout = tenThousand!
let points = layout.nodes.map { (x: $0.x, y: $0.y) }
let linker = SkyLinker(cutoff: SkyEngine(seed: 42).options.linkCutoff, maxLinksPerNode: SkyEngine(seed: 42).options.maxLinksPerNode)
var gridLinks: [SkyLink] = []
let gridMs = medianMilliseconds { gridLinks = linker.links(for: points) }
var naiveLinks: [SkyLink] = []
let naiveMs = medianMilliseconds { naiveLinks = allPairsLinks(points, cutoff: linker.cutoff, k: linker.maxLinksPerNode) }
print("sky-layout: 10000 worries: grid link search median of 5: \(format(gridMs)) ms")
print("sky-layout: 10000 worries: naive all-pairs link search median of 5: \(format(naiveMs)) ms")
print("sky-layout: all-pairs / grid = \(format(naiveMs / max(gridMs, 1e-9)))x, same links: \(gridLinks == naiveLinks)")

// The live sky (`LiveSky`), as the service keeps it: built once from the live worries, then
// kept up to date post by post. Per post: a new worry, a share of an existing text, a
// deletion, and the view a first visit downloads (the brightest 2,000 stars, the 300 touched
// last, every constellation's figure), against the from-scratch layout above (the baseline,
// measured in this run).
for (count, scratchMs) in curve {
    let worries = makeWorries(count: count)
    let entries = worries.map { (worry: $0, key: SkyText.normalised($0.text), expiresAt: Date?.none) }
    var sky = LiveSky(options: SkyEngine.Options(seed: 42), worries: entries)
    let buildMs = medianMilliseconds(runs: 3) { sky = LiveSky(options: SkyEngine.Options(seed: 42), worries: entries) }
    let same = sky.layout(now: now) == SkyEngine(seed: 42).layout(worries, now: now)
    let posts = 2_000
    var serial = 0
    func post(_ text: String) {
        serial += 1
        sky.insert(SkyWorry(id: "p\(serial)", text: text, createdAt: now.addingTimeInterval(Double(serial))))
    }
    let newMs = medianMilliseconds { for i in 0..<posts { post("새 고민 \(i) \(serial) 회사 너무 힘들어") } }
    let shareMs = medianMilliseconds { for i in 0..<posts { post(worries[(i * 7_919) % worries.count].text) } }
    var removed = 0
    let removeMs = medianMilliseconds {
        for _ in 0..<posts {
            removed += 1
            sky.remove(worryID: "w\(removed % count)")
        }
    }
    var viewNodes = 0, viewBytes = 0
    let viewMs = medianMilliseconds {
        post("하나 더 \(serial)")
        let view = sky.view(limit: 2_000, recent: 300, now: now)
        viewNodes = view.nodes.count
        viewBytes = view.jsonBytes().count
    }
    post("하나 더 \(serial)")
    var view = sky.view(limit: 2_000, recent: 300, now: now)
    let viewOnlyMs = medianMilliseconds { view = sky.view(limit: 2_000, recent: 300, now: now) }
    post("하나 더 \(serial)")
    let freshViewMs = medianMilliseconds(runs: 1) { view = sky.view(limit: 2_000, recent: 300, now: now) }
    let jsonMs = medianMilliseconds { _ = view.jsonBytes() }
    print("live-sky: \(count) worries: split: view again (labels kept) \(format(viewOnlyMs)) ms, view after a change \(format(freshViewMs)) ms, JSON \(format(jsonMs)) ms")
    let wholeMs = medianMilliseconds(runs: 3) {
        post("하나 더 \(serial)")
        _ = sky.layout(now: now)
    }
    let perPost = (newMs / Double(posts)) + viewMs
    print("live-sky: \(count) worries: built at once \(format(buildMs)) ms, equal to the from-scratch layout: \(same)")
    print("live-sky: \(count) worries: per change: new worry \(String(format: "%.1f", 1000 * newMs / Double(posts))) us, share \(String(format: "%.1f", 1000 * shareMs / Double(posts))) us, delete \(String(format: "%.1f", 1000 * removeMs / Double(posts))) us")
    print("live-sky: \(count) worries: view after a post \(format(viewMs)) ms (\(viewNodes) stars, \(viewBytes / 1024) KiB JSON); whole layout \(format(wholeMs)) ms")
    print("live-sky: \(count) worries: a post and its view cost \(format(perPost)) ms = \(String(format: "%.3f", perPost / scratchMs))x of the from-scratch layout (\(format(scratchMs)) ms)")
}

// A million live worries across a fleet (run with --million): the sky cut into vertical
// stripes, one per shard, each holding its own stars and, as ghosts, every star within two
// link cut-offs of its edges (so its own stars' nearest neighbours, and theirs, are complete).
// Checked against one LiveSky of everything: each shard's links of its own stars are exactly
// the whole sky's, and the brightest stars merged from the shards are exactly the whole sky's.
if CommandLine.arguments.contains("--million") {
    let count = 1_000_000, shards = 8
    let options = SkyEngine.Options(seed: 42)
    let engine = SkyEngine(options: options)
    let worries = makeWorries(count: count)
    let keys = worries.map { SkyText.normalised($0.text) }
    let entries = zip(worries, keys).map { (worry: $0, key: $1, expiresAt: Date?.none) }
    var start = DispatchTime.now().uptimeNanoseconds
    let whole = LiveSky(options: options, worries: entries)
    let wholeBuild = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    start = DispatchTime.now().uptimeNanoseconds
    let layout = whole.layout(now: now)
    let wholeLayoutSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let ids = keys.map { engine.nodeID(text: $0) }
    var xOf: [String: Double] = [:]
    for node in layout.nodes { xOf[node.id] = node.x }
    let margin = 2 * options.linkCutoff / SkyLayout.aspectRatio
    func stripe(_ x: Double) -> Int { min(shards - 1, max(0, Int(x * Double(shards)))) }
    var ownerOf: [String: Int] = [:]
    for node in layout.nodes { ownerOf[node.id] = stripe(node.x) }
    func linkKey(_ l: SkyLayout, _ link: SkyLink) -> [String] { [l.nodes[link.a].id, l.nodes[link.b].id].sorted() }
    var exact = true
    var merged: [(id: String, count: Int, since: Date)] = []
    print("million: one sky of \(count) worries (\(layout.nodes.count) stars): built in \(format(wholeBuild)) s, whole layout \(format(wholeLayoutSeconds)) s, \(layout.links.count) links")
    for shard in 0..<shards {
        let low = Double(shard) / Double(shards) - margin, high = Double(shard + 1) / Double(shards) + margin
        var mine: [(worry: SkyWorry, key: String, expiresAt: Date?)] = []
        for (entry, id) in zip(entries, ids) {
            if let x = xOf[id], x >= low, x < high { mine.append(entry) }
        }
        start = DispatchTime.now().uptimeNanoseconds
        let sky = LiveSky(options: options, worries: mine)
        let build = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var serial = 0
        let postMs = medianMilliseconds {
            for _ in 0..<1_000 {
                serial += 1
                sky.insert(SkyWorry(id: "s\(shard)-\(serial)", text: "새 고민 \(shard) \(serial)", createdAt: now))
            }
        }
        for i in 1...(5 * 1_000) { sky.remove(worryID: "s\(shard)-\(i)") }
        let part = sky.layout(now: now)
        let own = Set(part.nodes.map(\.id).filter { ownerOf[$0] == shard })
        let partLinks = Set(part.links.map { linkKey(part, $0) }.filter { own.contains($0[0]) || own.contains($0[1]) })
        let wholeLinks = Set(layout.links.map { linkKey(layout, $0) }.filter { own.contains($0[0]) || own.contains($0[1]) })
        // A link across the edge is checked by both shards; each must hold it.
        exact = exact && partLinks == wholeLinks
        merged += sky.brightest(2_000).filter { ownerOf[$0.id] == shard }
        print("million: shard \(shard): \(own.count) own stars + \(part.nodes.count - own.count) ghosts, built in \(format(build)) s, a new worry \(String(format: "%.1f", postMs)) us, links of its own stars equal the whole sky's: \(partLinks == wholeLinks)")
    }
    merged.sort { a, b in a.count != b.count ? a.count > b.count : (a.since != b.since ? a.since < b.since : a.id < b.id) }
    let brightestExact = merged.prefix(2_000).map(\.id) == whole.brightest(2_000).map(\.id)
    print("million: \(shards) shards: every shard's links exact: \(exact); the brightest 2,000 merged from the shards equal the whole sky's: \(brightestExact)")
}
