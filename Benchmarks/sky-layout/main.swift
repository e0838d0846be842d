// Sky layout benchmark: lays out 10,000 worries and times it, and times a naive all-pairs
// link search over the same stars as a baseline for the grid search. Run with run.sh.
import DumpEngine
import Foundation

/// 10,000 worries: a fifth repeat 40 common phrases (so some stars are bright), the rest
/// are mostly distinct, in Korean and English, some with stray punctuation and spacing.
func makeWorries(count: Int) -> [SkyWorry] {
    let openings = ["회사 가기 싫어요", "시험이 걱정돼요", "잠이 안 와요", "I can't sleep", "Money again",
                    "내일 발표", "my exam tomorrow", "엄마가 아파요", "deadline", "이사 가야 해요"]
    let endings = ["", "!!", ".", "…", "?", " ㅠㅠ", "~"]
    var random = SplitMix64(seed: 2026)
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    return (0..<count).map { index in
        let opening = openings[random.index(below: openings.count)]
        let text: String
        if random.unit() < 0.2 {
            text = opening + " " + String(random.index(below: 4)) + endings[random.index(below: endings.count)]
        } else {
            text = opening + " #" + String(random.index(below: 1_000_000)) + endings[random.index(below: endings.count)]
        }
        return SkyWorry(id: "w\(index)", text: text, createdAt: start.addingTimeInterval(Double(index)))
    }
}

/// The baseline: for each star, every other star is checked (n² distances), keeping its k
/// nearest within the cut-off; then the same shortest-first acceptance as the engine.
func allPairsLinks(_ points: [(x: Double, y: Double)], cutoff: Double, k: Int) -> [SkyLink] {
    let n = points.count
    let xs = points.map { $0.x * SkyLayout.aspectRatio }, ys = points.map { $0.y }
    let cutoff2 = cutoff * cutoff
    var proposals: [(d2: Double, a: Int, b: Int)] = []
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
        for (d2, j) in best { proposals.append((d2, min(i, j), max(i, j))) }
    }
    proposals.sort { ($0.d2, $0.a, $0.b) < ($1.d2, $1.a, $1.b) }
    var degree = [Int](repeating: 0, count: n)
    var links: [SkyLink] = []
    var last: (Int, Int) = (-1, -1)
    for p in proposals {
        defer { last = (p.a, p.b) }
        if last == (p.a, p.b) || degree[p.a] >= k || degree[p.b] >= k { continue }
        degree[p.a] += 1
        degree[p.b] += 1
        links.append(SkyLink(a: p.a, b: p.b, strength: max(0, 1 - p.d2.squareRoot() / cutoff)))
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

let worries = makeWorries(count: 10_000)
let engine = SkyEngine(seed: 42)
let now = Date(timeIntervalSince1970: 1_795_010_000)
var layout = engine.layout(worries, now: now)
let layoutMs = medianMilliseconds { layout = engine.layout(worries, now: now) }
let points = layout.nodes.map { (x: $0.x, y: $0.y) }
let linker = SkyLinker(cutoff: engine.options.linkCutoff, maxLinksPerNode: engine.options.maxLinksPerNode)
var gridLinks: [SkyLink] = []
let gridMs = medianMilliseconds { gridLinks = linker.links(for: points) }
var naiveLinks: [SkyLink] = []
let naiveMs = medianMilliseconds { naiveLinks = allPairsLinks(points, cutoff: linker.cutoff, k: linker.maxLinksPerNode) }

print("sky-layout: \(worries.count) worries -> \(layout.nodes.count) stars, \(layout.links.count) links, \(layout.nodes.filter(\.label).count) labels")
print("sky-layout: full layout median of 5: \(format(layoutMs)) ms (target <= 200 ms)")
print("sky-layout: grid link search median of 5: \(format(gridMs)) ms")
print("sky-layout: naive all-pairs link search median of 5: \(format(naiveMs)) ms")
print("sky-layout: all-pairs / grid = \(format(naiveMs / max(gridMs, 1e-9)))x, same links: \(gridLinks == naiveLinks)")
