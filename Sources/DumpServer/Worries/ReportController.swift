import DumpStore
import Foundation
import Hummingbird

/// `POST /api/worries/{id}/reports`: anyone reports a star.
struct ReportController: Sendable {
    let store: any WorryStore
    let owners: OwnerCredential
    let admission: RequestAdmission
    let clock: any WorryClock
    let metrics: ServiceMetrics

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self).post("/api/worries/{id}/reports", use: report)
    }

    /// 202 `{"status": "received"}`: a report of the star `{id}` names (a star id from the
    /// sky, or a worry id from a share page), counted once per reporter token and star; 404
    /// when no live public star has that id; 429 past the per-network limit.
    @Sendable func report(_ request: Request, context: DumpRequestContext) async throws -> Response {
        let reporter = try await owners.require(request)
        try RequestBody.requireJSON(request)
        let now = clock.now()
        let reason = try ReportSubmission.reason(from: try await admission.reportBody(request, context: context, now: now))
        guard let name = context.parameters.get("id"), let star = try await store.star(named: name, now: now),
            try await isPublicStar(star, now: now)
        else { throw APIError.notFound("There is no star with this id in tonight's sky.") }
        let outcome = try await store.report(star: star, reporter: reporter, reason: reason, now: now)
        if outcome.counted { metrics.recordSafety("reported") }
        if outcome.hidNow { metrics.recordSafety("hidden") }
        return JSONBody.response(ReportReceived(status: "received"), status: .accepted, headers: [.cacheControl: "no-store"])
    }

    /// Whether `star` is in the public sky now (a live public worry shows it).
    private func isPublicStar(_ star: String, now: Date) async throws -> Bool {
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
