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
    /// The most shared stars (this many, by count then age) may be labelled over a crowd:
    /// they are what the sky is about, and their words keep a rim of night on every picture.
    static let crowdExempt = 8
    /// Only this many of the brightest stars are considered for a label: the labels of a sky
    /// of 100,000 stars cost what those of a sky of 2,000 do, and `LiveSky` can keep them up to
    /// date without visiting the faint stars.
    static let candidateLimit = 2_000

    /// Sets `label` (and `labelAt`) on stars of `nodes`, visiting them in order (most shared
    /// first, then oldest), until `budget` stars are labelled; stars already labelled count and
    /// keep their labels. Each star tries its label under, above, right of and left of itself,
    /// and takes the first place whose box is inside the sky, clear of every label already
    /// placed and of the discs of labelled stars, and over at most `maxCoveredStars` stars
    /// (the `crowdExempt` most shared stars may cover more).
    static func assignLabels(to nodes: inout [SkyNode], budget: Int, avoiding reserved: [SkyLabelBox] = []) {
        let count = nodes.filter(\.label).count
        guard count < budget else { return }
        assignLabels(to: &nodes, budget: budget, avoiding: reserved, crowd: count == 0 ? nil : StarGrid(nodes))
    }

    /// The same, with the stars under a label counted by `crowd` (nil: not counted, as when
    /// the brightest star is labelled first); `nodes` may be just the brightest
    /// `candidateLimit` stars, in order, when `crowd` counts all of them. Returns how many
    /// stars were visited. `wideUnits`, when given, tells each node's
    /// `SkyLabel.wideUnits(of: SkyLabel.text(for:))` by index (a live sky measures a star's
    /// words once in its life rather than at every labelling).
    @discardableResult
    static func assignLabels(
        to nodes: inout [SkyNode], budget: Int, avoiding reserved: [SkyLabelBox], crowd: (any StarCounting)?,
        wideUnits: ((Int) -> Double)? = nil
    ) -> Int {
        var taken = reserved + nodes.filter(\.label).flatMap { [sweptBox($0), disc($0)] }
        var count = nodes.filter(\.label).count
        guard count < budget else { return 0 }
        var visited = 0
        for index in nodes.indices.prefix(candidateLimit) where !nodes[index].label {
            visited = index + 1
            guard
                let (node, swept) = label(
                    nodes[index], exempt: index < crowdExempt, taken: taken, crowd: crowd,
                    wideUnits: wideUnits.map { units in { units(index) } })
            else { continue }
            nodes[index] = node
            taken.append(swept)
            taken.append(disc(node))
            count += 1
            if count == budget { break }
        }
        return visited
    }

    /// The star `node` labelled at the first place whose box is inside the sky, clear of
    /// `taken` and (unless `exempt`) over at most `maxCoveredStars` stars counted by `crowd`;
    /// nil when no place is. `wideUnits` gives its words' width when known. Returns the
    /// labelled star and its label's box grown by its drift (which later labels keep off).
    static func label(
        _ node: SkyNode, exempt: Bool, taken: [SkyLabelBox], crowd: (any StarCounting)?, wideUnits: (() -> Double)?
    ) -> (node: SkyNode, swept: SkyLabelBox)? {
        var size: (width: Double, height: Double)?
        for place in SkyLabel.Place.allCases {
            var node = node
            node.labelAt = place == .below ? nil : place
            // The narrowest label this star could have lies inside its real one, so if even
            // that is blocked the real one is too: dense constellations are skipped without
            // measuring their words.
            let narrowest = narrowestBox(node)
            if taken.contains(where: { $0.intersects(narrowest) }) { continue }
            if !exempt, let crowd, crowd.count(in: narrowest, limit: maxCoveredStars + 1) > maxCoveredStars { continue }
            // The words are measured once per star, whichever places it tries.
            if size == nil {
                let scale = SkyLabel.fontScale(count: node.count)
                size = (
                    SkyLabel.unitWidth * scale * (wideUnits?() ?? SkyLabel.wideUnits(of: SkyLabel.text(for: node.text))),
                    SkyLabel.lineHeight * scale
                )
            }
            let box = SkyLabel.box(for: node, at: place, width: size!.width, height: size!.height)
            let swept = box.expanded(dx: node.drift.ax, dy: node.drift.ay)
            guard swept.isInsideSky, !taken.contains(where: { $0.intersects(swept) }) else { continue }
            if !exempt, let crowd, crowd.count(in: box, limit: maxCoveredStars + 1) > maxCoveredStars {
                continue
            }
            node.label = true
            return (node, swept)
        }
        return nil
    }

    /// The box of a star's disc (its radius, grown by its drift): later labels keep off it.
    static func disc(_ node: SkyNode) -> SkyLabelBox {
        let rx = node.radius / SkyLayout.aspectRatio
        return SkyLabelBox(minX: node.x - rx, minY: node.y - node.radius, maxX: node.x + rx, maxY: node.y + node.radius)
            .expanded(dx: node.drift.ax, dy: node.drift.ay)
    }

    /// The swept box of a one-grapheme label of the narrowest kind at the star's place: inside
    /// every label box the star can have there.
    static func narrowestBox(_ node: SkyNode) -> SkyLabelBox {
        let scale = SkyLabel.fontScale(count: node.count)
        let width = SkyLabel.unitWidth * scale * SkyLabel.narrowUnit
        let place = node.labelAt ?? .below
        var box = SkyLabel.box(for: node, at: place, width: width, height: SkyLabel.lineHeight * scale)
        // Left of the star the words end at the star; the narrowest one hugs that end.
        if place == .left { box = SkyLabelBox(minX: box.maxX - width, minY: box.minY, maxX: box.maxX, maxY: box.maxY) }
        return box.expanded(dx: node.drift.ax, dy: node.drift.ay)
    }

    /// A star's label box grown by its drift.
    static func sweptBox(_ node: SkyNode) -> SkyLabelBox {
        SkyLabel.box(for: node).expanded(dx: node.drift.ax, dy: node.drift.ay)
    }

    /// Rest positions of stars in cells, to count the stars under a label box.
    struct StarGrid: StarCounting {
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
                    for k in starts[cell]..<starts[cell + 1] where box.contains(x: xs[k], y: ys[k]) {
                        found += 1
                        if found >= limit { return found }
                    }
                }
            }
            return found
        }
    }
}

/// Counts the stars whose rest position lies inside a box (edges included).
protocol StarCounting {
    /// Stars whose rest position lies inside `box`, counting no further than `limit`.
    func count(in box: SkyLabelBox, limit: Int) -> Int
}
