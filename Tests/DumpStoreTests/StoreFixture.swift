import Foundation
import Testing

@testable import DumpStore

/// The two databases every behaviour is checked against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, file

    var testDescription: String { rawValue }
}

/// A database for one test: in memory, or a file in its own temporary directory.
///
/// Tests call `remove()` in a `defer`, which also keeps the fixture alive for the whole
/// test (a deinit could run as soon as the fixture is last used, while the store still
/// needs its files).
final class StoreFixture: Sendable {
    let kind: StoreKind
    let directory: URL
    let path: String

    init(_ kind: StoreKind) throws {
        self.kind = kind
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dumpstore-tests-\(UUID().uuidString)", isDirectory: true)
        path = directory.appendingPathComponent("worries.sqlite").path
        if kind == .file {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    /// Deletes the temporary directory and the database files in it.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A store on this fixture's database. For `.file`, opening again reopens the same file.
    func open() throws -> SQLiteWorryStore {
        switch kind {
        case .memory: return try SQLiteWorryStore.inMemory()
        case .file: return try SQLiteWorryStore(path: path)
        }
    }
}

/// A fixed instant with a fractional part, so sub-second comparisons are exercised.
let t0 = Date(timeIntervalSince1970: 1_750_000_000.25)

/// A valid, recognisable owner token: `n` keeps owners apart, the marker makes it easy to
/// search for in raw bytes.
func token(_ n: Int) -> OwnerToken {
    let secret = "SeCrEtOwNeRtOkEn-\(n)-"
    return OwnerToken(secret + String(repeating: "x", count: 40 - secret.count))!
}

/// A draft by owner `n` living `ttl` seconds.
func draft(_ text: String, owner n: Int = 1, ttl: TimeInterval = 3600) -> WorryDraft {
    WorryDraft(text: text, owner: token(n), ttl: ttl)
}
