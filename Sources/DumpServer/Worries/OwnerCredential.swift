import Crypto
import DumpStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// Owner tokens are handed out by the site (`POST /api/owner-tokens`, a few per network per
/// hour) and signed, so a limit keyed on a token means something: a client cannot make up a
/// fresh token to post past its limit, only ask for one, which is counted against its network.
///
/// A token is 16 random bytes and the first 16 bytes of their HMAC-SHA256 under the site's
/// key (kept in the store, so every node of a fleet checks every node's tokens), in base64url:
/// 43 characters. The token is only ever handed to the store (which keeps a hash) and to the
/// rate limiter (which keeps a salted hash); it is never logged or echoed.
final class OwnerCredential: Sendable {
    /// The header's name.
    static let header = HTTPField.Name("X-Owner-Token")!

    private let store: any WorryStore
    /// The key's bytes (`SymmetricKey` is not `Sendable`), read from the store once.
    private let key: NIOLockedValueBox<[UInt8]?>

    /// Tokens signed with the store's key; with `key`, with that one instead (tests).
    init(store: any WorryStore, key: [UInt8]? = nil) {
        self.store = store
        self.key = NIOLockedValueBox(key)
    }

    /// A new token.
    func issue() async throws -> OwnerToken {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return OwnerToken(Self.encode(random + Self.tag(of: random, key: try await signingKey())))!
    }

    /// The request's owner token: 401 when it is missing, malformed, or not one this site
    /// handed out.
    func require(_ request: Request) async throws -> OwnerToken {
        guard let token = try await optional(request) else {
            throw APIError(
                .unauthorized, code: "missing_owner_token",
                message: "Send your browser's owner token in the X-Owner-Token header (ask for one with POST /api/owner-tokens).")
        }
        return token
    }

    /// The request's owner token, nil when none is sent; 401 when one is sent that is
    /// malformed or not this site's.
    func optional(_ request: Request) async throws -> OwnerToken? {
        guard let value = request.headers[Self.header] else { return nil }
        guard let token = OwnerToken(value) else {
            throw APIError(
                .unauthorized, code: "invalid_owner_token",
                message: "The owner token must be 32 to 128 characters of A-Z, a-z, 0-9, '-' and '_'.")
        }
        guard try await isIssued(token) else {
            throw APIError(
                .unauthorized, code: "unknown_owner_token",
                message: "This owner token was not handed out by this site; ask for one with POST /api/owner-tokens.")
        }
        return token
    }

    /// Whether `token` carries this site's signature.
    func isIssued(_ token: OwnerToken) async throws -> Bool {
        guard let bytes = Self.decode(token.secret), bytes.count == 32 else { return false }
        let expected = Self.tag(of: Array(bytes[0..<16]), key: try await signingKey())
        // constant time: no early exit on the first byte that differs
        return zip(expected, bytes[16...]).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func signingKey() async throws -> SymmetricKey {
        if let known = key.withLockedValue({ $0 }) { return SymmetricKey(data: known) }
        let stored = try await store.ownerTokenKey()
        key.withLockedValue { $0 = stored }
        return SymmetricKey(data: stored)
    }

    /// The first 16 bytes of HMAC-SHA256(key, "dumpit-owner-token-v1" ‖ random).
    static func tag(of random: [UInt8], key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array("dumpit-owner-token-v1".utf8) + random, using: key).prefix(16))
    }

    static func encode(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }

    static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count == 43 else { return nil }
        return Base64URL.decode(text)
    }
}
