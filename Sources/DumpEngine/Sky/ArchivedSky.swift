import Foundation

/// A night's sky kept for its poster after the worries expire: where the stars were, how
/// bright, and how they were linked — no texts and no ids.
///
/// Worries live 24 hours; only this anonymous shape outlives them.
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

        /// Creates an archived star.
        public init(x: Double, y: Double, count: Int, radius: Double, color: String) {
            self.x = x
            self.y = y
            self.count = count
            self.radius = radius
            self.color = color
        }
    }

    /// How many worries the night held (the sum of the stars' counts).
    public var worryCount: Int
    /// The stars, in the layout's order.
    public var nodes: [Node]
    /// Links by index into `nodes`, as in the layout.
    public var links: [SkyLink]

    /// Creates an archive from its parts.
    public init(worryCount: Int, nodes: [Node], links: [SkyLink]) {
        self.worryCount = worryCount
        self.nodes = nodes
        self.links = links
    }

    /// The anonymous shape of `layout`: positions, counts, radii, colours and links only.
    public init(layout: SkyLayout) {
        nodes = layout.nodes.map { Node(x: $0.x, y: $0.y, count: $0.count, radius: $0.radius, color: $0.color) }
        links = layout.links
        worryCount = layout.nodes.reduce(0) { $0 + $1.count }
    }
}
