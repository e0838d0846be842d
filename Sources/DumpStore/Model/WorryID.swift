import Foundation

/// A worry's id: 128 random bits, base64url without padding (22 characters). Unguessable.
public struct WorryID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 22-character text form used in URLs and JSON.
    public let rawValue: String

    /// Wraps an id read from a URL or the database; nil when it is not 22 base64url characters.
    public init?(_ rawValue: String) {
        guard rawValue.utf8.count == 22,
            rawValue.utf8.allSatisfy({ OwnerToken.isURLSafe($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    /// A fresh random id from the system's secure generator.
    public static func random() -> WorryID {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        for _ in 0..<2 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return WorryID(Base64URL.encode(bytes))!
    }

    public var description: String { rawValue }
}
