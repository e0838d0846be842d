import Foundation
import Hummingbird

/// `POST /api/owner-tokens`: a browser's owner token, handed out by the server.
struct OwnerTokenController: Sendable {
    let owners: OwnerCredential
    let admission: RequestAdmission
    let clock: any WorryClock

    var endpoints: RouteCollection<DumpRequestContext> {
        RouteCollection(context: DumpRequestContext.self).post("/api/owner-tokens", use: issue)
    }

    /// 201 `{"token": …}`: a new owner token for a browser (kept in its localStorage, sent
    /// with its posts), counted against its network (429 past `--rate-limit-tokens` an hour).
    @Sendable func issue(_ request: Request, context: DumpRequestContext) async throws -> Response {
        try await admission.admitNewToken(request, context: context, now: clock.now())
        let token = try await owners.issue()
        return JSONBody.response(["token": token.secret], status: .created, headers: [.cacheControl: "no-store"])
    }
}
