import DumpEngine
import Foundation

/// Reads the worries a sky is drawn from: a JSON array of
/// `{"text": "...", "createdAt"?: ISO-8601 date, "id"?: "..."}`.
///
/// A missing id becomes `worry-<index>` (zero-padded, so ids sort in file order); a missing
/// `createdAt` becomes `now`. Errors say which item and field is wrong, on one line.
public enum SkyWorriesFile {
    /// What is wrong with a worries file.
    public struct Problem: Error, LocalizedError, Equatable {
        /// One line a person can act on.
        public let message: String
        /// A problem with `message`.
        public init(_ message: String) { self.message = message }
        public var errorDescription: String? { message }
    }

    /// The worries in the file at `url`.
    public static func load(from url: URL, now: Date) throws -> [SkyWorry] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Problem("cannot read \(url.path): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        return try decode(data, now: now, name: url.lastPathComponent)
    }

    /// The worries in `data`; `name` names the file in error messages.
    public static func decode(_ data: Data, now: Date, name: String = "worries file") throws -> [SkyWorry] {
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: data)
        } catch let error as DecodingError {
            throw Problem("\(name): \(describe(error))")
        } catch {
            throw Problem("\(name): not valid JSON")
        }
        guard !entries.isEmpty else { throw Problem("\(name): the list of worries is empty") }
        let dates = DateReader()
        let width = String(entries.count - 1).count
        var worries: [SkyWorry] = []
        worries.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var createdAt = now
            if let raw = entry.createdAt {
                guard let date = dates.date(raw) else {
                    throw Problem("\(name): item \(index), \"createdAt\": \"\(raw)\" is not an ISO-8601 date")
                }
                createdAt = date
            }
            let number = String(index)
            let id = entry.id ?? "worry-" + String(repeating: "0", count: width - number.count) + number
            worries.append(SkyWorry(id: id, text: entry.text, createdAt: createdAt))
        }
        guard worries.contains(where: { !SkyText.normalised($0.text).isEmpty }) else {
            throw Problem("\(name): every worry's text is blank")
        }
        return worries
    }

    /// One item of the array (the date is read afterwards, with formatters made once).
    struct Entry: Decodable {
        var text: String
        var createdAt: String?
        var id: String?
    }

    /// Reads ISO-8601 date-times (with or without fractional seconds) or bare `YYYY-MM-DD`
    /// days; formatters are costly to make, so one reader serves a whole file.
    final class DateReader {
        private let plain = ISO8601DateFormatter()
        private let fractional: ISO8601DateFormatter = {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter
        }()
        private let day: ISO8601DateFormatter = {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return formatter
        }()

        func date(_ text: String) -> Date? {
            plain.date(from: text) ?? fractional.date(from: text) ?? day.date(from: text)
        }
    }

    /// "item 3: \"text\" should be a string" and the like.
    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String {
            var parts: [String] = []
            for key in path {
                if let index = key.intValue { parts.append("item \(index)") } else { parts.append("\"\(key.stringValue)\"") }
            }
            return parts.isEmpty ? "the top level" : parts.joined(separator: ", ")
        }
        switch error {
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "expected a JSON array of worries" }
            return "\(where_(context.codingPath)) should be \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(where_(context.codingPath)) should be \(typeName(type)), not null"
        case .keyNotFound(let key, let context):
            return "\(where_(context.codingPath)) has no \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "\(where_(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "not a list of worries"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Array<Entry>.Type: return "an array"
        case is Entry.Type: return "an object"
        default: return "\(type)"
        }
    }
}
