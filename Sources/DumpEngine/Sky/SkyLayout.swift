import Foundation

/// The whole night sky at one moment: stars (one per distinct worry), the links between near
/// ones and the constellations of stars about the same thing, exactly the JSON the README
/// describes ("The sky: `SkyLayout` JSON").
///
/// Computed once on the server and drawn as-is by the painters and the page, so a rendered
/// sky and the live page show the same cluster.
public struct SkyLayout: Codable, Sendable, Equatable {
    /// The seed every position, colour and drift derives from (below 2^53 so JavaScript
    /// reads it exactly).
    public var seed: UInt64
    /// When the layout was made, to the whole second (ISO-8601 in JSON has no fractions).
    public var generatedAt: Date
    /// Seconds after which every star's drift repeats; a loop video of this length is seamless.
    public var driftPeriod: Double
    /// Stars, brightest first (count, then age, then id), so indices are stable for links.
    public var nodes: [SkyNode]
    /// Links between near stars, ordered by `a`, then `b`.
    public var links: [SkyLink]
    /// Groups of stars about the same thing, largest first (by worries, then stars, then id);
    /// a star names its own in `SkyNode.constellation`.
    public var constellations: [SkyConstellation]

    /// The drift period every layout uses: 10 seconds.
    public static let standardDriftPeriod: Double = 10

    /// Width over height of the canvas the sky is designed for (16:9); distances, label boxes
    /// and the cluster's roundness are measured on it.
    public static let aspectRatio: Double = 16.0 / 9.0

    /// The largest seed a layout carries (2^53 - 1); larger seeds keep only their low 53 bits.
    public static let maxSeed: UInt64 = (1 << 53) - 1

    /// Creates a layout from its parts; `generatedAt` is cut to the whole second so that a
    /// JSON round trip gives back an equal value.
    public init(
        seed: UInt64, generatedAt: Date, driftPeriod: Double = SkyLayout.standardDriftPeriod,
        nodes: [SkyNode], links: [SkyLink], constellations: [SkyConstellation] = []
    ) {
        self.seed = seed
        self.generatedAt = Date(timeIntervalSince1970: generatedAt.timeIntervalSince1970.rounded(.down))
        self.driftPeriod = driftPeriod
        self.nodes = nodes
        self.links = links
        self.constellations = constellations
    }

    private enum CodingKeys: String, CodingKey {
        case seed, generatedAt, driftPeriod, nodes, links, constellations
    }

    /// Reads a layout; one written before constellations existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(UInt64.self, forKey: .seed)
        generatedAt = try container.decode(Date.self, forKey: .generatedAt)
        driftPeriod = try container.decode(Double.self, forKey: .driftPeriod)
        nodes = try container.decode([SkyNode].self, forKey: .nodes)
        links = try container.decode([SkyLink].self, forKey: .links)
        constellations = try container.decodeIfPresent([SkyConstellation].self, forKey: .constellations) ?? []
    }

    /// The encoder every part uses for sky JSON: ISO-8601 dates, sorted keys (identical
    /// input gives identical bytes), unescaped slashes.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder matching `jsonEncoder()` (ISO-8601 dates).
    public static func jsonDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The box a star's label occupies at rest, in the sky's 0…1 coordinates.
    ///
    /// The one measurement painters, the engine's overlap check and tests share.
    public static func labelBox(for node: SkyNode) -> SkyLabelBox {
        SkyLabel.box(for: node)
    }

    /// The text a star's label shows: the node's text on one line, cut with "…" when long.
    public static func labelText(for node: SkyNode) -> String {
        SkyLabel.text(for: node.text)
    }
}
