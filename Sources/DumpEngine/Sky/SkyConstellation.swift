import Foundation

/// Stars whose worries are about the same thing, gathered in one part of the sky, joined by
/// constellation lines and named by the word they share most ("회사", "잠", "시험").
public struct SkyConstellation: Codable, Sendable, Equatable, Hashable {
    /// One line of the constellation's figure, between two stars (indices into
    /// `SkyLayout.nodes`, `a < b`).
    public struct Line: Codable, Sendable, Equatable, Hashable {
        /// The first star (the smaller index).
        public var a: Int
        /// The second star.
        public var b: Int

        /// A line between the stars at indices `a` and `b`.
        public init(a: Int, b: Int) {
            self.a = a
            self.b = b
        }
    }

    /// "c" + 16 hex digits of the stable hash of the constellation's theme under the sky
    /// seed: the same constellation keeps its id from one layout to the next.
    public var id: String
    /// The word its worries share most, as written ("회사").
    public var name: String
    /// How many live worries it holds (the sum of its stars' counts).
    public var size: Int
    /// How many stars it holds (at least 2).
    public var stars: Int
    /// Centre of the name at rest, fraction of the sky's width.
    public var x: Double
    /// Centre of the name at rest, fraction of the sky's height.
    public var y: Double
    /// Whether the name is drawn in the sky (its box is clear of labels and other names);
    /// the page's legend and hover show every name.
    public var label: Bool
    /// The figure: lines between its brightest stars (a shortest tree), possibly empty.
    public var lines: [Line]
    /// How many different owners wrote a worry containing `name`. Never in the JSON: it only
    /// decides whether the name may reach a poster (`ArchivedSky`). A decoded layout has 0.
    public var nameOwners: Int

    /// Creates a constellation from all its fields.
    public init(
        id: String, name: String, size: Int, stars: Int, x: Double, y: Double, label: Bool,
        lines: [Line], nameOwners: Int = 0
    ) {
        self.id = id
        self.name = name
        self.size = size
        self.stars = stars
        self.x = x
        self.y = y
        self.label = label
        self.lines = lines
        self.nameOwners = nameOwners
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, size, stars, x, y, label, lines
    }

    /// Reads a constellation from JSON; `nameOwners` is not there and becomes 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        size = try container.decode(Int.self, forKey: .size)
        stars = try container.decode(Int.self, forKey: .stars)
        x = try container.decode(Double.self, forKey: .x)
        y = try container.decode(Double.self, forKey: .y)
        label = try container.decode(Bool.self, forKey: .label)
        lines = try container.decode([Line].self, forKey: .lines)
        nameOwners = 0
    }

    /// Writes the public fields (never `nameOwners`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(size, forKey: .size)
        try container.encode(stars, forKey: .stars)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
        try container.encode(label, forKey: .label)
        try container.encode(lines, forKey: .lines)
    }
}
