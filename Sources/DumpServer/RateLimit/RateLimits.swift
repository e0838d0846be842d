import Crypto
import DumpStore
import Foundation

/// The per-owner and per-address limits on posting worries (and the daily cap per address), counted in the store so that
/// every node of a fleet enforces the same limit (fixed one-minute windows: see
/// `WorryStore.admit`).
///
/// The store sees only keys: SHA-256 of a purpose label and the token or address, so its
/// table holds neither an owner token nor a client address, and an owner's limit key differs
/// from the owner hash kept with worries.
struct RateLimits: Sendable {
    let store: any WorryStore
    let perOwner: Int
    let perAddress: Int
    /// Reports one network may file per window (0: no limit).
    var reportsPerAddress: Int = 20
    /// Worries one network may post in a day (0: no limit): a cap on its live stars.
    var dailyPerAddress: Int = 0
    /// Owner tokens one network may ask for in an hour (0: no limit).
    var tokensPerAddress: Int = 0
    let window: TimeInterval = 60

    /// Nil when `owner` may post now, else the seconds to wait.
    func admitOwner(_ owner: OwnerToken, now: Date) async throws -> Int? {
        try await store.admit(rateKey: Self.key("owner", owner.secret), limit: perOwner, window: window, now: now)
    }

    /// Nil when `address` may post now, else the seconds to wait.
    func admitAddress(_ address: String, now: Date) async throws -> Int? {
        try await store.admit(rateKey: Self.key("address", address), limit: perAddress, window: window, now: now)
    }

    /// Nil when `address` has posted fewer than `dailyPerAddress` worries today (a fixed UTC
    /// day), else the seconds until tomorrow.
    func admitAddressToday(_ address: String, now: Date) async throws -> Int? {
        try await store.admit(rateKey: Self.key("address-day", address), limit: dailyPerAddress, window: 86_400, now: now)
    }

    /// Nil when `address` may be handed another owner token now, else the seconds to wait.
    func admitTokenRequest(from address: String, now: Date) async throws -> Int? {
        try await store.admit(rateKey: Self.key("token", address), limit: tokensPerAddress, window: 3600, now: now)
    }

    /// Nil when `address` may file a report now, else the seconds to wait.
    func admitReport(from address: String, now: Date) async throws -> Int? {
        try await store.admit(rateKey: Self.key("report", address), limit: reportsPerAddress, window: window, now: now)
    }

    /// `kind:` + hex of the first 16 bytes of SHA-256("dumpit.rate.v1:kind:value").
    static func key(_ kind: String, _ value: String) -> String {
        let digest = SHA256.hash(data: Array("dumpit.rate.v1:\(kind):\(value)".utf8))
        return kind + ":" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
