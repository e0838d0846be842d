/// The stars of a `LiveSky` by tile of a fixed grid over the sky's unit square, each tile's
/// kept in the sky's order (brightest first): the brightest stars of a region are read by
/// merging the tiles it covers, so a region costs what it returns (plus the stars of the
/// tiles its edges cut), whatever the size of the sky.
///
/// This is what a zoomed page loads its detail from (`LiveSky.region`): the faint stars
/// beyond the view, near where it looks.
struct SkyTiles<Key: Comparable> {
    /// Tiles per side: 64 x 64 over the sky (a tile is about 1/64 of its width; a page zoomed
    /// in twice covers about 32 x 32 of them).
    static var side: Int { 64 }

    private var tiles: [OrderedKeys<Key>]

    init() {
        tiles = Array(repeating: OrderedKeys(), count: Self.side * Self.side)
    }

    /// The tile's column or row for a coordinate of the unit square.
    static func cell(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return min(side - 1, max(0, Int(value * Double(side))))
    }

    static func tile(x: Double, y: Double) -> Int { cell(y) * side + cell(x) }

    mutating func insert(_ key: Key, x: Double, y: Double) {
        tiles[Self.tile(x: x, y: y)].insert(key)
    }

    mutating func remove(_ key: Key, x: Double, y: Double) {
        tiles[Self.tile(x: x, y: y)].remove(key)
    }

    /// Every tile at once from keys with their places (a sky built in bulk).
    init(_ entries: [(key: Key, x: Double, y: Double)]) {
        var byTile = Array(repeating: [Key](), count: Self.side * Self.side)
        for entry in entries { byTile[Self.tile(x: entry.x, y: entry.y)].append(entry.key) }
        tiles = byTile.map { OrderedKeys(sorted: $0.sorted()) }
    }

    /// What `brightest(in:...)` found: keys in order, and whether it stopped before the
    /// region was exhausted (the limit or the budget was reached).
    struct Found {
        var keys: [Key]
        var more: Bool
        /// Keys read, those outside the box included.
        var read: Int
    }

    /// The first `limit` keys (in order) after `after` of the stars resting in `box`, whose
    /// place `position` gives: the tiles the box touches are merged, smallest key first. At
    /// most `budget` keys are read (keys in the tiles the box's edges cut but outside it
    /// count too).
    func brightest(
        in box: SkyLabelBox, after: Key?, limit: Int, budget: Int, position: (Key) -> (x: Double, y: Double)
    ) -> Found {
        var cursors: [(tile: Int, chunk: Int, at: Int, inside: Bool)] = []
        let (c0, c1) = (Self.cell(box.minX), Self.cell(box.maxX))
        let (r0, r1) = (Self.cell(box.minY), Self.cell(box.maxY))
        let width = 1 / Double(Self.side)
        for r in r0...r1 {
            for c in c0...c1 {
                let tile = r * Self.side + c
                guard !tiles[tile].isEmpty else { continue }
                let start = tiles[tile].position(after: after)
                guard start.chunk < tiles[tile].chunks.count else { continue }
                // A tile wholly inside the box needs no test of its stars' places.
                let inside = box.contains(
                    SkyLabelBox(
                        minX: Double(c) * width, minY: Double(r) * width, maxX: Double(c + 1) * width,
                        maxY: Double(r + 1) * width))
                cursors.append((tile, start.chunk, start.at, inside))
            }
        }
        // A binary heap of cursors by their next key.
        func key(_ i: Int) -> Key { tiles[cursors[i].tile].chunks[cursors[i].chunk][cursors[i].at] }
        var heap = Array(cursors.indices)
        func less(_ a: Int, _ b: Int) -> Bool { key(heap[a]) < key(heap[b]) }
        func down(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1, right = left + 1
                var least = parent
                if left < heap.count, less(left, least) { least = left }
                if right < heap.count, less(right, least) { least = right }
                guard least != parent else { return }
                heap.swapAt(parent, least)
                parent = least
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { down(i) }
        var found: [Key] = []
        var read = 0
        while let top = heap.first, found.count < limit, read < budget {
            let next = key(top)
            read += 1
            if cursors[top].inside {
                found.append(next)
            } else {
                let p = position(next)
                if box.contains(x: p.x, y: p.y) { found.append(next) }
            }
            // Advance the cursor; a spent tile leaves the heap.
            let chunks = tiles[cursors[top].tile].chunks
            cursors[top].at += 1
            if cursors[top].at == chunks[cursors[top].chunk].count {
                cursors[top].chunk += 1
                cursors[top].at = 0
            }
            if cursors[top].chunk == chunks.count {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            if !heap.isEmpty { down(0) }
        }
        return Found(keys: found, more: !heap.isEmpty, read: read)
    }
}
