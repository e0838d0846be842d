/// The detail of a region of the live sky (`LiveSky.region`): the faint stars beyond the
/// view that rest in a box, brightest first, for a page zoomed in on it.
public struct SkyRegion: Sendable, Equatable {
    /// The box asked for (sky coordinates).
    public var box: SkyLabelBox
    /// Its stars, brightest first: unlabelled, and without links (they join only the view's).
    public var nodes: [SkyNode]
    /// Whether the box holds more stars than were returned.
    public var more: Bool

    /// Creates a region.
    public init(box: SkyLabelBox, nodes: [SkyNode], more: Bool) {
        self.box = box
        self.nodes = nodes
        self.more = more
    }

    /// `{"box":[minX,minY,maxX,maxY],"more":…,"nodes":[…]}` with `fields` (raw JSON values,
    /// by key) first; each node as in `SkyLayout.jsonBytes()`.
    public func jsonBytes(fields: [(key: String, json: String)] = []) -> [UInt8] {
        var out = JSONBytes()
        out.bytes.reserveCapacity(128 + nodes.count * 280)
        out.raw("{")
        out.leading(fields)
        out.raw("\"box\":[")
        out.list([box.minX, box.minY, box.maxX, box.maxY]) { out, value in out.number(value) }
        out.raw("],\"more\":")
        out.raw(more ? "true" : "false")
        out.raw(",\"nodes\":[")
        out.list(nodes) { out, node in
            out.raw("{")
            out.nodeFields(node)
            out.raw("}")
        }
        out.raw("]}")
        return out.bytes
    }
}
