import Foundation

/// Chooses which stars carry a text label: the brightest first, each only if its label box
/// stays clear of every label already chosen (and of any box the caller reserved, such as
/// constellation names).
///
/// Boxes are checked grown by each star's drift amplitude, so labels that sway with their
/// stars still never touch; and every chosen box lies wholly inside the sky. A label that
/// would lie over more than `maxCoveredStars` other stars (the heart of a constellation) is
/// not drawn either: words over a crowd of glows cannot be read. The brightest star is
/// labelled first, whatever lies under its words.
enum SkyLabeller {
    /// Most stars a label may cover.
    static let maxCoveredStars = 5

    /// Sets `label` on stars of `nodes`, visiting them in order (brightest first), until
    /// `budget` stars are labelled; stars already labelled count and keep their labels.
    static func assignLabels(to nodes: inout [SkyNode], budget: Int, avoiding reserved: [SkyLabelBox] = []) {
        var taken = reserved + nodes.filter(\.label).map(sweptBox)
        var count = nodes.filter(\.label).count
        guard count < budget else { return }
        let crowd = count == 0 ? nil : StarGrid(nodes)
        for index in nodes.indices where !nodes[index].label {
            // The narrowest label this star could have lies inside its real one, so if even
            // that is blocked the real one is too: dense constellations are skipped without
            // measuring their words.
            let narrowest = narrowestBox(nodes[index])
            if taken.contains(where: { $0.intersects(narrowest) }) { continue }
            if let crowd, crowd.count(in: narrowest, limit: maxCoveredStars + 1) > maxCoveredStars { continue }
            let swept = sweptBox(nodes[index])
            guard swept.isInsideSky, !taken.contains(where: { $0.intersects(swept) }) else { continue }
            if let crowd, crowd.count(in: SkyLabel.box(for: nodes[index]), limit: maxCoveredStars + 1) > maxCoveredStars {
                continue
            }
            nodes[index].label = true
            taken.append(swept)
            count += 1
            if count == budget { break }
        }
    }

    /// The swept box of a one-grapheme label of the narrowest kind: inside every label box
    /// the star can have (centred on the same x, same top and height).
    static func narrowestBox(_ node: SkyNode) -> SkyLabelBox {
        let scale = SkyLabel.fontScale(count: node.count)
        let width = SkyLabel.unitWidth * scale * SkyLabel.narrowUnit
        let top = node.y + node.radius + SkyLabel.gap
        return SkyLabelBox(minX: node.x - width / 2, minY: top, maxX: node.x + width / 2, maxY: top + SkyLabel.lineHeight * scale)
            .expanded(dx: node.drift.ax, dy: node.drift.ay)
    }

    /// A star's label box grown by its drift.
    static func sweptBox(_ node: SkyNode) -> SkyLabelBox {
        SkyLabel.box(for: node).expanded(dx: node.drift.ax, dy: node.drift.ay)
    }

    /// Rest positions of stars in cells, to count the stars under a label box.
    struct StarGrid {
        static let cellWidth = 0.0125
        static let cellHeight = 0.02
        let columns: Int
        let rows: Int
        let starts: [Int]
        let xs: [Double]
        let ys: [Double]

        init(_ nodes: [SkyNode]) {
            let columns = Int(1 / Self.cellWidth) + 1, rows = Int(1 / Self.cellHeight) + 1
            self.columns = columns
            self.rows = rows
            func cell(_ node: SkyNode) -> Int {
                let c = min(columns - 1, max(0, Int(node.x / Self.cellWidth)))
                let r = min(rows - 1, max(0, Int(node.y / Self.cellHeight)))
                return r * columns + c
            }
            var counts = [Int](repeating: 0, count: columns * rows + 1)
            for node in nodes { counts[cell(node) + 1] += 1 }
            for i in 0..<(columns * rows) { counts[i + 1] += counts[i] }
            var fill = counts
            var xs = [Double](repeating: 0, count: nodes.count), ys = xs
            for node in nodes {
                let c = cell(node)
                xs[fill[c]] = node.x
                ys[fill[c]] = node.y
                fill[c] += 1
            }
            starts = counts
            self.xs = xs
            self.ys = ys
        }

        /// Stars whose rest position lies inside `box`, counting no further than `limit`.
        func count(in box: SkyLabelBox, limit: Int) -> Int {
            let c0 = max(0, Int(box.minX / Self.cellWidth)), c1 = min(columns - 1, Int(box.maxX / Self.cellWidth))
            let r0 = max(0, Int(box.minY / Self.cellHeight)), r1 = min(rows - 1, Int(box.maxY / Self.cellHeight))
            guard c0 <= c1, r0 <= r1 else { return 0 }
            var found = 0
            for r in r0...r1 {
                for c in c0...c1 {
                    let cell = r * columns + c
                    for k in starts[cell]..<starts[cell + 1]
                    where xs[k] >= box.minX && xs[k] <= box.maxX && ys[k] >= box.minY && ys[k] <= box.maxY {
                        found += 1
                        if found >= limit { return found }
                    }
                }
            }
            return found
        }
    }
}
