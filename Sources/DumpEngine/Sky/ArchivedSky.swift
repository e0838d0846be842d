import Foundation

/// A night's sky kept for its poster after the worries expire: where the stars were, how
/// bright, how they were linked and which formed constellations — no texts and no ids.
///
/// Worries live 24 hours; only this anonymous shape outlives them. The one word that may
/// survive is a constellation's name, and only when at least `minimumNameOwners` different
/// owners wrote it: then it is what many people said, not one person's words.
public struct ArchivedSky: Codable, Sendable, Equatable {
    /// One star of an archived night, without its words.
    public struct Node: Codable, Sendable, Equatable, Hashable {
        /// Rest position, fraction of the sky's width.
        public var x: Double
        /// Rest position, fraction of the sky's height.
        public var y: Double
        /// How many worries the star stood for.
        public var count: Int
        /// Star radius as a fraction of min(width, height).
        public var radius: Double
        /// One of `SkyPalette.colors`.
        public var color: String
        /// Index into `constellations` of the star's constellation, if any.
        public var constellation: Int?

        /// Creates an archived star.
        public init(x: Double, y: Double, count: Int, radius: Double, color: String, constellation: Int? = nil) {
            self.x = x
            self.y = y
            self.count = count
            self.radius = radius
            self.color = color
            self.constellation = constellation
        }
    }

    /// One constellation of an archived night: its figure and size, and its name only if
    /// enough different people shared it.
    public struct Constellation: Codable, Sendable, Equatable, Hashable {
        /// The shared word, or nil when fewer than `minimumNameOwners` owners wrote it.
        public var name: String?
        /// How many worries it held.
        public var size: Int
        /// How many stars it held.
        public var stars: Int
        /// Its figure, by index into `nodes`.
        public var lines: [SkyConstellation.Line]

        /// Creates an archived constellation.
        public init(name: String?, size: Int, stars: Int, lines: [SkyConstellation.Line]) {
            self.name = name
            self.size = size
            self.stars = stars
            self.lines = lines
        }
    }

    /// How many worries the night held (the sum of the stars' counts).
    public var worryCount: Int
    /// The stars, in the layout's order.
    public var nodes: [Node]
    /// Links by index into `nodes`, as in the layout.
    public var links: [SkyLink]
    /// The night's constellations, in the layout's order (largest first).
    public var constellations: [Constellation]

    /// Fewest different owners whose worries must contain a constellation's name for the
    /// name to be kept on the poster.
    public static let minimumNameOwners = 5

    /// Creates an archive from its parts.
    public init(worryCount: Int, nodes: [Node], links: [SkyLink], constellations: [Constellation] = []) {
        self.worryCount = worryCount
        self.nodes = nodes
        self.links = links
        self.constellations = constellations
    }

    private enum CodingKeys: String, CodingKey {
        case worryCount, nodes, links, constellations
    }

    /// Reads an archive; one kept before constellations existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        worryCount = try container.decode(Int.self, forKey: .worryCount)
        nodes = try container.decode([Node].self, forKey: .nodes)
        links = try container.decode([SkyLink].self, forKey: .links)
        constellations = try container.decodeIfPresent([Constellation].self, forKey: .constellations) ?? []
    }

    /// The anonymous shape of `layout`: counts, radii and links, with the stars re-placed and
    /// re-coloured by the system's random generator.
    ///
    /// A live star's position and colour derive from the published sky seed and the worry's
    /// normalised text, so copying them would let anyone test a guessed worry against a
    /// poster. The archive keeps the cluster's look (radial profile, neighbourhoods, links)
    /// but not its coordinates: see `init(layout:using:)`.
    public init(layout: SkyLayout) {
        var random = SystemRandomNumberGenerator()
        self.init(layout: layout, using: &random)
    }

    /// The anonymous shape of `layout`, re-placed with `random` (inject a seeded generator
    /// in tests; production uses the system generator).
    ///
    /// On the 16:9 canvas (where the cluster is round) every star is turned by one random
    /// angle about the centre, the whole sky is mirrored with probability ½, and each star
    /// is nudged by its own Gaussian jitter (σ = `jitter` of the sky's height), which blurs
    /// the exact distances between stars. Colours are drawn afresh with the palette's shares.
    /// Links (indices), counts, radii, order and constellations (figures, sizes) are kept; a
    /// constellation's name only when `minimumNameOwners` different owners wrote it.
    public init<R: RandomNumberGenerator>(layout: SkyLayout, using random: inout R, jitter: Double = ArchivedSky.jitter) {
        func unit() -> Double { Double(random.next() >> 11) * 0x1.0p-53 }
        func gaussian() -> Double {
            let u1 = max(unit(), 0x1.0p-53)
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * unit())
        }
        let angle = 2 * Double.pi * unit()
        let mirror: Double = unit() < 0.5 ? -1 : 1
        let (sine, cosine) = (sin(angle), cos(angle))
        let aspect = SkyLayout.aspectRatio
        nodes = layout.nodes.map { node in
            let u = (node.x - 0.5) * aspect * mirror, v = node.y - 0.5
            let ru = u * cosine - v * sine + jitter * gaussian()
            let rv = u * sine + v * cosine + jitter * gaussian()
            let x = min(max(0.5 + ru / aspect, Self.margin), 1 - Self.margin)
            let y = min(max(0.5 + rv, Self.margin), 1 - Self.margin)
            return Node(
                x: x, y: y, count: node.count, radius: node.radius, color: SkyPalette.color(forUnit: unit()),
                constellation: node.constellation)
        }
        links = layout.links
        worryCount = layout.nodes.reduce(0) { $0 + $1.count }
        constellations = layout.constellations.map { constellation in
            Constellation(
                name: constellation.nameOwners >= Self.minimumNameOwners ? constellation.name : nil,
                size: constellation.size, stars: constellation.stars, lines: constellation.lines)
        }
    }

    /// Standard deviation of each archived star's jitter, as a fraction of the sky's height.
    public static let jitter: Double = 0.012
    /// Archived stars stay at least this far inside the sky's edges.
    static let margin: Double = 0.01
}
