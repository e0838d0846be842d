import DumpStore
import Foundation
import NIOConcurrencyHelpers

/// Makes the formats no one asked for at post time — the WebM and the vertical story MP4 —
/// on their first request, then keeps them with the clip (deleted with it).
///
/// One render per (clip, format) however many requests wait for it; at most `permits`
/// renders at once, so a burst of downloads cannot starve the post-time queue.
actor ClipFormatsOnRequest {
    private let clips: any ClipRendering
    private let directory: ClipDirectory
    private let settings: ClipSettings
    private let gate: AsyncGate
    private let metrics: ServiceMetrics?
    private var running: [Job: Task<Void, any Error>] = [:]

    private struct Job: Hashable {
        var key: ClipKey
        var format: ClipFileFormat
    }

    /// How many were rendered (tests check a second request renders nothing).
    private(set) var renders = 0

    init(clips: any ClipRendering, directory: ClipDirectory, settings: ClipSettings, permits: Int, metrics: ServiceMetrics? = nil) {
        self.clips = clips
        self.metrics = metrics
        self.directory = directory
        self.settings = settings
        gate = AsyncGate(permits: max(1, permits))
    }

    /// The settings of `format`: the story is the clip turned upright (9:16).
    static func settings(for format: ClipFileFormat, from settings: ClipSettings) -> ClipSettings {
        format == .story ? settings.upright : settings
    }

    /// Makes `format` of clip `key` (showing `text`) unless it exists; returns when it does.
    func make(_ format: ClipFileFormat, of key: ClipKey, text: String) async throws {
        if directory.has(key, format: format) { return }
        let job = Job(key: key, format: format)
        if let task = running[job] { return try await task.value }
        let (clips, directory, gate, metrics) = (self.clips, self.directory, self.gate, self.metrics)
        let settings = Self.settings(for: format, from: self.settings)
        let task = Task {
            try await gate.run {
                metrics?.recordRenderStarted(format: format)
                let start = ContinuousClock.now
                do {
                    try await Blocking.run {
                        let partial = directory.partialFile(for: key, format: format)
                        defer { try? FileManager.default.removeItem(at: partial) }
                        let outputs = format == .webm ? ClipOutputs(webm: partial) : ClipOutputs(mp4: partial)
                        try clips.renderClip(text: text, seed: key.seed, settings: settings, outputs: outputs, progress: { _ in })
                        try directory.publish(key, format: format)
                    }
                    metrics?.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: true, format: format)
                } catch {
                    metrics?.recordRender(seconds: (ContinuousClock.now - start).seconds, succeeded: false, format: format)
                    throw error
                }
            }
        }
        running[job] = task
        renders += 1
        defer { running[job] = nil }
        try await task.value
    }
}
