import Foundation

extension SkyLayout {
    /// The layout as JSON, byte for byte what `SkyLayout.jsonEncoder()` writes (sorted keys,
    /// unescaped slashes, ISO-8601 seconds), written directly into bytes.
    ///
    /// The service sends a whole sky with every post and every sky request; Foundation's
    /// `JSONEncoder` spent most of that time boxing values (a profile put it at 40 % of the
    /// server's work under a burst of posts). A test checks both writers agree on hostile texts.
    /// Non-finite numbers, which JSON cannot carry, are written as `0`.
    public func jsonBytes() -> [UInt8] {
        jsonBytes { out, node in
            out.raw("{")
            out.nodeFields(node)
            out.raw("}")
        }
    }

    /// The same bytes, reusing from `cache` the JSON of every star unchanged since the last
    /// layout written with it (writing numbers was most of the work of a view of 2,000 stars,
    /// of which a post changes a few). The cache then holds this layout's stars only.
    public func jsonBytes(cache: SkyNodeJSONCache) -> [UInt8] {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        var next: [String: (node: SkyNode, bytes: [UInt8])] = [:]
        next.reserveCapacity(nodes.count)
        let bytes = jsonBytes { out, node in
            if let kept = cache.entries[node.id], kept.node == node {
                out.bytes.append(contentsOf: kept.bytes)
                next[node.id] = kept
                return
            }
            var one = JSONBytes()
            one.raw("{")
            one.nodeFields(node)
            one.raw("}")
            out.bytes.append(contentsOf: one.bytes)
            next[node.id] = (node, one.bytes)
        }
        cache.entries = next
        return bytes
    }

    private func jsonBytes(node writeNode: (inout JSONBytes, SkyNode) -> Void) -> [UInt8] {
        var out = JSONBytes()
        out.bytes.reserveCapacity(256 + nodes.count * 280 + links.count * 40 + constellations.count * 160)
        out.raw("{\"constellations\":[")
        out.list(constellations) { out, constellation in
            out.constellation(constellation)
        }
        out.raw("],\"driftPeriod\":")
        out.number(driftPeriod)
        out.raw(",\"generatedAt\":\"")
        out.raw(Self.iso8601(generatedAt))
        out.raw("\",\"links\":[")
        out.list(links) { out, link in
            out.raw("{\"a\":")
            out.integer(link.a)
            out.raw(",\"b\":")
            out.integer(link.b)
            out.raw(",\"strength\":")
            out.number(link.strength)
            out.raw("}")
        }
        out.raw("],\"nodes\":[")
        out.list(nodes, writeNode)
        out.raw("],\"seed\":")
        out.raw(String(seed))
        out.raw("}")
        return out.bytes
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds (as `generatedAt` is stored): what
    /// `JSONEncoder`'s `.iso8601` strategy writes. One date per layout, so a formatter made
    /// here costs nothing that matters.
    static func iso8601(_ date: Date) -> String {
        // Days to a civil date (Howard Hinnant's algorithm): a formatter per layout cost more
        // than writing a view's links.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(inDay / 3_600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }
}

/// The JSON of each star of the last layout written with it (`SkyLayout.jsonBytes(cache:)`).
///
/// `@unchecked Sendable`: `entries` is read and written only while `lock` is held.
public final class SkyNodeJSONCache: @unchecked Sendable {
    let lock = NSLock()
    var entries: [String: (node: SkyNode, bytes: [UInt8])] = [:]

    /// An empty cache.
    public init() {}
}

/// A growing JSON text: raw pieces, numbers as `JSONEncoder` writes them, escaped strings.
struct JSONBytes {
    var bytes: [UInt8] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `items` separated by commas, each by `element` (the brackets are the caller's).
    mutating func list<Items: Sequence>(_ items: Items, _ element: (inout JSONBytes, Items.Element) -> Void) {
        var first = true
        for item in items {
            if !first { raw(",") }
            first = false
            element(&self, item)
        }
    }

    mutating func integer(_ value: Int) {
        raw(String(value))
    }

    /// Shortest round-trip digits, without a trailing ".0" (10.0 → `10`, 1e-05 stays).
    mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("0") }
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            raw(text)
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as short escapes or `\u00XX`.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONBytes {
    /// `"key":value,` for each field (raw JSON values), as an object's first members.
    mutating func leading(_ fields: [(key: String, json: String)]) {
        for field in fields {
            string(field.key)
            raw(":")
            raw(field.json)
            raw(",")
        }
    }

    /// One constellation object, as `SkyLayout.jsonBytes()` writes it.
    mutating func constellation(_ constellation: SkyConstellation) {
        raw("{\"id\":")
        string(constellation.id)
        raw(",\"label\":")
        raw(constellation.label ? "true" : "false")
        raw(",\"lines\":[")
        for (lineIndex, line) in constellation.lines.enumerated() {
            if lineIndex > 0 { raw(",") }
            raw("{\"a\":")
            integer(line.a)
            raw(",\"b\":")
            integer(line.b)
            raw("}")
        }
        raw("],\"name\":")
        string(constellation.name)
        raw(",\"size\":")
        integer(constellation.size)
        raw(",\"stars\":")
        integer(constellation.stars)
        raw(",\"x\":")
        number(constellation.x)
        raw(",\"y\":")
        number(constellation.y)
        raw("}")
    }

    /// A star's fields (sorted keys, no braces), as `SkyLayout.jsonBytes()` writes them.
    mutating func nodeFields(_ node: SkyNode) {
        raw("\"color\":")
        string(node.color)
        if let constellation = node.constellation {
            raw(",\"constellation\":")
            integer(constellation)
        }
        raw(",\"count\":")
        integer(node.count)
        raw(",\"drift\":{\"ax\":")
        number(node.drift.ax)
        raw(",\"ay\":")
        number(node.drift.ay)
        raw(",\"fx\":")
        integer(node.drift.fx)
        raw(",\"fy\":")
        integer(node.drift.fy)
        raw(",\"px\":")
        number(node.drift.px)
        raw(",\"py\":")
        number(node.drift.py)
        raw("},\"id\":")
        string(node.id)
        raw(",\"label\":")
        raw(node.label ? "true" : "false")
        if let place = node.labelAt {
            raw(",\"labelAt\":")
            string(place.rawValue)
        }
        raw(",\"radius\":")
        number(node.radius)
        raw(",\"text\":")
        string(node.text)
        raw(",\"x\":")
        number(node.x)
        raw(",\"y\":")
        number(node.y)
    }
}
