import DumpStore
import Foundation

/// What operators can do (`dumpit moderate`): list reported stars, show one, hide it, restore
/// it, delete it (every live worry of a star, or one worry), on either store. It reads texts
/// (already masked by the door) and report counts; never a writer's token, hash or address.
public struct Moderator: Sendable {
    let store: any WorryStore
    let clips: ClipDirectory

    /// Most stars `list` shows at once.
    public static let listLimit = 200

    /// A moderator of `store` whose clip files (SQLite) live in `dataDirectory`/clips.
    public init(store: any WorryStore, dataDirectory: URL) {
        self.store = store
        clips = ClipDirectory(url: dataDirectory.appendingPathComponent("clips", isDirectory: true))
    }

    /// Why an operator's command could not be done.
    public struct Failure: Error, LocalizedError {
        public var errorDescription: String?
    }

    /// Reported or moderated live stars, most reported first.
    public func list(now: Date = Date(), limit: Int = Moderator.listLimit) async throws -> [ModerationItem] {
        try await store.moderationQueue(now: now, limit: limit)
    }

    /// One star, by its id or the id of one of its worries.
    public func show(_ id: String, now: Date = Date()) async throws -> ModerationItem {
        let star = try await self.star(id, now: now)
        guard let item = try await store.moderationItem(star: star, now: now) else { throw Self.unknown(id) }
        return item
    }

    /// Hides (or restores) a star from every public surface at once.
    public func setHidden(_ id: String, _ hidden: Bool, now: Date = Date()) async throws {
        let star = try await self.star(id, now: now)
        guard try await store.moderate(star: star, hidden: hidden, now: now) else { throw Self.unknown(id) }
    }

    /// Deletes one worry (by its id) or every live worry of a star (by the star's id), with
    /// the clip files no other worry shows; returns how many worries went.
    public func delete(_ id: String, now: Date = Date()) async throws -> Int {
        var ids: [WorryID] = []
        if let worryID = WorryID(id) {
            ids = [worryID]
        } else {
            ids = try await show(id, now: now).worries.map(\.id)
        }
        var deleted = 0
        for worryID in ids {
            guard let gone = try await store.deleteWorry(id: worryID, owner: nil, now: now) else { continue }
            deleted += 1
            if let key = gone.clip { clips.delete(key) }
        }
        guard deleted > 0 else { throw Self.unknown(id) }
        return deleted
    }

    private func star(_ id: String, now: Date) async throws -> String {
        guard let star = try await store.star(named: id, now: now) else { throw Self.unknown(id) }
        return star
    }

    private static func unknown(_ id: String) -> Failure {
        Failure(errorDescription: "no live worry or star has the id \(id)")
    }
}
