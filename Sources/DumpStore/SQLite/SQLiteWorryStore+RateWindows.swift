import Foundation
import GRDB

/// Rate-limit windows: counted in this process's memory (`FixedWindows`); a limit hit is not
/// worth a durable write.
extension SQLiteWorryStore {
    public func admit(rateKey key: String, limit: Int, window: TimeInterval, now: Date) async throws -> Int? {
        windows.admit(key, limit: limit, window: window, now: now)
    }
}
