import Foundation

/// Lays out every live worry as a star cluster: one star per distinct (normalised) text,
/// stars about the same thing gathered into named constellations, the others placed by
/// their hash, bright ones labelled, near ones linked.
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
        /// The share of a worry its theme must reach to join a constellation (`ConstellationRule`).
        public var constellationThreshold: Double
        /// Most constellation names drawn in the sky (the page's legend lists more).
        public var constellationNameBudget: Int
        /// Most stars a constellation's lines join.
        public var figureStars: Int

        /// Creates options; the defaults suit a full-screen 16:9 sky.
        public init(
            seed: UInt64, labelBudget: Int = 24, linkCutoff: Double = 0.12, maxLinksPerNode: Int = 3,
            constellationThreshold: Double = ConstellationRule.defaultThreshold, constellationNameBudget: Int = 12,
            figureStars: Int = 9
        ) {
            self.seed = seed
            self.labelBudget = labelBudget
            self.linkCutoff = linkCutoff
            self.maxLinksPerNode = maxLinksPerNode
            self.constellationThreshold = constellationThreshold
            self.constellationNameBudget = constellationNameBudget
            self.figureStars = figureStars
        }
    }

    /// The options this engine lays skies out with.
    public var options: Options
    /// Themes of the texts of the last live sky this engine (and its copies) laid out.
    let memo = SkyThemeMemo()

    /// Creates an engine with `options`.
    public init(options: Options) {
        self.options = options
    }

    /// Creates an engine from the individual options.
    public init(seed: UInt64, labelBudget: Int = 24, linkCutoff: Double = 0.12, maxLinksPerNode: Int = 3) {
        self.init(
            options: Options(
                seed: seed, labelBudget: labelBudget, linkCutoff: linkCutoff, maxLinksPerNode: maxLinksPerNode))
    }

    /// The id of the star that shows `text` in every sky this engine lays out: worries whose
    /// words are the same once normalised (`SkyText.normalised`) share one star.
    public func nodeID(text: String) -> String {
        SkyPlacement.nodeID(normalisedText: SkyText.normalised(text), seed: options.seed & SkyLayout.maxSeed)
    }

    /// The sky of `worries` at `now`.
    ///
    /// Worries whose texts normalise alike (`SkyText.normalised`) become one star whose
    /// count is the group's size and whose text is the earliest worry's. Stars are ordered
    /// by count (descending), then first worry's time, then id. Worries with no visible text
    /// are left out. Stars whose theme passes the threshold rest near their theme's anchor
    /// and, two or more of a theme, form a constellation (`ConstellationRule`).
    public func layout(_ worries: [SkyWorry], now: Date) -> SkyLayout {
        layout(worries, keys: worries.map { SkyText.normalised($0.text) }, now: now, remember: false)
    }

    /// The same sky, given each worry's `SkyText.normalised` text in `keys` (same order): how
    /// the service lays the live sky out again and again. The engine (and its copies) then
    /// also remembers each text's theme until a layout by this method without it
    /// (`SkyThemeMemo`), so the next layout reads only new worries' words.
    public func layout(_ worries: [SkyWorry], keys: [String], now: Date) -> SkyLayout {
        layout(worries, keys: keys, now: now, remember: true)
    }

    private func layout(_ worries: [SkyWorry], keys: [String], now: Date, remember: Bool) -> SkyLayout {
        precondition(keys.count == worries.count, "one key per worry")
        let seed = options.seed & SkyLayout.maxSeed
        let groups = Self.group(worries, keys: keys)

        let anchors = SkyAnchors(seed: seed)
        var anchorOf: [String: (x: Double, y: Double)] = [:]
        var stars: [(node: SkyNode, since: Date, star: SkyConstellationPlanner.Star)] = []
        stars.reserveCapacity(groups.count)
        let texts = Array(groups.keys)
        let read = remember ? memo.entries(for: texts) : texts.map(SkyThemeMemo.Entry.init(reading:))
        for (text, entry) in zip(texts, read) {
            let group = groups[text]!
            let id = SkyPlacement.nodeID(normalisedText: text, seed: seed)
            let theme = ConstellationRule.theme(entry.theme, threshold: options.constellationThreshold)
            var anchor: (x: Double, y: Double)?
            if let key = theme?.key {
                anchor = anchorOf[key] ?? anchors.anchor(theme: key)
                anchorOf[key] = anchor
            }
            let place = SkyPlacement(nodeID: id, seed: seed, anchor: anchor)
            let first = worries[group.first]
            let node = SkyNode(
                id: id, text: first.text, count: group.count, x: place.x, y: place.y,
                radius: SkyPlacement.radius(count: group.count), color: place.color,
                label: false, drift: place.drift)
            let star = SkyConstellationPlanner.Star(
                theme: theme?.key, words: theme == nil ? [] : entry.words, owners: group.owners)
            stars.append((node, first.createdAt, star))
        }
        stars.sort { lhs, rhs in
            if lhs.node.count != rhs.node.count { return lhs.node.count > rhs.node.count }
            if lhs.since != rhs.since { return lhs.since < rhs.since }
            return lhs.node.id < rhs.node.id
        }

        var nodes = stars.map(\.node)
        let planner = SkyConstellationPlanner(
            seed: seed, anchors: anchors, figureStars: options.figureStars, nameBudget: options.constellationNameBudget)
        var constellations = planner.constellations(nodes: &nodes, stars: stars.map(\.star))
        // The brightest star's words first, then the constellations' names, then the other labels.
        SkyLabeller.assignLabels(to: &nodes, budget: min(1, options.labelBudget))
        let names = planner.placeNames(&constellations, nodes: nodes)
        SkyLabeller.assignLabels(to: &nodes, budget: options.labelBudget, avoiding: names)
        let linker = SkyLinker(cutoff: options.linkCutoff, maxLinksPerNode: options.maxLinksPerNode)
        // Inside a constellation its figure says how the stars belong together; near-star links
        // between two of its members would only draw a second, busier web over it.
        let ranks = Self.ranks(of: nodes.map(\.id))
        let links = linker.links(for: nodes.map { ($0.x, $0.y) }, ranks: ranks).filter { link in
            nodes[link.a].constellation == nil || nodes[link.a].constellation != nodes[link.b].constellation
        }
        return SkyLayout(seed: seed, generatedAt: now, nodes: nodes, links: links, constellations: constellations)
    }

    /// Each id's place among `ids` sorted (Unicode scalar order, as `String` compares).
    static func ranks(of ids: [String]) -> [Int] {
        var ranks = [Int](repeating: 0, count: ids.count)
        for (rank, index) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { ranks[index] = rank }
        return ranks
    }

    /// One group of worries with the same normalised text.
    struct Group {
        /// How many worries share the text.
        var count: Int
        /// Index (into the input) of the earliest worry: by `createdAt`, then id, then position.
        var first: Int
        /// Distinct owners of the group's worries that carry one (`SkyWorry.owner`).
        var owners: Set<String> = []
    }

    /// Groups `worries` by their normalised texts `keys`, dropping texts that normalise to nothing.
    static func group(_ worries: [SkyWorry], keys: [String]) -> [String: Group] {
        var groups: [String: Group] = [:]
        groups.reserveCapacity(worries.count)
        for (index, worry) in worries.enumerated() {
            let key = keys[index]
            if key.isEmpty { continue }
            // Mutated in place through the subscript, so a group's owner set is never copied.
            if let first = groups[key]?.first {
                let current = worries[first]
                groups[key]!.count += 1
                if (worry.createdAt, worry.id) < (current.createdAt, current.id) { groups[key]!.first = index }
            } else {
                groups[key] = Group(count: 1, first: index)
            }
            if let owner = worry.owner { groups[key]!.owners.insert(owner) }
        }
        return groups
    }
}
