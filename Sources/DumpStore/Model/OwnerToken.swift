import Foundation

/// The secret a browser makes and keeps to recognise its own worries. Never stored in the
/// clear, never logged, never put in a URL or a response.
public struct OwnerToken: Sendable, Hashable {
    /// The token as the client sent it.
    public let secret: String

    /// Accepts 32–128 URL-safe characters (`A–Z a–z 0–9 - _`); nil otherwise.
    public init?(_ secret: String) {
        let bytes = secret.utf8
        guard (32...128).contains(bytes.count), bytes.allSatisfy(OwnerToken.isURLSafe) else { return nil }
        self.secret = secret
    }

    static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
