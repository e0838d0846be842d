import Crypto
import Foundation

/// The only form in which an owner token reaches the database: SHA-256, in lowercase hex, of
/// `"dumpit-owner-v1:" + token`.
///
/// The prefix separates this use of the token from any other hash of it, and the version
/// lets a future scheme coexist. The token itself is never stored, and the hash never leaves
/// the store (no read returns it).
struct OwnerHash: Hashable, Sendable {
    /// Domain-separation prefix hashed before the token; changing it orphans every owner.
    static let domain = "dumpit-owner-v1:"

    /// 64 lowercase hexadecimal characters.
    let hex: String

    init(_ token: OwnerToken) {
        let digest = SHA256.hash(data: Data((Self.domain + token.secret).utf8))
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        hex = String(decoding: text, as: UTF8.self)
    }
}
