import Foundation
import PostgresNIO

/// Clip files in `clip_file` (bytea), so any web node serves any clip.
extension PostgresWorryStore {
    /// True: clip files live in `clip_file`, so any web node serves any clip.
    public var keepsClipFiles: Bool { true }

    public func clipFile(key: ClipKey, name: String) async throws -> Data? {
        let key = key.rawValue
        return try await run("read a clip file") { connection in
            try await connection.query("SELECT data FROM clip_file WHERE key = \(key) AND name = \(name)", logger: self.logger)
                .collect().first?.decode(Data.self)
        }
    }
}
