import Foundation

/// Reads durations written for people: `24h`, `90m`, `3600s`, `1d`, or a bare number of seconds.
public enum DurationText {
    /// The number of seconds `text` means, or nil when it is not a positive duration.
    public static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last else { return nil }
        let (number, unit): (Substring, Double)
        switch last {
        case "s": (number, unit) = (trimmed.dropLast(), 1)
        case "m": (number, unit) = (trimmed.dropLast(), 60)
        case "h": (number, unit) = (trimmed.dropLast(), 3600)
        case "d": (number, unit) = (trimmed.dropLast(), 86_400)
        default: (number, unit) = (Substring(trimmed), 1)
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite, value > 0
        else { return nil }
        return value * unit
    }
}
