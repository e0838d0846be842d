import Foundation

/// Builds a sky's constellations from its ordered stars: membership (`ConstellationRule`),
/// names, figures (lines) and where the names go.
struct SkyConstellationPlanner {
    /// What the planner needs to know of one star besides its node.
    struct Star {
        /// The theme it gathers under (already past the threshold), if any.
        var theme: String?
        /// Words of the star's worry that could name its theme's constellation.
        var words: [String]
        /// Distinct owners of the star's worries (empty when the caller gave none).
        var owners: Set<String>
    }

    let seed: UInt64
    /// Where each theme's stars gather.
    let anchors: SkyAnchors
    /// Most stars joined by a constellation's lines.
    let figureStars: Int
    /// Most names drawn in the sky.
    let nameBudget: Int

    /// Stars of a figure lie at most this far from their theme's anchor (units of the sky's
    /// height), so lines stay inside the constellation's core instead of spanning its halo.
    static let figureReach: Double = 0.09

    /// The constellations of `nodes` (ordered brightest first, as the layout orders them),
    /// largest first; sets each member's `constellation`. Names are not placed yet.
    func constellations(nodes: inout [SkyNode], stars: [Star]) -> [SkyConstellation] {
        var byTheme: [String: [Int]] = [:]
        for (index, star) in stars.enumerated() {
            if let theme = star.theme { byTheme[theme, default: []].append(index) }
        }
        struct Draft {
            var theme: String
            var id: String
            var members: [Int]
            var size: Int
        }
        var drafts: [Draft] = []
        for (theme, members) in byTheme where members.count >= ConstellationRule.minimumStars {
            let size = members.reduce(0) { $0 + nodes[$1].count }
            drafts.append(
                Draft(theme: theme, id: ConstellationRule.id(themeKey: theme, seed: seed), members: members.sorted(), size: size))
        }
        drafts.sort { a, b in
            if a.size != b.size { return a.size > b.size }
            if a.members.count != b.members.count { return a.members.count > b.members.count }
            return a.id < b.id
        }
        var result: [SkyConstellation] = []
        result.reserveCapacity(drafts.count)
        for (index, draft) in drafts.enumerated() {
            for member in draft.members { nodes[member].constellation = index }
            let name = Self.name(members: draft.members, nodes: nodes, stars: stars)
            var owners = Set<String>()
            for member in draft.members where stars[member].words.contains(name) {
                owners.formUnion(stars[member].owners)
            }
            let anchor = anchors.anchor(theme: draft.theme)
            result.append(
                SkyConstellation(
                    id: draft.id, name: name, size: draft.size, stars: draft.members.count,
                    x: anchor.x, y: anchor.y, label: false,
                    lines: figure(members: draft.members, nodes: nodes, anchor: anchor), nameOwners: owners.count))
        }
        return result
    }

    /// The word the members share most, each star counting its worries; ties go to the
    /// shorter word, then to the first in Unicode order.
    static func name(members: [Int], nodes: [SkyNode], stars: [Star]) -> String {
        var tally: [String: Int] = [:]
        for member in members {
            for word in stars[member].words { tally[word, default: 0] += nodes[member].count }
        }
        return name(tally: tally)
    }

    /// The name a tally of words (each weighted by its stars' worries) gives: the most
    /// counted, then the shorter, then the first in Unicode order; "" for none.
    static func name(tally: [String: Int]) -> String {
        let best = tally.min { a, b in
            if a.value != b.value { return a.value > b.value }
            if a.key.count != b.key.count { return a.key.count < b.key.count }
            return a.key.unicodeScalars.lexicographicallyPrecedes(b.key.unicodeScalars) { $0.value < $1.value }
        }
        return best?.key ?? ""
    }

    /// Lines joining the brightest members near the anchor: the shortest tree over them
    /// (Prim's algorithm on the 16:9 canvas), ordered by `a`, then `b`.
    func figure(members: [Int], nodes: [SkyNode], anchor: (x: Double, y: Double)) -> [SkyConstellation.Line] {
        var chosen: [Int] = []
        for member in members where chosen.count < figureStars {
            if Self.isInFigureReach(nodes[member].x, nodes[member].y, of: anchor) { chosen.append(member) }
        }
        return Self.shortestTree(chosen.map { (x: nodes[$0].x, y: nodes[$0].y) }).map { pair in
            let a = chosen[pair.0], b = chosen[pair.1]
            return SkyConstellation.Line(a: min(a, b), b: max(a, b))
        }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    /// Distance² between two rest positions on the 16:9 canvas.
    static func distance2(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let dx = (ax - bx) * SkyLayout.aspectRatio, dy = ay - by
        return dx * dx + dy * dy
    }

    /// Whether a star resting at (x, y) may be one of its constellation's figure (within
    /// `figureReach` of the anchor).
    static func isInFigureReach(_ x: Double, _ y: Double, of anchor: (x: Double, y: Double)) -> Bool {
        distance2(x, y, anchor.x, anchor.y) <= figureReach * figureReach
    }

    /// The edges of the shortest tree over `points` (Prim's algorithm from the first point;
    /// equal distances go to the earlier point), as pairs of positions in `points`; none for
    /// fewer than two points.
    static func shortestTree(_ points: [(x: Double, y: Double)]) -> [(Int, Int)] {
        guard points.count >= 2 else { return [] }
        var inTree = [Bool](repeating: false, count: points.count)
        var best = [Double](repeating: .infinity, count: points.count)
        var parent = [Int](repeating: -1, count: points.count)
        best[0] = 0
        var edges: [(Int, Int)] = []
        for _ in 0..<points.count {
            var next = -1
            for k in points.indices where !inTree[k] && (next < 0 || best[k] < best[next]) { next = k }
            inTree[next] = true
            if parent[next] >= 0 { edges.append((parent[next], next)) }
            let n = points[next]
            for k in points.indices where !inTree[k] {
                let d = distance2(n.x, n.y, points[k].x, points[k].y)
                if d < best[k] {
                    best[k] = d
                    parent[k] = next
                }
            }
        }
        return edges
    }

    /// Places the names of the largest constellations (up to `nameBudget`) where their boxes
    /// stay inside the sky and clear of the star labels chosen so far and of each other:
    /// above the figure, below it, on the anchor, beside it, or a little farther out,
    /// whichever is free first. Returns the boxes taken (grown by a small margin).
    @discardableResult
    func placeNames(_ constellations: inout [SkyConstellation], nodes: [SkyNode]) -> [SkyLabelBox] {
        placeNames(
            &constellations, labels: nodes.filter(\.label).map(SkyLabeller.sweptBox),
            position: { (x: nodes[$0].x, y: nodes[$0].y) })
    }

    /// The same, given the swept boxes of the labelled stars and where the star a line names
    /// rests (`LiveSky` names stars by its own numbers). Returns the boxes taken.
    @discardableResult
    func placeNames(
        _ constellations: inout [SkyConstellation], labels: [SkyLabelBox], position: (Int) -> (x: Double, y: Double)
    ) -> [SkyLabelBox] {
        guard nameBudget > 0 else { return [] }
        var names: [SkyLabelBox] = []
        var placed = 0
        for index in constellations.indices where placed < nameBudget {
            let constellation = constellations[index]
            guard !constellation.name.isEmpty else { continue }
            let anchor = (x: constellation.x, y: constellation.y)
            var figure = Set<Int>()
            for line in constellation.lines {
                figure.insert(line.a)
                figure.insert(line.b)
            }
            let points = figure.isEmpty ? [anchor] : figure.sorted().map(position)
            let top = points.map(\.y).min()!, bottom = points.map(\.y).max()!
            let left = points.map(\.x).min()!, right = points.map(\.x).max()!
            let centreX = (left + right) / 2
            let probe = SkyConstellationLabel.box(for: constellation.name, x: 0, y: 0)
            let gap = 0.02
            var spots: [(Double, Double)] = [
                (centreX, top - gap - probe.height / 2),
                (centreX, bottom + gap + 2 * SkyLabel.lineHeight + probe.height / 2),
                (anchor.x, anchor.y),
                (left - gap / SkyLayout.aspectRatio - probe.width / 2, (top + bottom) / 2),
                (right + gap / SkyLayout.aspectRatio + probe.width / 2, (top + bottom) / 2),
            ]
            // Then a ring farther out, in eight directions.
            for step in 0..<8 {
                let angle = Double(step) * Double.pi / 4 - Double.pi / 2
                spots.append((anchor.x + 0.1 * cos(angle) / SkyLayout.aspectRatio, anchor.y + 0.1 * sin(angle)))
            }
            for (x, y) in spots {
                let box = SkyConstellationLabel.box(for: constellation.name, x: x, y: y)
                let roomy = box.expanded(dx: 0.004, dy: 0.004)
                guard roomy.minX >= 0.01, roomy.maxX <= 0.99, roomy.minY >= 0.01, roomy.maxY <= 0.99,
                    !labels.contains(where: { $0.intersects(roomy) }),
                    !names.contains(where: { $0.intersects(roomy) })
                else { continue }
                constellations[index].x = x
                constellations[index].y = y
                constellations[index].label = true
                names.append(roomy)
                placed += 1
                break
            }
        }
        return names
    }
}
