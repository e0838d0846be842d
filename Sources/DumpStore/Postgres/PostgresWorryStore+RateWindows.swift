import Foundation
import PostgresNIO

/// Rate-limit windows every node counts in.
extension PostgresWorryStore {
    /// One statement: `INSERT … ON CONFLICT … DO UPDATE … RETURNING` counts the request in the
    /// key's fixed window (a new window starts the count again).
    public func admit(rateKey key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Int? {
        guard limit > 0, window > 0 else { return nil }
        let current = RateWindow(containing: now, length: window)
        let start = current.start
        let count = try await run("count a request against a rate limit") { connection in
            try await connection.query(
                """
                INSERT INTO rate_limit (key, window_start, count) VALUES (\(key), \(start), 1)
                ON CONFLICT (key) DO UPDATE SET
                    count = CASE WHEN rate_limit.window_start = excluded.window_start THEN rate_limit.count + 1 ELSE 1 END,
                    window_start = excluded.window_start
                RETURNING count
                """, logger: self.logger
            ).collect().first?.decode(Int.self) ?? 1
        }
        return current.wait(afterCount: count, limit: limit, now: now)
    }
}
