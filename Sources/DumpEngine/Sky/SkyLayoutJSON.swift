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
        out.bytes.reserveCapacity(256 + nodes.count * 260 + links.count * 40)
        out.raw("{\"driftPeriod\":")
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

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds (as `generatedAt` is stored).
    static func iso8601(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil date from days since 1970-01-01 (proleptic Gregorian, era-based).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

/// A growing JSON text: raw pieces, numbers as `JSONEncoder` writes them, escaped strings.
struct JSONBytes {
    var bytes: [UInt8] = []

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
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
