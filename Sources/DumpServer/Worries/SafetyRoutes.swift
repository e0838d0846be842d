import DumpStore
import Foundation
import HTTPTypes
import Hummingbird

extension SiteRoutes {
    /// `DELETE /api/worries/{id}` (the writer takes a worry back) and
    /// `POST /api/worries/{id}/reports` (anyone reports a star).
    func registerSafetyRoutes(on table: RouteTable) {
        table.add(.delete, "/api/worries/{id}") { request, context in
            try await deleteWorry(request, context: context)
        }
        table.add(.post, "/api/worries/{id}/reports") { request, context in
            try await reportStar(request, context: context)
        }
    }

    /// 204 when the token's writer deleted the worry; 404 for any id that is not theirs, so
    /// nobody learns whether someone else's worry exists. Its clip files go when no other
    /// worry shows the same clip; every node's sky drops the star at its next poll.
    func deleteWorry(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let owner = try await owners.require(request)
        let id = try worryID(context)
        guard let deleted = try await store.deleteWorry(id: id, owner: owner, now: clock.now()) else {
            throw APIError.notFound("There is no worry of yours with this id.")
        }
        try await forgetClip(of: deleted)
        metrics.recordSafety("deleted")
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// Deletes this node's files of a clip no worry shows any more (the store deleted its own
    /// copy, PostgreSQL's `clip_file`, with the clip).
    func forgetClip(of deleted: DeletedWorry) async throws {
        guard let key = deleted.clip else { return }
        let directory = clipDirectory
        try await Blocking.run { directory.delete(key) }
    }

    /// 202 `{"status": "received"}`: a report of the star `{id}` names (a star id from the
    /// sky, or a worry id from a share page), counted once per reporter token and star; 404
    /// when no live public star has that id; 429 past the per-network limit.
    func reportStar(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let reporter = try await owners.require(request)
        try Self.requireJSON(request)
        let now = clock.now()
        let address = limitedAddress(request, context: context)
        if let wait = try await limits.admitReport(from: address, now: now) {
            metrics.recordRateLimited("report")
            throw Self.rateLimited(wait, "Too many reports from this network; please wait a little.")
        }
        let body = try await Self.collectBody(of: request, upTo: 1024, within: configuration.bodyTimeout)
        let reason = try ReportSubmission.reason(from: body)
        guard let name = context.parameters.get("id"), let star = try await store.star(named: name, now: now),
            try await isPublicStar(star, now: now)
        else { throw APIError.notFound("There is no star with this id in tonight's sky.") }
        let outcome = try await store.report(star: star, reporter: reporter, reason: reason, now: now)
        if outcome.counted { metrics.recordSafety("reported") }
        if outcome.hidNow { metrics.recordSafety("hidden") }
        return JSONBody.response(ReportReceived(status: "received"), status: .accepted, headers: [.cacheControl: "no-store"])
    }

    /// Whether `star` is in the public sky now (a live public worry shows it).
    func isPublicStar(_ star: String, now: Date) async throws -> Bool {
        guard let item = try await store.moderationItem(star: star, now: now) else { return false }
        return item.worries.contains { $0.visibility == .public }
    }
}

/// `POST /api/worries/{id}/reports`' answer.
struct ReportReceived: Encodable {
    var status: String
}

/// Reads the body of a report: `{"reason": "personal_info" | "hate" | "self_harm" | "spam" | "other"}`.
enum ReportSubmission {
    static func reason(from body: ByteBuffer) throws -> ReportReason {
        let reasons = ReportReason.allCases.map(\.rawValue).joined(separator: ", ")
        let field = JSONStringField(name: "reason", holding: "one of \(reasons)", example: "{\"reason\": \"spam\"}")
        guard let reason = ReportReason(rawValue: try field.value(in: body)) else {
            throw APIError.badRequest("invalid_reason", "\"reason\" must be one of \(reasons).")
        }
        return reason
    }
}
