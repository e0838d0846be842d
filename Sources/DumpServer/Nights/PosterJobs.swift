import DumpStore
import Foundation
import Logging

/// Posters being painted on demand (a night whose poster file is missing), so one date is
/// painted once however many requests ask.
actor PosterJobs {
    private var running: Set<String> = []

    /// Starts painting `night`'s poster with `archiver` unless it is already being painted.
    func paint(_ night: Night, with archiver: NightArchiver, logger: Logger) {
        guard running.insert(night.date).inserted else { return }
        Task {
            do {
                try await archiver.paintPoster(for: night)
            } catch {
                logger.error("poster painting failed", metadata: ["date": "\(night.date)", "error": "\(error.localizedDescription)"])
            }
            self.finished(night.date)
        }
    }

    private func finished(_ date: String) {
        running.remove(date)
    }
}
