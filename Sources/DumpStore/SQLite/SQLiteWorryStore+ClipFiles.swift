import Foundation
import GRDB

/// Clip files: with SQLite they live in the data folder beside the database (`clips/`), not in it.
extension SQLiteWorryStore {
    /// False: with SQLite, clip files live in the data folder (`clips/`), beside the database.
    public var keepsClipFiles: Bool { false }

    public func clipFile(key: ClipKey, name: String) async throws -> Data? { nil }
}
