import Foundation
import HTTPTypes
import Hummingbird

/// Who a request comes from, as the per-address limits count it.
struct ClientAddressing: Sendable {
    /// Read the client from `X-Forwarded-For` (`--trust-proxy`).
    var trustProxy: Bool
    /// IPv6 addresses count as their network of this many bits (`--ipv6-prefix`).
    var ipv6Prefix: Int

    /// What the per-address limits count for this request: the client's address (the nearest
    /// proxy's `X-Forwarded-For` entry behind `--trust-proxy`), IPv6 collapsed to its
    /// `--ipv6-prefix` network (`AddressKey`).
    func key(of request: Request, context: DumpRequestContext) -> String {
        let address = trustProxy ? (Self.forwardedFor(request) ?? context.clientAddress) : context.clientAddress
        return AddressKey.of(address ?? "unknown", ipv6Prefix: ipv6Prefix)
    }

    /// The client address the nearest proxy saw: the last entry of `X-Forwarded-For` (a
    /// client can write the earlier ones itself; the proxy appends the peer it saw).
    static func forwardedFor(_ request: Request) -> String? {
        guard let header = request.headers[HTTPField.Name("X-Forwarded-For")!] else { return nil }
        let last = header.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return last.isEmpty ? nil : last
    }
}
