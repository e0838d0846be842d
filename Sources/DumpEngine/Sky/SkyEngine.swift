import Foundation

/// Lays out every live worry as a star cluster: one star per distinct (normalised) text,
/// placed by its hash, bright ones labelled, near ones linked.
///
/// A pure function of (worries, options, now): no I/O, no randomness beyond the seed, so the
/// same input always gives an equal layout and identical JSON bytes.
public struct SkyEngine: Sendable {
    /// The knobs of a sky.
    public struct Options: Sendable, Equatable, Hashable {
        /// Seed for every position, colour and drift (only its low 53 bits are used).
        public var seed: UInt64
        /// Most stars that carry a text label.
        public var labelBudget: Int
        /// Longest link, in units of the sky's height on a 16:9 canvas.
        public var linkCutoff: Double
        /// Most links any one star takes part in.
        public var maxLinksPerNode: Int

        /// Creates options; the defaults suit a full-screen 16:9 sky.
        public init(seed: UInt64, labelBudget: Int = 24, linkCutoff: Double = 0.12, maxLinksPerNode: Int = 3) {
            self.seed = seed
            self.labelBudget = labelBudget
            self.linkCutoff = linkCutoff
            self.maxLinksPerNode = maxLinksPerNode
        }
    }

    /// The options this engine lays skies out with.
    public var options: Options

    /// Creates an engine with `options`.
    public init(options: Options) {
        self.options = options
    }

    /// Creates an engine from the individual options.
    public init(seed: UInt64, labelBudget: Int = 24, linkCutoff: Double = 0.12, maxLinksPerNode: Int = 3) {
        self.init(options: Options(
            seed: seed, labelBudget: labelBudget, linkCutoff: linkCutoff, maxLinksPerNode: maxLinksPerNode))
    }

    /// The sky of `worries` at `now`.
    ///
    /// Worries whose texts normalise alike (`SkyText.normalised`) become one star whose
    /// count is the group's size and whose text is the earliest worry's. Stars are ordered
    /// by count (descending), then first worry's time, then id. Worries with no visible text
    /// are left out.
    public func layout(_ worries: [SkyWorry], now: Date) -> SkyLayout {
        layout(worries, keys: worries.map { SkyText.normalised($0.text) }, now: now)
    }

    /// The same sky, given each worry's `SkyText.normalised` text in `keys` (same order), so a
    /// caller that lays out the same worries again and again can normalise each text once.
    public func layout(_ worries: [SkyWorry], keys: [String], now: Date) -> SkyLayout {
        precondition(keys.count == worries.count, "one key per worry")
        let seed = options.seed & SkyLayout.maxSeed
        let groups = Self.group(worries, keys: keys)

        var stars: [(node: SkyNode, since: Date)] = []
        stars.reserveCapacity(groups.count)
        for (normalised, group) in groups {
            let id = SkyPlacement.nodeID(normalisedText: normalised, seed: seed)
            let place = SkyPlacement(nodeID: id, seed: seed)
            let first = worries[group.first]
            let node = SkyNode(
                id: id, text: first.text, count: group.count, x: place.x, y: place.y,
                radius: SkyPlacement.radius(count: group.count), color: place.color,
                label: false, drift: place.drift)
            stars.append((node, first.createdAt))
        }
        stars.sort { lhs, rhs in
            if lhs.node.count != rhs.node.count { return lhs.node.count > rhs.node.count }
            if lhs.since != rhs.since { return lhs.since < rhs.since }
            return lhs.node.id < rhs.node.id
        }

        var nodes = stars.map(\.node)
        SkyLabeller.assignLabels(to: &nodes, budget: options.labelBudget)
        let linker = SkyLinker(cutoff: options.linkCutoff, maxLinksPerNode: options.maxLinksPerNode)
        let links = linker.links(for: nodes.map { ($0.x, $0.y) })
        return SkyLayout(seed: seed, generatedAt: now, nodes: nodes, links: links)
    }

    /// One group of worries with the same normalised text.
    struct Group {
        /// How many worries share the text.
        var count: Int
        /// Index (into the input) of the earliest worry: by `createdAt`, then id, then position.
        var first: Int
    }

    /// Groups `worries` by their normalised texts `keys`, dropping texts that normalise to nothing.
    static func group(_ worries: [SkyWorry], keys: [String]) -> [String: Group] {
        var groups: [String: Group] = [:]
        groups.reserveCapacity(worries.count)
        for (index, worry) in worries.enumerated() {
            let key = keys[index]
            if key.isEmpty { continue }
            if var group = groups[key] {
                group.count += 1
                let current = worries[group.first]
                if (worry.createdAt, worry.id) < (current.createdAt, current.id) { group.first = index }
                groups[key] = group
            } else {
                groups[key] = Group(count: 1, first: index)
            }
        }
        return groups
    }
}
