import DumpStore
import Foundation

/// The folder of rendered clips, `<data>/clips`, with one folder per clip key:
/// `<data>/clips/<key>/clip.mp4`, `thumbnail.png`, and later `clip.webm`, `story.mp4`.
///
/// The post-time render writes into a hidden `.<key>.<attempt>.partial` folder of its own (two
/// attempts never share one), renamed to `<key>` only once its files exist; a format made on
/// request, or a local copy of a file kept in the database, is written to a hidden file in the
/// clip's folder and renamed into place. Renames are atomic: a half-written file is never served.
struct ClipDirectory: Sendable {
    /// `<data>/clips`.
    let url: URL

    /// The published folder of `key`.
    func folder(for key: ClipKey) -> URL { url.appendingPathComponent(key.rawValue, isDirectory: true) }

    /// The published files of `key`.
    func files(for key: ClipKey) -> ClipFiles { ClipFiles(folder: folder(for: key)) }

    /// The folder attempt `attempt` of a post-time render of `key` writes into before it is
    /// published.
    func stagingFolder(for key: ClipKey, attempt: Int) -> URL {
        url.appendingPathComponent(".\(key.rawValue).\(attempt).partial", isDirectory: true)
    }

    /// A fresh, empty staging folder for attempt `attempt` of `key`, and the post-time outputs in it.
    func prepareStaging(for key: ClipKey, attempt: Int) throws -> ClipOutputs {
        let folder = stagingFolder(for: key, attempt: attempt)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = ClipFiles(folder: folder)
        return ClipOutputs(mp4: files.mp4, thumbnail: files.thumbnail)
    }

    /// The files a finished post-time render of attempt `attempt` left in its staging folder,
    /// read for a store that keeps clip files. Throws unless every one was written.
    func stagedFiles(for key: ClipKey, attempt: Int) throws -> [ClipFile] {
        let staging = ClipFiles(folder: stagingFolder(for: key, attempt: attempt))
        return try ClipFileFormat.atPost.map { format in
            let file = staging.url(for: format)
            try Self.requireWritten(file)
            return ClipFile(name: format.fileName, data: try Data(contentsOf: file))
        }
    }

    /// Publishes a finished post-time render of `key`: checks the renderer wrote its files,
    /// then renames the staging folder over the published one. When another attempt published
    /// the same clip first, this one's files are dropped (the clip is a pure function of its key).
    func publish(_ key: ClipKey, attempt: Int) throws {
        let stagingFolder = stagingFolder(for: key, attempt: attempt)
        let staging = ClipFiles(folder: stagingFolder)
        for file in [staging.mp4, staging.thumbnail] { try Self.requireWritten(file) }
        let target = folder(for: key)
        if rename(stagingFolder.path, target.path) == 0 { return }
        // The target exists: another attempt published this clip first (keep it), or a
        // leftover without its files is in the way (replace it).
        let published = ClipFiles(folder: target)
        if (try? [published.mp4, published.thumbnail].forEach(Self.requireWritten)) != nil {
            try? FileManager.default.removeItem(at: stagingFolder)
            return
        }
        try? FileManager.default.removeItem(at: target)
        guard rename(stagingFolder.path, target.path) == 0 else { throw ClipPublishError(file: target.lastPathComponent) }
    }

    /// Writes a local copy of `format` of `key` (read from the store) into place.
    func storeCopy(_ data: Data, of key: ClipKey, format: ClipFileFormat) throws {
        try FileManager.default.createDirectory(at: folder(for: key), withIntermediateDirectories: true)
        let partial = folder(for: key).appendingPathComponent(".\(format.fileName).\(UUID().uuidString).copy")
        defer { try? FileManager.default.removeItem(at: partial) }
        try data.write(to: partial)
        guard rename(partial.path, files(for: key).url(for: format).path) == 0 else {
            throw ClipPublishError(file: format.fileName)
        }
    }

    /// Deletes local copies of clip files (kept by the store) not written for `age` seconds,
    /// and folders left empty. A copy still needed is fetched again.
    func pruneCopies(olderThan age: TimeInterval, now: Date) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let folder = url.appendingPathComponent(name, isDirectory: true)
            Self.pruneFiles(in: folder, olderThan: age, now: now)
            if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
            }
        }
    }

    /// Deletes the files directly in `folder` not modified for `age` seconds.
    static func pruneFiles(in folder: URL, olderThan age: TimeInterval, now: Date) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            let file = folder.appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            let modified = attributes?[.modificationDate] as? Date ?? now
            if now.timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// Where attempt `attempt` of a render of version `format` of `key` writes before
    /// `publish(_:format:from:)` (two attempts never share one).
    func partialFile(for key: ClipKey, format: ClipFileFormat, attempt: Int) -> URL {
        folder(for: key).appendingPathComponent(".\(format.fileName).\(attempt).partial")
    }

    /// Moves a finished render of a version (`partial`) into place.
    func publish(_ key: ClipKey, format: ClipFileFormat, from partial: URL) throws {
        try Self.requireWritten(partial)
        guard rename(partial.path, files(for: key).url(for: format).path) == 0 else {
            throw ClipPublishError(file: format.fileName)
        }
    }

    /// The bytes of a finished render; throws unless it wrote some.
    func writtenData(_ file: URL) throws -> Data {
        try Self.requireWritten(file)
        return try Data(contentsOf: file)
    }

    /// Whether `format` of `key` has been published.
    func has(_ key: ClipKey, format: ClipFileFormat) -> Bool {
        FileManager.default.fileExists(atPath: files(for: key).url(for: format).path)
    }

    /// Deletes every file of `key`, published or half-written. Missing files are fine.
    func delete(_ key: ClipKey) {
        try? FileManager.default.removeItem(at: folder(for: key))
        let prefix = ".\(key.rawValue)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }

    /// Deletes the half-written post-time files of attempt `attempt` of `key`.
    func discardStaging(_ key: ClipKey, attempt: Int) {
        try? FileManager.default.removeItem(at: stagingFolder(for: key, attempt: attempt))
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
