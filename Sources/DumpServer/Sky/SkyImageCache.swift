import DumpEngine
import Foundation

/// PNGs of the live sky by size, each painted again at most every `maxAge` seconds however
/// often it is asked for; concurrent requests for one size share one painting.
actor SkyImageCache {
    struct Size: Hashable {
        var width: Int
        var height: Int
    }

    /// One painted sky.
    struct Image: Sendable {
        var png: Data
        var paintedAt: Date
        var serial: Int
    }

    /// Sizes kept at once; the oldest painting is dropped beyond this.
    static let capacity = 6

    private let skies: any SkyRendering
    private let layouts: SkyLayoutCache
    private let clock: any WorryClock
    private let gate: AsyncGate
    private let maxAge: TimeInterval
    private var images: [Size: Image] = [:]
    private var painting: [Size: Task<Image, any Error>] = [:]
    private var serial = 0

    /// How many paintings were made (tests check the cache holds).
    private(set) var paintings = 0

    init(skies: any SkyRendering, layouts: SkyLayoutCache, clock: any WorryClock, gate: AsyncGate, maxAge: TimeInterval) {
        self.skies = skies
        self.layouts = layouts
        self.clock = clock
        self.gate = gate
        self.maxAge = maxAge
    }

    /// The sky at `width`×`height`, painted at most `maxAge` seconds ago.
    func png(width: Int, height: Int) async throws -> Image {
        let size = Size(width: width, height: height)
        let now = clock.now()
        if let image = images[size], now >= image.paintedAt, now.timeIntervalSince(image.paintedAt) < maxAge {
            return image
        }
        if let task = painting[size] {
            return try await task.value
        }
        serial += 1
        paintings += 1
        let (skies, layouts, gate, number) = (self.skies, self.layouts, self.gate, serial)
        let task = Task {
            let layout = try await layouts.current().layout
            let png = try await gate.run {
                try await Blocking.run {
                    try skies.png(of: layout, width: width, height: height, at: now.timeIntervalSince1970)
                }
            }
            return Image(png: png, paintedAt: now, serial: number)
        }
        painting[size] = task
        do {
            let image = try await task.value
            painting[size] = nil
            store(image, for: size)
            return image
        } catch {
            painting[size] = nil
            throw error
        }
    }

    private func store(_ image: Image, for size: Size) {
        images[size] = image
        while images.count > Self.capacity, let oldest = images.min(by: { $0.value.paintedAt < $1.value.paintedAt }) {
            images[oldest.key] = nil
        }
    }
}
