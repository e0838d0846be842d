import DumpStore
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Hummingbird
import NIOConcurrencyHelpers

/// Whether the disk under the data folder has room, told honestly: a full disk is
/// `storage_full` (507) on a post, a degraded `/healthz` and `dumpit_storage_full 1` in the
/// metrics — not "busy".
///
/// The disk counts as full while its free space is under `minimumFreeBytes`, or for
/// `memory` seconds after a write failed for lack of space (SQLite's `SQLITE_FULL`, `ENOSPC`
/// from a clip file): the probe may say there is room that a write could not get.
final class StorageHealth: Sendable {
    /// Free bytes on the disk under the data folder; nil when it cannot be read.
    typealias FreeSpaceProbe = @Sendable () -> Int64?

    private let probe: FreeSpaceProbe
    private let minimumFreeBytes: Int64
    private let memory: TimeInterval
    private let lastFailure = NIOLockedValueBox<Date?>(nil)

    init(probe: @escaping FreeSpaceProbe, minimumFreeBytes: Int64, memory: TimeInterval = 60) {
        self.probe = probe
        self.minimumFreeBytes = minimumFreeBytes
        self.memory = memory
    }

    /// Probes the file system holding `folder` (its nearest existing ancestor).
    static func freeSpace(under folder: URL) -> FreeSpaceProbe {
        { @Sendable in
            var url = folder
            while !FileManager.default.fileExists(atPath: url.path), url.pathComponents.count > 1 {
                url.deleteLastPathComponent()
            }
            var stats = statvfs()
            guard statvfs(url.path, &stats) == 0 else { return nil }
            return Int64(stats.f_bavail) * Int64(stats.f_frsize)
        }
    }

    /// Remembers a write that failed for lack of space.
    func noteFull(at now: Date = Date()) {
        lastFailure.withLockedValue { $0 = now }
    }

    /// Whether new work that writes to disk should be refused now.
    func isFull(at now: Date = Date()) -> Bool {
        if let failed = lastFailure.withLockedValue({ $0 }), now.timeIntervalSince(failed) < memory { return true }
        guard let free = probe() else { return false }
        return free < minimumFreeBytes
    }

    /// Whether `error` says the disk is full.
    static func isDiskFull(_ error: any Error) -> Bool {
        switch error {
        case StoreError.diskFull:
            return true
        case let error as CocoaError:
            return error.code == .fileWriteOutOfSpace
        case let error as POSIXError:
            return error.code == .ENOSPC || error.code == .EDQUOT
        default:
            let described = String(describing: error)
            return described.contains("No space left on device")
        }
    }

    /// 507 `storage_full`.
    static func fullError() -> APIError {
        APIError(
            HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), code: "storage_full",
            message: "The server's disk is full, so it cannot keep new worries right now. Worries already here stay.",
            headers: [.retryAfter: "60"])
    }
}
