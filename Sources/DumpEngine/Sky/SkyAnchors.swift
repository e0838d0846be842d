import Foundation

/// Where the stars of each theme gather in one sky (a pure function of the sky seed and the
/// theme, so no constellation ever moves because of another).
///
/// The topics of the word lists (work, study, sleep, …) have fixed places: a golden-angle
/// spiral filling the disc of `SkyPlacement.anchorRadius` evenly, in an order and at a turn
/// drawn from the sky seed, so the big constellations never pile up on each other and a sky
/// keeps its arrangement from night to night. Any other theme (a single word) rests where
/// its own hash puts it, uniformly within the same disc.
struct SkyAnchors {
    /// The prefix of a topic theme's key ("topic:work").
    static let topicPrefix = "topic:"

    let seed: UInt64
    /// The place of every topic of the word lists.
    let topicSlots: [String: (x: Double, y: Double)]

    /// The anchors of the sky with `seed`: slot i of the spiral lies at radius
    /// `anchorRadius`·√((i + ½)/n), angle i·golden angle + a turn; topics take the slots in a
    /// seeded shuffle.
    init(seed: UInt64) {
        self.seed = seed
        let topics = WorryLexicon.shared.topics
        var random = SplitMix64(seed: stableHash("topic slots", seed: seed))
        var order = Array(topics.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, random.index(below: i + 1))
        }
        let turn = 2 * Double.pi * random.unit()
        let golden = Double.pi * (3 - 5.0.squareRoot())
        var slots: [String: (x: Double, y: Double)] = [:]
        for (slot, topic) in order.enumerated() {
            let reach = SkyPlacement.anchorRadius * ((Double(slot) + 0.5) / Double(topics.count)).squareRoot()
            let angle = turn + golden * Double(slot)
            slots[Self.topicPrefix + topics[topic]] = (
                0.5 + reach * cos(angle) / SkyLayout.aspectRatio, 0.5 + reach * sin(angle)
            )
        }
        topicSlots = slots
    }

    /// Where the stars of `theme` gather.
    func anchor(theme: String) -> (x: Double, y: Double) {
        if let slot = topicSlots[theme] { return slot }
        var random = SplitMix64(seed: stableHash(theme, seed: seed ^ 0x7468_656D_6521))
        let reach = SkyPlacement.anchorRadius * random.unit().squareRoot()
        let angle = 2 * Double.pi * random.unit()
        return (0.5 + reach * cos(angle) / SkyLayout.aspectRatio, 0.5 + reach * sin(angle))
    }
}
