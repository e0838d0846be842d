import Foundation

/// Chooses which stars carry a text label: the brightest first, each only if its label box
/// stays clear of every label already chosen (and of any box the caller reserved, such as
/// constellation names).
///
/// Boxes are checked grown by each star's drift amplitude, so labels that sway with their
/// stars still never touch; and every chosen box lies wholly inside the sky.
enum SkyLabeller {
    /// Sets `label` on stars of `nodes`, visiting them in order (brightest first), until
    /// `budget` stars are labelled; stars already labelled count and keep their labels.
    static func assignLabels(to nodes: inout [SkyNode], budget: Int, avoiding reserved: [SkyLabelBox] = []) {
        var taken = reserved + nodes.filter(\.label).map(sweptBox)
        var count = nodes.filter(\.label).count
        guard count < budget else { return }
        for index in nodes.indices where !nodes[index].label {
            // The narrowest label this star could have lies inside its real one, so if even
            // that is blocked the real one is too: dense constellations are skipped without
            // measuring their words.
            let narrowest = narrowestBox(nodes[index])
            if taken.contains(where: { $0.intersects(narrowest) }) { continue }
            let swept = sweptBox(nodes[index])
            guard swept.isInsideSky, !taken.contains(where: { $0.intersects(swept) }) else { continue }
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
}
