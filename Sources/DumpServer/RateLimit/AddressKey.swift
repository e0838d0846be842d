import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The part of a client address that a per-address limit counts: an IPv4 address whole, an
/// IPv6 address by its network prefix (a /64 by default: one household or one phone's
/// carrier allocation gets 2^64 addresses, so counting whole addresses would limit nothing).
/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) count as the IPv4 address.
enum AddressKey {
    /// The prefix length IPv6 addresses are collapsed to unless configured otherwise.
    static let defaultIPv6Prefix = 64

    /// `address` (as the socket or `X-Forwarded-For` gives it) reduced to what is counted;
    /// anything that is not an IP address is counted as it is.
    static func of(_ address: String, ipv6Prefix: Int = defaultIPv6Prefix) -> String {
        var text = address.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v6 = in6_addr()
        guard text.contains(":"), inet_pton(AF_INET6, text, &v6) == 1 else { return text }
        var bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        let prefix = min(128, max(0, ipv6Prefix))
        for index in 0..<16 {
            let keep = max(0, min(8, prefix - index * 8))
            bytes[index] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
        let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "/\(prefix)"
    }
}
