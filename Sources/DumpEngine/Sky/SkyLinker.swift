import Foundation

/// Finds the faint links between near stars without comparing every pair.
///
/// Distances are measured on the 16:9 canvas in units of the sky's height (x is stretched
/// by 16/9), so a link that looks short is short. Each star proposes its `maxLinksPerNode`
/// nearest neighbours within the cut-off, found with a uniform grid and an outward ring
/// search; all proposals are then taken shortest first, skipping any that would give either
/// end more than `maxLinksPerNode` links. Ties are broken by index, so the result is fully
/// deterministic.
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
    /// `a`, then `b`, with `a < b`.
    public func links(for points: [(x: Double, y: Double)]) -> [SkyLink] {
        let k = maxLinksPerNode
        guard k > 0, cutoff > 0, points.count > 1 else { return [] }
        let proposals = nearestNeighbours(of: points, k: k)
        return Self.acceptShortestFirst(proposals, pointCount: points.count, maxLinksPerNode: k, cutoff: cutoff)
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

    /// Each star's `k` nearest neighbours within the cut-off, as (squared distance, i, j).
    func nearestNeighbours(of points: [(x: Double, y: Double)], k: Int) -> [Proposal] {
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

        var proposals: [Proposal] = []
        proposals.reserveCapacity(n * k)
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
                                if d2 <= cutoff2 { best.offer(distance2: d2, index: j) }
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
            for (d2, j) in best.entries {
                proposals.append(Proposal(distance2: d2, a: min(i, j), b: max(i, j)))
            }
        }
        return proposals
    }

    /// Takes proposals shortest first (then by indices), skipping duplicates and any that
    /// would exceed `maxLinksPerNode` at either end; returns links ordered by `a`, then `b`.
    static func acceptShortestFirst(
        _ proposals: [Proposal], pointCount: Int, maxLinksPerNode: Int, cutoff: Double
    ) -> [SkyLink] {
        let sorted = proposals.sorted()
        var degree = [Int](repeating: 0, count: pointCount)
        var links: [SkyLink] = []
        var previous: Proposal?
        for proposal in sorted {
            defer { previous = proposal }
            if let previous, previous.a == proposal.a, previous.b == proposal.b { continue }
            guard degree[proposal.a] < maxLinksPerNode, degree[proposal.b] < maxLinksPerNode else { continue }
            degree[proposal.a] += 1
            degree[proposal.b] += 1
            let strength = max(0, 1 - proposal.distance2.squareRoot() / cutoff)
            links.append(SkyLink(a: proposal.a, b: proposal.b, strength: strength))
        }
        links.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        return links
    }

    /// A candidate link: squared distance and the two indices (`a < b`).
    struct Proposal: Comparable, Sendable {
        var distance2: Double
        var a: Int
        var b: Int

        static func < (lhs: Proposal, rhs: Proposal) -> Bool {
            (lhs.distance2, lhs.a, lhs.b) < (rhs.distance2, rhs.a, rhs.b)
        }
    }
}

/// The k nearest candidates seen so far for one star, nearest first (ties by index).
struct NearestList: Sendable {
    private(set) var entries: [(distance2: Double, index: Int)] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity + 1)
    }

    var isFull: Bool { entries.count >= capacity }

    var worstDistance2: Double? { entries.last?.distance2 }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    /// Keeps the candidate if it is among the `capacity` nearest (ordered by distance, index).
    mutating func offer(distance2: Double, index: Int) {
        if isFull, let last = entries.last, (last.distance2, last.index) <= (distance2, index) { return }
        var position = entries.count
        while position > 0, (entries[position - 1].distance2, entries[position - 1].index) > (distance2, index) {
            position -= 1
        }
        entries.insert((distance2, index), at: position)
        if entries.count > capacity { entries.removeLast() }
    }
}
