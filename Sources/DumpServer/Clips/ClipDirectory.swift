import DumpStore
import Foundation

/// The folder of rendered clips, `<data>/clips`, with one folder per worry:
/// `<data>/clips/<id>/clip.webm`, `clip.mp4`, `thumbnail.png`.
///
/// A render writes into a hidden `.<id>.partial` folder, which is renamed to `<id>` only once
/// all three files exist: one atomic rename, so a half-written clip is never served.
struct ClipDirectory: Sendable {
    /// `<data>/clips`.
    let url: URL

    /// The published folder of `id`.
    func folder(for id: WorryID) -> URL { url.appendingPathComponent(id.rawValue, isDirectory: true) }

    /// The published files of `id`.
    func files(for id: WorryID) -> ClipFiles { ClipFiles(folder: folder(for: id)) }

    /// The folder a render of `id` writes into before it is published.
    func stagingFolder(for id: WorryID) -> URL { url.appendingPathComponent(".\(id.rawValue).partial", isDirectory: true) }

    /// A fresh, empty staging folder for `id` and the files to render into it.
    func prepareStaging(for id: WorryID) throws -> ClipFiles {
        let folder = stagingFolder(for: id)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return ClipFiles(folder: folder)
    }

    /// Publishes a finished render of `id`: checks the renderer wrote all three files, then
    /// renames the staging folder over the published one.
    func publish(_ id: WorryID) throws {
        let staging = ClipFiles(folder: stagingFolder(for: id))
        for file in staging.all {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size > 0 else { throw ClipPublishError(file: file.lastPathComponent) }
        }
        let target = folder(for: id)
        try? FileManager.default.removeItem(at: target)
        guard rename(stagingFolder(for: id).path, target.path) == 0 else {
            throw ClipPublishError(file: target.lastPathComponent)
        }
    }

    /// Deletes every file of `id`, published or half-written. Missing files are fine.
    func delete(_ id: WorryID) {
        try? FileManager.default.removeItem(at: folder(for: id))
        discardStaging(id)
    }

    /// Deletes the half-written files of `id`.
    func discardStaging(_ id: WorryID) {
        try? FileManager.default.removeItem(at: stagingFolder(for: id))
    }
}

/// A render finished without writing one of its files, or the files could not be moved.
struct ClipPublishError: Error, LocalizedError {
    var file: String
    var errorDescription: String? { "The clip renderer did not produce \(file), or it could not be moved into place." }
}
