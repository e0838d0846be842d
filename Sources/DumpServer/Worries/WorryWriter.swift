import DumpStore
import Foundation

/// Group commit for posted worries: posts that arrive while a write is in flight wait and are
/// then stored together, in one transaction with one durable commit
/// (`WorryStore.addWorries`). Each post still gets its answer only after its worry is on disk.
///
/// With one commit per post, 64 simultaneous posts queued behind one another for SQLite's
/// single writer (about half a millisecond each, mostly the fsync); batched, a burst costs
/// about one commit.
actor WorryWriter {
    private let store: any WorryStore
    /// The answer a post waits for: its stored worry and the revision after the commit.
    typealias Stored = (worry: Worry, revision: Int64)
    private var waiting: [(draft: WorryDraft, now: Date, reply: CheckedContinuation<Stored, any Error>)] = []
    private var writing = false

    init(store: any WorryStore) {
        self.store = store
    }

    /// Stores `draft` (with its time `now`) durably; returns the worry and the store's
    /// revision after the commit that holds it.
    func add(_ draft: WorryDraft, now: Date) async throws -> Stored {
        try await withCheckedThrowingContinuation { (reply: CheckedContinuation<Stored, any Error>) in
            waiting.append((draft, now, reply))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes batches until nobody is waiting.
    private func drain() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            let store = self.store
            let drafts = batch.map { (draft: $0.draft, now: $0.now) }
            do {
                let worries = try await store.addWorries(drafts)
                let revision = try await store.revision()
                for (index, item) in batch.enumerated() {
                    item.reply.resume(returning: (worry: worries[index], revision: revision))
                }
            } catch {
                for item in batch { item.reply.resume(throwing: error) }
            }
        }
        writing = false
    }
}
