import Foundation

/// One case of `Tests/Fixtures/door-cases.json`: a text and what the door must make of it.
///
/// The same file drives the service suite (every case posted through the HTTP server), so
/// every field here is exact and deterministic.
struct DoorCase: Decodable, Sendable, CustomStringConvertible {
    var name: String
    var text: String
    /// `open`, `care`, `hate` or `refused`.
    var outcome: String
    /// The refusal code, only when `outcome` is `refused`.
    var code: String?
    /// The kinds of personal data masked, in order of first appearance (absent when refused).
    var masked: [String]?
    /// The exact text `Door.admit` returns.
    var stored: String?
    /// Substrings that must not appear in the stored text.
    var absent: [String]?
    /// Substrings that must appear in the stored text.
    var present: [String]?

    var description: String { name }
}

/// The door's fixture, read from `Tests/Fixtures/door-cases.json` next to this target.
enum DoorFixture {
    /// Where the fixture lives: `Tests/DumpDoorTests/../Fixtures/door-cases.json`.
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/door-cases.json")

    /// Every case, or the error that kept the file from being read.
    static let loaded: Result<[DoorCase], any Error> = Result {
        try JSONDecoder().decode([DoorCase].self, from: Data(contentsOf: url))
    }

    /// Every case (empty when the file could not be read; `DoorFixtureTests` reports why).
    static var cases: [DoorCase] { (try? loaded.get()) ?? [] }
}
