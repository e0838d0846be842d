import DumpStore
import HTTPTypes
import Hummingbird

/// Reads the `X-Owner-Token` header. The token is only ever handed to the store (which keeps
/// a hash) and to the rate limiter (which keeps a salted hash); it is never logged or echoed.
enum OwnerCredential {
    /// The header's name.
    static let header = HTTPField.Name("X-Owner-Token")!

    /// The request's owner token, or 401 when it is missing or malformed.
    static func require(_ request: Request) throws -> OwnerToken {
        guard let value = request.headers[header] else {
            throw APIError(
                .unauthorized, code: "missing_owner_token",
                message: "Send your browser's owner token in the X-Owner-Token header.")
        }
        guard let token = OwnerToken(value) else {
            throw APIError(
                .unauthorized, code: "invalid_owner_token",
                message: "The owner token must be 32 to 128 characters of A-Z, a-z, 0-9, '-' and '_'.")
        }
        return token
    }
}
