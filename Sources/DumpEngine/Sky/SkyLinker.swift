import Foundation

/// Finds the faint links between near stars without comparing every pair.
///
/// Distances are measured on the 16:9 canvas in units of the sky's height (x is stretched
/// by 16/9), so a link that looks short is short. Each star's `maxLinksPerNode` nearest
/// neighbours within the cut-off are found with a uniform grid and an outward ring search;
/// two stars are linked when each is among the other's nearest (mutual nearest neighbours).
/// So no star has more than `maxLinksPerNode` links, and whether two stars are linked depends
/// only on the stars around them: a new star changes the links of its neighbourhood only,
/// which is what lets `LiveSky` keep the links of a sky of 100,000 stars up to date star by
/// star. Ties are broken by `ranks` (the order of the stars' ids), else by index, so the
/// result is fully deterministic.
public struct SkyLinker: Sendable {
    /// Longest link, in units of the sky's height on a 16:9 canvas.
    public var cutoff: Double
    /// Most links any one star takes part in.
    public var maxLinksPerNode: Int
    /// How many grid cells span one cut-off; 0 picks from the number of stars.
    var cellsPerCutoff: Int = 0

    /// Creates a linker; `SkyEngine` uses one with its options' cut-off and maximum.
    public init(cutoff: Double, maxLinksPerNode: Int) {
        self.cutoff = cutoff
        self.maxLinksPerNode = maxLinksPerNode
    }

    /// The links for stars at `points` (x as a fraction of width, y of height), ordered by
    /// `a`, then `b`, with `a < b`. Equal distances are ordered by `ranks` (one per point,
    /// distinct: the engine passes the order of the stars' ids), else by index.
    public func links(for points: [(x: Double, y: Double)], ranks: [Int]? = nil) -> [SkyLink] {
        let k = maxLinksPerNode
        guard k > 0, cutoff > 0, points.count > 1 else { return [] }
        let near = nearestNeighbours(of: points, k: k, ranks: ranks ?? Array(points.indices))
        return Self.mutualLinks(near, cutoff: cutoff)
    }

    /// The links between stars that are among each other's nearest (`near[i]`: star i's
    /// nearest, as indices), ordered by `a`, then `b`.
    static func mutualLinks(_ near: [[(distance2: Double, index: Int)]], cutoff: Double) -> [SkyLink] {
        var links: [SkyLink] = []
        for (a, list) in near.enumerated() {
            for (d2, b) in list where a < b && near[b].contains(where: { $0.index == a }) {
                links.append(SkyLink(a: a, b: b, strength: strength(distance2: d2, cutoff: cutoff)))
            }
        }
        links.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        return links
    }

    /// A link's opacity: 1 for stars on top of each other, 0 at the cut-off.
    static func strength(distance2: Double, cutoff: Double) -> Double {
        max(0, 1 - distance2.squareRoot() / cutoff)
    }

    /// Cells per cut-off: one (the plain "neighbouring cells" grid) for small skies; finer
    /// where stars crowd, so the densest cut-off-sized square holds about `targetPerCell`
    /// stars per fine cell (at most `maxCellsPerCutoff` cells per cut-off).
    ///
    /// Measured on 10,000 worries before constellations (8,048 stars spread as one cluster,
    /// release build): one cell per cut-off took ~160 ms, barely 2× faster than all pairs;
    /// six took ~9 ms. Constellations pack thousands of stars near their anchors, so the
    /// count now follows the densest square instead of the number of stars: at 100,000
    /// worries a fixed eight left the link search at 54 % of the whole layout.
    func resolvedCellsPerCutoff(xs: [Double], ys: [Double]) -> Int {
        if cellsPerCutoff > 0 { return cellsPerCutoff }
        guard xs.count > 64, let minX = xs.min(), let minY = ys.min() else { return 1 }
        let columns = Int((xs.max()! - minX) / cutoff) + 1
        let rows = Int((ys.max()! - minY) / cutoff) + 1
        var counts = [Int](repeating: 0, count: columns * rows)
        var densest = 0
        for i in xs.indices {
            let c = Int((ys[i] - minY) / cutoff) * columns + Int((xs[i] - minX) / cutoff)
            counts[c] += 1
            densest = max(densest, counts[c])
        }
        let steps = (Double(densest) / Self.targetPerCell).squareRoot().rounded(.up)
        return min(Self.maxCellsPerCutoff, max(1, Int(steps)))
    }

    /// Stars per fine cell the densest square aims at.
    static let targetPerCell: Double = 8
    /// Finest grid: cells of cut-off / 32.
    static let maxCellsPerCutoff = 32

    /// Each star's `k` nearest neighbours within the cut-off, nearest first (equal distances
    /// by `ranks`).
    func nearestNeighbours(of points: [(x: Double, y: Double)], k: Int, ranks: [Int]) -> [[(distance2: Double, index: Int)]] {
        let n = points.count
        let xs = points.map { $0.x * SkyLayout.aspectRatio }
        let ys = points.map { $0.y }
        let steps = resolvedCellsPerCutoff(xs: xs, ys: ys)
        let cell = cutoff / Double(steps)
        let cutoff2 = cutoff * cutoff

        // Bounding box of the points; cells are counted from its corner.
        let minX = xs.min()!, minY = ys.min()!
        let columns = max(1, Int(((xs.max()! - minX) / cell).rounded(.down)) + 1)
        let rows = max(1, Int(((ys.max()! - minY) / cell).rounded(.down)) + 1)
        func column(_ i: Int) -> Int { min(columns - 1, Int((xs[i] - minX) / cell)) }
        func row(_ i: Int) -> Int { min(rows - 1, Int((ys[i] - minY) / cell)) }

        // Counting sort of the points into cells: members of cell c are
        // members[starts[c] ..< starts[c + 1]], in increasing index order.
        var starts = [Int](repeating: 0, count: columns * rows + 1)
        var cellOf = [Int](repeating: 0, count: n)
        for i in 0..<n {
            cellOf[i] = row(i) * columns + column(i)
            starts[cellOf[i] + 1] += 1
        }
        for c in 0..<(columns * rows) { starts[c + 1] += starts[c] }
        var members = [Int](repeating: 0, count: n)
        var fill = starts
        for i in 0..<n {
            members[fill[cellOf[i]]] = i
            fill[cellOf[i]] += 1
        }

        var near: [[(distance2: Double, index: Int)]] = []
        near.reserveCapacity(n)
        var best = NearestList(capacity: k)
        for i in 0..<n {
            best.removeAll()
            let cx = column(i), cy = row(i)
            let xi = xs[i], yi = ys[i]
            for ring in 0...steps {
                let rowRange = max(0, cy - ring)...min(rows - 1, cy + ring)
                for gy in rowRange {
                    let onEdgeRow = gy == cy - ring || gy == cy + ring
                    // Inside the ring only the two edge columns are new; on its top and
                    // bottom rows every column is.
                    let stride = onEdgeRow ? 1 : max(1, 2 * ring)
                    var gx = cx - ring
                    while gx <= cx + ring {
                        if gx >= 0 && gx < columns {
                            let c = gy * columns + gx
                            for m in starts[c]..<starts[c + 1] {
                                let j = members[m]
                                if j == i { continue }
                                let dx = xs[j] - xi, dy = ys[j] - yi
                                let d2 = dx * dx + dy * dy
                                if d2 <= cutoff2 { best.offer(distance2: d2, index: j, rank: ranks[j]) }
                            }
                        }
                        gx += stride
                    }
                }
                // Anything in a farther ring is more than ring * cell away.
                if best.isFull, let worst = best.worstDistance2 {
                    let reach = Double(ring) * cell
                    if worst <= reach * reach { break }
                }
            }
            near.append(best.entries.map { ($0.distance2, $0.index) })
        }
        return near
    }
}

/// The k nearest candidates seen so far for one star, nearest first (ties by rank).
struct NearestList: Sendable {
    private(set) var entries: [(distance2: Double, index: Int, rank: Int)] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity + 1)
    }

    var isFull: Bool { entries.count >= capacity }

    var worstDistance2: Double? { entries.last?.distance2 }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    /// Keeps the candidate if it is among the `capacity` nearest (ordered by distance, rank).
    mutating func offer(distance2: Double, index: Int, rank: Int) {
        if isFull, let last = entries.last, (last.distance2, last.rank) <= (distance2, rank) { return }
        var position = entries.count
        while position > 0, (entries[position - 1].distance2, entries[position - 1].rank) > (distance2, rank) {
            position -= 1
        }
        entries.insert((distance2, index, rank), at: position)
        if entries.count > capacity { entries.removeLast() }
    }
}
