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
        var out = JSONBytes()
        out.bytes.reserveCapacity(256 + nodes.count * 280 + links.count * 40 + constellations.count * 160)
        out.raw("{\"constellations\":[")
        for (index, constellation) in constellations.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"id\":")
            out.string(constellation.id)
            out.raw(",\"label\":")
            out.raw(constellation.label ? "true" : "false")
            out.raw(",\"lines\":[")
            for (lineIndex, line) in constellation.lines.enumerated() {
                if lineIndex > 0 { out.raw(",") }
                out.raw("{\"a\":")
                out.integer(line.a)
                out.raw(",\"b\":")
                out.integer(line.b)
                out.raw("}")
            }
            out.raw("],\"name\":")
            out.string(constellation.name)
            out.raw(",\"size\":")
            out.integer(constellation.size)
            out.raw(",\"stars\":")
            out.integer(constellation.stars)
            out.raw(",\"x\":")
            out.number(constellation.x)
            out.raw(",\"y\":")
            out.number(constellation.y)
            out.raw("}")
        }
        out.raw("],\"driftPeriod\":")
        out.number(driftPeriod)
        out.raw(",\"generatedAt\":\"")
        out.raw(Self.iso8601(generatedAt))
        out.raw("\",\"links\":[")
        for (index, link) in links.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"a\":")
            out.integer(link.a)
            out.raw(",\"b\":")
            out.integer(link.b)
            out.raw(",\"strength\":")
            out.number(link.strength)
            out.raw("}")
        }
        out.raw("],\"nodes\":[")
        for (index, node) in nodes.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw("{\"color\":")
            out.string(node.color)
            if let constellation = node.constellation {
                out.raw(",\"constellation\":")
                out.integer(constellation)
            }
            out.raw(",\"count\":")
            out.integer(node.count)
            out.raw(",\"drift\":{\"ax\":")
            out.number(node.drift.ax)
            out.raw(",\"ay\":")
            out.number(node.drift.ay)
            out.raw(",\"fx\":")
            out.integer(node.drift.fx)
            out.raw(",\"fy\":")
            out.integer(node.drift.fy)
            out.raw(",\"px\":")
            out.number(node.drift.px)
            out.raw(",\"py\":")
            out.number(node.drift.py)
            out.raw("},\"id\":")
            out.string(node.id)
            out.raw(",\"label\":")
            out.raw(node.label ? "true" : "false")
            out.raw(",\"radius\":")
            out.number(node.radius)
            out.raw(",\"text\":")
            out.string(node.text)
            out.raw(",\"x\":")
            out.number(node.x)
            out.raw(",\"y\":")
            out.number(node.y)
            out.raw("}")
        }
        out.raw("],\"seed\":")
        out.raw(String(seed))
        out.raw("}")
        return out.bytes
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds (as `generatedAt` is stored): what
    /// `JSONEncoder`'s `.iso8601` strategy writes. One date per layout, so a formatter made
    /// here costs nothing that matters.
    static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}

/// A growing JSON text: raw pieces, numbers as `JSONEncoder` writes them, escaped strings.
struct JSONBytes {
    var bytes: [UInt8] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
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
