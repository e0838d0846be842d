import Foundation

/// What changed from one layout of the live sky to a later one: enough for a page that holds
/// the older layout to rebuild the newer one exactly (`apply(to:)`), in a small part of its bytes.
///
/// Stars keep their ids and, by the engine's design, their places: a post adds one star or
/// changes one count, so a delta is a few stars where a whole sky of 10,000 stars is megabytes.
/// Links and constellation lines are named by star ids here, because indices shift whenever a
/// star is added or removed.
///
/// Rebuilding the star order: every star that is added or changed comes with its new index;
/// the stars left unchanged keep their relative order (the constructor checks this and sends a
/// star again when it does not hold), so they fill the remaining places in their old order.
public struct SkyLayoutDelta: Sendable, Equatable {
    /// A star that is new or changed, with its index in the new layout.
    public struct PlacedNode: Sendable, Equatable {
        /// Index in the new layout's `nodes`.
        public var index: Int
        /// The star as the new layout has it.
        public var node: SkyNode
    }

    /// A link named by the ids of its two stars (`a` is the one with the smaller new index).
    public struct NamedLink: Sendable, Equatable {
        /// One star's id.
        public var a: String
        /// The other star's id.
        public var b: String
        /// The link's opacity in the new layout.
        public var strength: Double
    }

    /// The new layout's seed.
    public var seed: UInt64
    /// The new layout's time.
    public var generatedAt: Date
    /// The new layout's drift period.
    public var driftPeriod: Double
    /// How many stars the new layout holds.
    public var nodeCount: Int
    /// Stars added or changed, by new index.
    public var nodes: [PlacedNode]
    /// Ids of the stars that are gone, sorted.
    public var removed: [String]
    /// Links that are new or whose strength changed.
    public var linksAdded: [NamedLink]
    /// Links that are gone, as pairs of star ids (each pair sorted), sorted.
    public var linksRemoved: [[String]]
    /// The new layout's constellations when they differ from the old ones (their lines are
    /// indices into the new layout); nil when they are the same up to the stars' new indices.
    public var constellations: [SkyConstellation]?

    /// The changes from `old` to `new`.
    public init(from old: SkyLayout, to new: SkyLayout) {
        self.init(from: Side(old), to: Side(new))
    }

    /// A layout with what a delta from or to it looks up (its stars by id, its links and
    /// figures by star ids), made once: a service that answers many pages, each holding
    /// some earlier sky, makes each sky's side once rather than once per delta.
    public struct Side: Sendable {
        public let layout: SkyLayout
        /// Each star's key (`StarKey`), in the layout's order, and its place by key.
        let keys: [StarKey]
        let index: [StarKey: Int]
        let links: [IDPair: Double]
        /// Each link's key, in the layout's order (nil for a link to a star not in it).
        let linkKeys: [IDPair?]
        let constellations: [NamedConstellation]

        public init(_ layout: SkyLayout) {
            self.layout = layout
            keys = layout.nodes.map { StarKey($0.id) }
            var index: [StarKey: Int] = [:]
            index.reserveCapacity(layout.nodes.count)
            for (position, key) in keys.enumerated() { index[key] = position }
            self.index = index
            linkKeys = layout.links.map { [keys] link in
                guard link.a < keys.count, link.b < keys.count else { return nil }
                return IDPair(keys[link.a], keys[link.b])
            }
            var links: [IDPair: Double] = [:]
            links.reserveCapacity(layout.links.count)
            for (link, key) in zip(layout.links, linkKeys) { if let key { links[key] = link.strength } }
            self.links = links
            constellations = SkyLayoutDelta.namedConstellations(of: layout)
        }
    }

    /// The same, from sides made once.
    public init(from oldSide: Side, to newSide: Side) {
        let old = oldSide.layout, new = newSide.layout
        seed = new.seed
        generatedAt = new.generatedAt
        driftPeriod = new.driftPeriod
        nodeCount = new.nodes.count

        let oldIndex = oldSide.index
        removed = zip(old.nodes, oldSide.keys).filter { newSide.index[$0.1] == nil }.map(\.0.id).sorted()

        // Unchanged stars must appear in their old relative order; a star out of that order is
        // sent again with its place, like a changed one.
        var placed: [PlacedNode] = []
        var lastKept = -1
        for (index, node) in new.nodes.enumerated() {
            if let before = oldIndex[newSide.keys[index]], old.nodes[before] == node, before > lastKept {
                lastKept = before
            } else {
                placed.append(PlacedNode(index: index, node: node))
            }
        }
        nodes = placed

        let oldLinks = oldSide.links
        let newLinks = newSide.links
        linksAdded = zip(new.links, newSide.linkKeys).compactMap { link, key in
            if let key, oldLinks[key] == link.strength { return nil }
            return NamedLink(a: new.nodes[link.a].id, b: new.nodes[link.b].id, strength: link.strength)
        }
        linksRemoved = oldLinks.keys.filter { newLinks[$0] == nil }.map { [$0.first.id, $0.second.id] }
            .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }

        constellations = oldSide.constellations == newSide.constellations ? nil : new.constellations
    }

    public var isEmpty: Bool {
        nodes.isEmpty && removed.isEmpty && linksAdded.isEmpty && linksRemoved.isEmpty && constellations == nil
    }

    /// The new layout rebuilt from `old` (the layout this delta was made against), or nil when
    /// the delta does not fit it. The page does the same in JavaScript (`sky-model.js`, `applyDelta`).
    public func apply(to old: SkyLayout) -> SkyLayout? {
        let gone = Set(removed)
        var byIndex: [Int: SkyNode] = [:]
        for placed in nodes {
            guard placed.index >= 0, placed.index < nodeCount, byIndex[placed.index] == nil else { return nil }
            byIndex[placed.index] = placed.node
        }
        let sent = Set(nodes.map(\.node.id))
        var kept = old.nodes.lazy.filter { !gone.contains($0.id) && !sent.contains($0.id) }.makeIterator()
        var rebuilt: [SkyNode] = []
        rebuilt.reserveCapacity(nodeCount)
        for index in 0..<nodeCount {
            if let node = byIndex[index] {
                rebuilt.append(node)
            } else if let node = kept.next() {
                rebuilt.append(node)
            } else {
                return nil
            }
        }
        guard kept.next() == nil else { return nil }
        var newIndex: [StarKey: Int] = [:]
        for (index, node) in rebuilt.enumerated() { newIndex[StarKey(node.id)] = index }

        var links = Side(old).links
        for pair in linksRemoved where pair.count == 2 { links[IDPair(StarKey(pair[0]), StarKey(pair[1]))] = nil }
        for link in linksAdded { links[IDPair(StarKey(link.a), StarKey(link.b))] = link.strength }
        var indexed: [SkyLink] = []
        for (pair, strength) in links {
            // A link to a star that is gone goes with it.
            guard let a = newIndex[pair.first], let b = newIndex[pair.second] else { continue }
            indexed.append(SkyLink(a: min(a, b), b: max(a, b), strength: strength))
        }
        indexed.sort { ($0.a, $0.b) < ($1.a, $1.b) }

        var figures: [SkyConstellation]
        if let constellations {
            figures = constellations
        } else {
            figures = old.constellations
            for index in figures.indices {
                var lines: [SkyConstellation.Line] = []
                for line in figures[index].lines {
                    guard line.a < old.nodes.count, line.b < old.nodes.count,
                        let a = newIndex[StarKey(old.nodes[line.a].id)], let b = newIndex[StarKey(old.nodes[line.b].id)]
                    else { return nil }
                    lines.append(SkyConstellation.Line(a: a, b: b))
                }
                figures[index].lines = lines
            }
        }
        return SkyLayout(
            seed: seed, generatedAt: generatedAt, driftPeriod: driftPeriod, nodes: rebuilt, links: indexed,
            constellations: figures)
    }

    /// The delta as a JSON object: `fields` (keys with JSON values, written first), then
    /// `constellations` (only when they changed), `driftPeriod`, `generatedAt`,
    /// `links: {added, removed}`, `nodeCount`, `nodes` (each star's fields plus `i`, its new
    /// index), `removed` and `seed`. Stars are written as in `SkyLayout.jsonBytes()`.
    public func jsonBytes(fields: [(key: String, json: String)] = []) -> [UInt8] {
        var out = JSONBytes()
        out.bytes.reserveCapacity(512 + nodes.count * 300 + linksAdded.count * 60 + linksRemoved.count * 45)
        out.raw("{")
        out.leading(fields)
        if let constellations {
            out.raw("\"constellations\":[")
            out.list(constellations) { out, constellation in
                out.constellation(constellation)
            }
            out.raw("],")
        }
        out.raw("\"driftPeriod\":")
        out.number(driftPeriod)
        out.raw(",\"generatedAt\":\"")
        out.raw(SkyLayout.iso8601(generatedAt))
        out.raw("\",\"links\":{\"added\":[")
        out.list(linksAdded) { out, link in
            out.raw("{\"a\":")
            out.string(link.a)
            out.raw(",\"b\":")
            out.string(link.b)
            out.raw(",\"strength\":")
            out.number(link.strength)
            out.raw("}")
        }
        out.raw("],\"removed\":[")
        out.list(linksRemoved) { out, pair in
            out.raw("[")
            out.string(pair.first ?? "")
            out.raw(",")
            out.string(pair.last ?? "")
            out.raw("]")
        }
        out.raw("]},\"nodeCount\":")
        out.integer(nodeCount)
        out.raw(",\"nodes\":[")
        out.list(nodes) { out, placed in
            out.raw("{\"i\":")
            out.integer(placed.index)
            out.raw(",")
            out.nodeFields(placed.node)
            out.raw("}")
        }
        out.raw("],\"removed\":[")
        out.list(removed) { out, id in
            out.string(id)
        }
        out.raw("],\"seed\":")
        out.raw(String(seed))
        out.raw("}")
        return out.bytes
    }

    /// A layout's constellations with their lines named by star ids, for comparing two layouts.
    static func namedConstellations(of layout: SkyLayout) -> [NamedConstellation] {
        layout.constellations.map { constellation in
            var named = constellation
            named.lines = []
            let lines = constellation.lines.map { line -> [String] in
                guard line.a < layout.nodes.count, line.b < layout.nodes.count else { return [] }
                return [layout.nodes[line.a].id, layout.nodes[line.b].id]
            }
            return NamedConstellation(fields: named, lines: lines)
        }
    }

    /// A constellation without its index-based lines, and its lines as pairs of star ids.
    struct NamedConstellation: Equatable {
        var fields: SkyConstellation
        var lines: [[String]]
    }
}

/// Two stars' keys in the order of their ids: a link's name that does not depend on star order.
struct IDPair: Hashable, Sendable {
    var first: StarKey
    var second: StarKey

    init(_ a: StarKey, _ b: StarKey) {
        (first, second) = a.precedes(b) ? (a, b) : (b, a)
    }
}

/// A star's id as a dictionary key: the 64 bits an engine id spells (`SkyPlacement.nodeID`:
/// "n" and 16 lowercase hex digits, one id for one value), else the id itself. Deltas look
/// thousands of stars up per page; hashing 64 bits costs a fraction of hashing the text.
enum StarKey: Hashable, Sendable {
    case bits(UInt64)
    case text(String)

    init(_ id: String) {
        var value: UInt64 = 0
        var digits = 0
        var utf8 = id.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "n") else {
            self = .text(id)
            return
        }
        while let byte = utf8.next() {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            default:
                self = .text(id)
                return
            }
            digits += 1
            guard digits <= 16 else {
                self = .text(id)
                return
            }
            value = value << 4 | digit
        }
        self = digits == 16 ? .bits(value) : .text(id)
    }

    /// Whether its id comes before `other`'s (ids of 64 bits compare as their values do, their
    /// hex digits being as many and lowercase).
    func precedes(_ other: StarKey) -> Bool {
        if case .bits(let a) = self, case .bits(let b) = other { return a < b }
        return id < other.id
    }

    /// The id it stands for.
    var id: String {
        switch self {
        case .bits(let value): return "n" + hexDigits16(value)
        case .text(let id): return id
        }
    }
}
