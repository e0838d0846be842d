import Foundation

/// The folder a Dump It! installation keeps its state in: the database, rendered clips and
/// night posters.
///
/// One type names the files, so the server and the CLI always look in the same places.
public struct DataDirectory: Sendable, Equatable {
    /// The database file's name inside the data directory.
    public static let databaseFileName = "dumpit.sqlite"

    /// The data directory itself.
    public let url: URL

    /// `<data>/dumpit.sqlite`.
    public var databaseURL: URL { url.appendingPathComponent(Self.databaseFileName, isDirectory: false) }
    /// `<data>/clips`: one folder of clip files per worry.
    public var clipsURL: URL { url.appendingPathComponent("clips", isDirectory: true) }
    /// `<data>/posters`: `<YYYY-MM-DD>.png` per archived night.
    public var postersURL: URL { url.appendingPathComponent("posters", isDirectory: true) }

    /// A data directory at `url` (nothing is created until `create()`).
    public init(_ url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Creates the directory and its `clips` and `posters` folders if they are missing.
    public func create() throws {
        for folder in [url, clipsURL, postersURL] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }
}
