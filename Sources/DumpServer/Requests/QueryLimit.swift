/// A `limit` query parameter (`GET /posters`, `GET /api/sky/region`).
enum QueryLimit {
    /// `text` as a whole number from 1 to `maximum`, written plainly (no sign, no leading
    /// zeros); `value` when absent; 400 `invalid_limit` otherwise.
    static func parse(_ text: String?, default value: Int, maximum: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), (1...maximum).contains(number), String(number) == text else {
            throw APIError.badRequest("invalid_limit", "limit must be a whole number from 1 to \(maximum).")
        }
        return number
    }
}
