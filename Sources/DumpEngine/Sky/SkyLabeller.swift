import Foundation

/// Chooses which stars carry a text label: the brightest first, each only if its label box
/// stays clear of every label already chosen.
///
/// Boxes are checked grown by each star's drift amplitude, so labels that sway with their
/// stars still never touch; and every chosen box lies wholly inside the sky.
enum SkyLabeller {
    /// Sets `label` on up to `budget` of `nodes`, visiting them in order (brightest first).
    static func assignLabels(to nodes: inout [SkyNode], budget: Int) {
        guard budget > 0 else { return }
        var taken: [SkyLabelBox] = []
        taken.reserveCapacity(budget)
        for index in nodes.indices {
            let node = nodes[index]
            let swept = SkyLabel.box(for: node).expanded(dx: node.drift.ax, dy: node.drift.ay)
            guard swept.isInsideSky, !taken.contains(where: { $0.intersects(swept) }) else { continue }
            nodes[index].label = true
            taken.append(swept)
            if taken.count == budget { break }
        }
    }
}
