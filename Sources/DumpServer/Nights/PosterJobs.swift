import DumpStore
import Foundation
import Logging

/// Posters being painted on demand (a night whose poster was never kept), so one date is
/// painted once however many requests ask, and at most `limit` at a time: a script asking for
/// every night ever archived gets 503s, not a queue of paintings.
actor PosterJobs {
    private var running: Set<String> = []
    private let limit: Int

    init(limit: Int = 2) {
        self.limit = max(1, limit)
    }

    /// Starts painting `night`'s poster with `archiver` unless it is already being painted;
    /// false when `limit` other posters are being painted.
    func paint(_ night: Night, with archiver: NightArchiver, logger: Logger) -> Bool {
        if running.contains(night.date) { return true }
        guard running.count < limit else { return false }
        running.insert(night.date)
        Task {
            do {
                try await archiver.paintPoster(for: night)
            } catch {
                logger.error(
                    "poster painting failed", metadata: ["date": "\(night.date)", "error": "\(error.localizedDescription)"])
            }
            self.finished(night.date)
        }
        return true
    }

    private func finished(_ date: String) {
        running.remove(date)
    }
}
