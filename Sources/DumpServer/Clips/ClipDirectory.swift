import DumpStore
import Foundation

/// The folder of rendered clips, `<data>/clips`, with one folder per clip key:
/// `<data>/clips/<key>/clip.mp4`, `thumbnail.png`, and later `clip.webm`, `story.mp4`.
///
/// The post-time render writes into a hidden `.<key>.partial` folder, renamed to `<key>` only
/// once its files exist; a format made on request is written to a hidden file in the clip's
/// folder and renamed into place. Renames are atomic: a half-written file is never served.
struct ClipDirectory: Sendable {
    /// `<data>/clips`.
    let url: URL

    /// The published folder of `key`.
    func folder(for key: ClipKey) -> URL { url.appendingPathComponent(key.rawValue, isDirectory: true) }

    /// The published files of `key`.
    func files(for key: ClipKey) -> ClipFiles { ClipFiles(folder: folder(for: key)) }

    /// The folder a post-time render of `key` writes into before it is published.
    func stagingFolder(for key: ClipKey) -> URL { url.appendingPathComponent(".\(key.rawValue).partial", isDirectory: true) }

    /// A fresh, empty staging folder for `key`, and the post-time outputs in it.
    func prepareStaging(for key: ClipKey) throws -> ClipOutputs {
        let folder = stagingFolder(for: key)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = ClipFiles(folder: folder)
        return ClipOutputs(mp4: files.mp4, thumbnail: files.thumbnail)
    }

    /// Publishes a finished post-time render of `key`: checks the renderer wrote its files,
    /// then renames the staging folder over the published one.
    func publish(_ key: ClipKey) throws {
        let staging = ClipFiles(folder: stagingFolder(for: key))
        for file in [staging.mp4, staging.thumbnail] { try Self.requireWritten(file) }
        let target = folder(for: key)
        try? FileManager.default.removeItem(at: target)
        guard rename(stagingFolder(for: key).path, target.path) == 0 else {
            throw ClipPublishError(file: target.lastPathComponent)
        }
    }

    /// Where a render of `format` for `key` writes before `publish(_:format:)`.
    func partialFile(for key: ClipKey, format: ClipFileFormat) -> URL {
        folder(for: key).appendingPathComponent(".\(format.fileName).partial")
    }

    /// Moves a finished render of a format made on request into place.
    func publish(_ key: ClipKey, format: ClipFileFormat) throws {
        let partial = partialFile(for: key, format: format)
        try Self.requireWritten(partial)
        guard rename(partial.path, files(for: key).url(for: format).path) == 0 else {
            throw ClipPublishError(file: format.fileName)
        }
    }

    /// Whether `format` of `key` has been published.
    func has(_ key: ClipKey, format: ClipFileFormat) -> Bool {
        FileManager.default.fileExists(atPath: files(for: key).url(for: format).path)
    }

    /// Deletes every file of `key`, published or half-written. Missing files are fine.
    func delete(_ key: ClipKey) {
        try? FileManager.default.removeItem(at: folder(for: key))
        discardStaging(key)
    }

    /// Deletes the half-written post-time files of `key`.
    func discardStaging(_ key: ClipKey) {
        try? FileManager.default.removeItem(at: stagingFolder(for: key))
    }

    /// Throws unless `file` exists with some bytes in it.
    private static func requireWritten(_ file: URL) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else { throw ClipPublishError(file: file.lastPathComponent) }
    }
}

/// A render finished without writing one of its files, or the files could not be moved.
struct ClipPublishError: Error, LocalizedError {
    var file: String
    var errorDescription: String? { "The clip renderer did not produce \(file), or it could not be moved into place." }
}
