/// Distinct keys kept sorted in chunks of at most `chunkLimit`, so that inserting, removing
/// and finding the place of one key cost a binary search over chunks plus a move inside one
/// chunk, never a move of the whole list (a sorted array of 100,000 stars moved megabytes
/// for every shared worry).
struct OrderedKeys<Key: Comparable> {
    private(set) var chunks: [[Key]] = []
    private(set) var count = 0

    /// Most keys in one chunk; a fuller chunk is split in two.
    static var chunkLimit: Int { 512 }

    /// An empty list.
    init() {}

    /// The keys of `sorted` (ascending, distinct), in chunks of half the limit.
    init(sorted: [Key]) {
        let half = Self.chunkLimit / 2
        chunks = stride(from: 0, to: sorted.count, by: half).map { Array(sorted[$0..<min($0 + half, sorted.count)]) }
        count = sorted.count
    }

    var isEmpty: Bool { count == 0 }

    /// The first of `0..<count` for which `isAbove` holds (`count` when none does), where it
    /// holds for all after the first: the one binary search of the list.
    private static func firstIndex(below count: Int, where isAbove: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAbove(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The chunk `key` belongs in: the first whose last key is not below it (the last chunk
    /// for a key above all).
    private func chunkIndex(for key: Key) -> Int {
        Self.firstIndex(below: chunks.count - 1) { !(chunks[$0].last! < key) }
    }

    private static func position(of key: Key, in chunk: [Key]) -> Int {
        firstIndex(below: chunk.count) { !(chunk[$0] < key) }
    }

    /// Where the first key above `key` is (chunk, place in it); the start when `key` is nil,
    /// `chunks.count` when every key is at or below it.
    func position(after key: Key?) -> (chunk: Int, at: Int) {
        guard let key else { return (0, 0) }
        let chunk = Self.firstIndex(below: chunks.count) { key < chunks[$0].last! }
        guard chunk < chunks.count else { return (chunks.count, 0) }
        return (chunk, Self.firstIndex(below: chunks[chunk].count) { key < chunks[chunk][$0] })
    }

    /// Adds `key` (not already present).
    mutating func insert(_ key: Key) {
        count += 1
        guard !chunks.isEmpty else {
            chunks = [[key]]
            return
        }
        let c = chunkIndex(for: key)
        chunks[c].insert(key, at: Self.position(of: key, in: chunks[c]))
        if chunks[c].count > Self.chunkLimit {
            let upper = Array(chunks[c][(Self.chunkLimit / 2)...])
            chunks[c].removeLast(upper.count)
            chunks.insert(upper, at: c + 1)
        }
    }

    /// Removes `key`; false when it was not there.
    @discardableResult
    mutating func remove(_ key: Key) -> Bool {
        guard !chunks.isEmpty else { return false }
        let c = chunkIndex(for: key)
        let p = Self.position(of: key, in: chunks[c])
        guard p < chunks[c].count, chunks[c][p] == key else { return false }
        chunks[c].remove(at: p)
        if chunks[c].isEmpty { chunks.remove(at: c) }
        count -= 1
        return true
    }

    /// Where `key` is (0 for the least), or nil when absent: a walk over the chunks' sizes,
    /// a few hundred additions for 100,000 keys.
    func index(of key: Key) -> Int? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: key)
        let p = Self.position(of: key, in: chunks[c])
        guard p < chunks[c].count, chunks[c][p] == key else { return nil }
        var before = 0
        for k in 0..<c { before += chunks[k].count }
        return before + p
    }

    /// The key at `index` (0 for the least), or nil past the end: a walk over the chunks' sizes.
    func element(at index: Int) -> Key? {
        guard index >= 0 else { return nil }
        var rest = index
        for chunk in chunks {
            if rest < chunk.count { return chunk[rest] }
            rest -= chunk.count
        }
        return nil
    }

    /// The least `n` keys, in order.
    func prefix(_ n: Int) -> [Key] {
        var result: [Key] = []
        result.reserveCapacity(min(n, count))
        for chunk in chunks {
            if result.count >= n { break }
            result.append(contentsOf: chunk.prefix(n - result.count))
        }
        return result
    }

    /// Every key, in order.
    var all: [Key] { chunks.flatMap { $0 } }

    /// Calls `body` with each key in order until it returns false.
    func forEach(while body: (Key) -> Bool) {
        for chunk in chunks {
            for key in chunk where !body(key) { return }
        }
    }
}
