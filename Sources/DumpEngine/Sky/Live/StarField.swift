/// The stars of a `LiveSky` in a fixed grid on the 16:9 canvas, with each star's nearest
/// neighbours (`SkyLinker`'s rule) kept up to date as stars come and go.
///
/// A new star looks for its own nearest in the rings of cells around it, and for the stars
/// that now count it among theirs in the cells within the cut-off whose widest reach (the
/// distance to a member's farthest kept neighbour) touches it. A star that leaves makes only
/// the stars that kept it look again. All of this is bounded by the cut-off's neighbourhood,
/// whatever the number of stars.
struct StarField {
    /// One kept neighbour: the squared distance on the canvas and the star's slot.
    struct Neighbour: Equatable {
        var distance2: Double
        var slot: Int
    }

    let cutoff: Double
    let cutoff2: Double
    let k: Int
    /// Cells per cut-off; cells are `cutoff / steps` wide. Finer where stars crowd: the
    /// nearest search reads the cells around a star, so thousands of stars in one cell made a
    /// sky of a million worries take minutes to build (`steps(forDensest:)`).
    let steps: Int

    /// Cells per cut-off for a sky whose densest cut-off-sized square holds `densest` stars:
    /// about 8 stars per cell there, 16 to 64 cells per cut-off.
    static func steps(forDensest densest: Int) -> Int {
        min(64, max(16, Int((Double(densest) / 8).squareRoot().rounded(.up))))
    }
    let cell: Double
    let columns: Int
    let rows: Int

    /// Members of each cell (slots).
    private var members: [[Int]]
    /// The widest squared reach of a member of each cell (0 when empty): no star farther
    /// than that from the cell can enter a member's neighbours.
    private var reach2: [Double]

    /// Per slot: position on the canvas (x stretched by 16/9), rest position, id (for ties).
    private(set) var gx: [Double] = []
    private(set) var gy: [Double] = []
    private(set) var x: [Double] = []
    private(set) var y: [Double] = []
    private(set) var ids: [String] = []
    private(set) var cellOf: [Int] = []
    private(set) var present: [Bool] = []
    /// Per slot: its nearest (at most `k`, within the cut-off), nearest first, ties by id.
    private(set) var near: [[Neighbour]] = []
    /// Per slot: the slots whose `near` holds it.
    private(set) var nearOf: [[Int]] = []

    init(cutoff: Double, k: Int, steps: Int = 16) {
        self.steps = steps
        self.cutoff = cutoff
        self.cutoff2 = cutoff * cutoff
        self.k = k
        cell = cutoff / Double(steps)
        columns = max(1, Int((SkyLayout.aspectRatio / cell).rounded(.up)))
        rows = max(1, Int((1 / cell).rounded(.up)))
        members = Array(repeating: [], count: columns * rows)
        reach2 = Array(repeating: 0, count: columns * rows)
    }

    private func column(_ gx: Double) -> Int { min(columns - 1, max(0, Int(gx / cell))) }
    private func row(_ gy: Double) -> Int { min(rows - 1, max(0, Int(gy / cell))) }

    /// Whether (d2, id a) comes before (d2', id b).
    private func before(_ d2: Double, _ a: Int, _ e2: Double, _ b: Int) -> Bool {
        d2 != e2 ? d2 < e2 : ids[a] < ids[b]
    }

    private func reachOf(_ slot: Int) -> Double {
        near[slot].count < k ? cutoff2 : near[slot][k - 1].distance2
    }

    private mutating func growSlots(to slot: Int) {
        while gx.count <= slot {
            gx.append(0)
            gy.append(0)
            x.append(0)
            y.append(0)
            ids.append("")
            cellOf.append(0)
            present.append(false)
            near.append([])
            nearOf.append([])
        }
    }

    /// Places a star at rest position (x, y) in `slot` and brings every kept neighbour list up
    /// to date.
    mutating func insert(slot: Int, id: String, x: Double, y: Double) {
        place(slot: slot, id: id, x: x, y: y)
        guard k > 0, cutoff > 0 else { return }
        near[slot] = search(from: slot)
        for n in near[slot] { nearOf[n.slot].append(slot) }
        updateReach(cellOf[slot])
        // The stars that now count the new one among their nearest.
        let p = slot
        for q in candidates(around: p) {
            let d2 = distance2(p, q)
            guard d2 <= cutoff2 else { continue }
            if near[q].count == k {
                let worst = near[q][k - 1]
                guard before(d2, p, worst.distance2, worst.slot) else { continue }
                near[q].removeLast()
                nearOf[worst.slot].removeAll { $0 == q }
            }
            var at = near[q].count
            while at > 0, before(d2, p, near[q][at - 1].distance2, near[q][at - 1].slot) { at -= 1 }
            near[q].insert(Neighbour(distance2: d2, slot: p), at: at)
            nearOf[p].append(q)
            updateReach(cellOf[q])
        }
    }

    /// Places stars without their neighbours (`linkAll()` finds them all at once).
    mutating func place(slot: Int, id: String, x: Double, y: Double) {
        growSlots(to: slot)
        precondition(!present[slot], "slot \(slot) is taken")
        self.x[slot] = x
        self.y[slot] = y
        gx[slot] = x * SkyLayout.aspectRatio
        gy[slot] = y
        ids[slot] = id
        present[slot] = true
        let c = row(gy[slot]) * columns + column(gx[slot])
        cellOf[slot] = c
        members[c].append(slot)
    }

    /// Finds every placed star's neighbours (after `place` calls on an empty field).
    mutating func linkAll() {
        guard k > 0, cutoff > 0 else { return }
        for slot in present.indices where present[slot] {
            near[slot] = search(from: slot)
            for n in near[slot] { nearOf[n.slot].append(slot) }
        }
        for c in members.indices where !members[c].isEmpty { updateReach(c) }
    }

    /// Takes the star in `slot` out; the stars that kept it find their nearest again.
    mutating func remove(slot: Int) {
        precondition(present[slot], "slot \(slot) is empty")
        present[slot] = false
        let c = cellOf[slot]
        members[c].removeAll { $0 == slot }
        for n in near[slot] { nearOf[n.slot].removeAll { $0 == slot } }
        near[slot] = []
        let keepers = nearOf[slot]
        nearOf[slot] = []
        updateReach(c)
        for q in keepers {
            for n in near[q] where n.slot != slot { nearOf[n.slot].removeAll { $0 == q } }
            near[q] = search(from: q)
            for n in near[q] { nearOf[n.slot].append(q) }
            updateReach(cellOf[q])
        }
    }

    private func distance2(_ a: Int, _ b: Int) -> Double {
        let dx = gx[b] - gx[a], dy = gy[b] - gy[a]
        return dx * dx + dy * dy
    }

    private mutating func updateReach(_ c: Int) {
        var widest = 0.0
        for m in members[c] { widest = max(widest, reachOf(m)) }
        reach2[c] = widest
    }

    /// The nearest (at most `k`, within the cut-off) of the star in `slot`, nearest first:
    /// rings of cells outward until no farther ring can hold a nearer star.
    private func search(from slot: Int) -> [Neighbour] {
        var best: [Neighbour] = []
        best.reserveCapacity(k + 1)
        let cx = column(gx[slot]), cy = row(gy[slot])
        for ring in 0...steps {
            for gyCell in max(0, cy - ring)...min(rows - 1, cy + ring) {
                let onEdgeRow = gyCell == cy - ring || gyCell == cy + ring
                let stride = onEdgeRow ? 1 : max(1, 2 * ring)
                var gxCell = cx - ring
                while gxCell <= cx + ring {
                    if gxCell >= 0 && gxCell < columns {
                        for j in members[gyCell * columns + gxCell] where j != slot {
                            let d2 = distance2(slot, j)
                            guard d2 <= cutoff2 else { continue }
                            if best.count == k, !before(d2, j, best[k - 1].distance2, best[k - 1].slot) { continue }
                            var at = best.count
                            while at > 0, before(d2, j, best[at - 1].distance2, best[at - 1].slot) { at -= 1 }
                            best.insert(Neighbour(distance2: d2, slot: j), at: at)
                            if best.count > k { best.removeLast() }
                        }
                    }
                    gxCell += stride
                }
            }
            if best.count == k {
                let reach = Double(ring) * cell
                if best[k - 1].distance2 <= reach * reach { break }
            }
        }
        return best
    }

    /// Every other star in a cell within the cut-off of `slot` whose widest reach touches it.
    private func candidates(around slot: Int) -> [Int] {
        var found: [Int] = []
        let cx = column(gx[slot]), cy = row(gy[slot])
        let px = gx[slot], py = gy[slot]
        for r in max(0, cy - steps)...min(rows - 1, cy + steps) {
            let top = Double(r) * cell, bottom = top + cell
            let dy = py < top ? top - py : (py > bottom ? py - bottom : 0)
            for c in max(0, cx - steps)...min(columns - 1, cx + steps) {
                let index = r * columns + c
                guard !members[index].isEmpty else { continue }
                let left = Double(c) * cell, right = left + cell
                let dx = px < left ? left - px : (px > right ? px - right : 0)
                guard dx * dx + dy * dy <= reach2[index] else { continue }
                for q in members[index] where q != slot { found.append(q) }
            }
        }
        return found
    }

    /// How many cells the grid has.
    var cellCount: Int { columns * rows }

    /// The cells a box (sky coordinates) spans: rows, then columns.
    func cells(in box: SkyLabelBox) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        (row(box.minY)...row(box.maxY), column(box.minX * SkyLayout.aspectRatio)...column(box.maxX * SkyLayout.aspectRatio))
    }

    /// Stars whose rest position lies inside `box` (sky coordinates, edges included),
    /// counting no further than `limit`.
    func count(in box: SkyLabelBox, limit: Int) -> Int {
        let (rowRange, columnRange) = cells(in: box)
        let (r0, r1, c0, c1) = (rowRange.lowerBound, rowRange.upperBound, columnRange.lowerBound, columnRange.upperBound)
        var found = 0
        for r in r0...r1 {
            for c in c0...c1 {
                for m in members[r * columns + c] where box.contains(x: x[m], y: y[m]) {
                    found += 1
                    if found >= limit { return found }
                }
            }
        }
        return found
    }

    /// Whether `a` and `b` keep each other among their nearest.
    func areMutual(_ a: Int, _ b: Int) -> Bool {
        near[a].contains { $0.slot == b } && near[b].contains { $0.slot == a }
    }
}
