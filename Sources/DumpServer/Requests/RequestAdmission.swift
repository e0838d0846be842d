import DumpStore
import Foundation
import Hummingbird
import NIOCore

/// The step every writing request takes before its handler does anything: the limits of its
/// network and writer, the size of its body and the room left on disk, then the body itself.
struct RequestAdmission: Sendable {
    let limits: RateLimits
    let addressing: ClientAddressing
    let storage: StorageHealth
    let metrics: ServiceMetrics
    /// Largest body accepted (`--max-body-bytes`).
    let maxBodyBytes: Int
    /// How long a body may take to arrive.
    let bodyTimeout: TimeInterval

    /// The body of a new worry from `owner`, once the network's minute and day, the writer's
    /// minute, the declared size and the free space all allow it (429, 413, 507 otherwise).
    func worryBody(_ request: Request, context: DumpRequestContext, owner: OwnerToken, now: Date) async throws -> ByteBuffer {
        let address = addressing.key(of: request, context: context)
        try refuse(
            "address", after: try await limits.admitAddress(address, now: now),
            "Too many worries from this network; please wait a little.")
        try refuse(
            "address_day", after: try await limits.admitAddressToday(address, now: now),
            "This network has dumped many worries today; the sky keeps room for everyone. Please come back tomorrow.")
        try refuse(
            "owner", after: try await limits.admitOwner(owner, now: now),
            "You are dumping worries very fast; please wait a little.")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw ErrorMiddleware.bodyTooLarge()
        }
        guard !storage.isFull() else { throw StorageHealth.fullError() }
        return try await RequestBody.collect(request, upTo: maxBodyBytes, within: bodyTimeout)
    }

    /// The body of a report (at most 1 KiB), once the network's report limit allows it.
    func reportBody(_ request: Request, context: DumpRequestContext, now: Date) async throws -> ByteBuffer {
        let address = addressing.key(of: request, context: context)
        try refuse(
            "report", after: try await limits.admitReport(from: address, now: now),
            "Too many reports from this network; please wait a little.")
        return try await RequestBody.collect(request, upTo: 1024, within: bodyTimeout)
    }

    /// Whether the network may have one more owner token this hour (429 otherwise).
    func admitNewToken(_ request: Request, context: DumpRequestContext, now: Date) async throws {
        let address = addressing.key(of: request, context: context)
        try refuse(
            "token", after: try await limits.admitTokenRequest(from: address, now: now),
            "Too many new browsers from this network; please wait a little.")
    }

    /// 429 `rate_limited` with `Retry-After` when a limit asked to `wait`, counted by `kind`.
    private func refuse(_ kind: String, after wait: Int?, _ message: String) throws {
        guard let wait else { return }
        metrics.recordRateLimited(kind)
        throw APIError(.tooManyRequests, code: "rate_limited", message: message, headers: [.retryAfter: "\(wait)"])
    }
}
