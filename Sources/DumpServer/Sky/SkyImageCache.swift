import DumpEngine
import Foundation
import NIOCore
import NIOPosix

/// The live sky as PNGs in a few fixed sizes (`Size.served`), each painted at most once per
/// sky revision and at most every `maxAge` seconds, by one painter of its own (never the
/// nightly poster's), however many ask.
///
/// What a request costs is bounded: a size already painted is answered at once (a picture
/// of an older sky while the new one is painted, as `stale-while-revalidate` would); only the
/// first request for a size waits for its painting, and at most `maxWaiting` requests wait at
/// a time: beyond that the answer is `.busy` (503 + `Retry-After`). A painting that every
/// waiting request gave up on before it started is dropped.
actor SkyImageCache: ForgetsOldCopies {
    struct Size: Hashable, Sendable, CustomStringConvertible {
        var width: Int
        var height: Int

        /// The sizes `/sky.png` serves: 16:9 at 720p, 1080p and 4K, and a 9:16 phone picture.
        /// (8K is the nightly poster's, made in batch by `dumpit poster`, never on a request.)
        static let served = [
            Size(width: 1280, height: 720), Size(width: 1920, height: 1080), Size(width: 3840, height: 2160),
            Size(width: 1080, height: 1920),
        ]

        /// The size served when none is asked for.
        static let standard = Size(width: 1920, height: 1080)

        var description: String { "\(width)x\(height)" }
    }

    /// One painted sky.
    struct Image: Sendable {
        /// The PNG, made once into the buffer every answer shares (no copy per request).
        var png: ByteBuffer
        var paintedAt: Date
        /// The store revision of the sky it shows.
        var revision: Int64
        var serial: Int
    }

    /// What a request gets.
    enum Answer: Sendable {
        case image(Image)
        /// Too many requests wait for paintings already: ask again in `retryAfter` seconds.
        case busy(retryAfter: Int)
    }

    private let skies: any SkyRendering
    private let layouts: SkyLayoutCache
    private let clock: any WorryClock
    private let gate = AsyncGate(permits: 1)
    /// The painter's own thread, at background priority: a painting never holds a thread the
    /// requests need (file reads, the store).
    private static let painter: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()
    private let maxAge: TimeInterval
    private let maxWaiting: Int
    /// The oldest picture served while a newer one is painted, in seconds.
    static let staleLimit: TimeInterval = 120
    private var images: [Size: Image] = [:]
    private var painting: [Size: (serial: Int, task: Task<Image, any Error>)] = [:]
    /// Requests waiting for a painting, by size.
    private var waiting: [Size: Int] = [:]
    private var serial = 0

    /// How many paintings were made (tests check the cache holds).
    private(set) var paintings = 0

    init(
        skies: any SkyRendering, layouts: SkyLayoutCache, clock: any WorryClock, maxAge: TimeInterval,
        maxWaiting: Int = 16
    ) {
        self.skies = skies
        self.layouts = layouts
        self.clock = clock
        self.maxAge = maxAge
        self.maxWaiting = max(1, maxWaiting)
    }

    /// The sky at `size` (one of `Size.served`).
    func png(_ size: Size) async throws -> Answer {
        let now = clock.now()
        // A young picture is served as it is, without asking for the whole sky (laid out from
        // scratch when the store moved: most of a second at 100,000 worries).
        if let image = images[size], now >= image.paintedAt, now.timeIntervalSince(image.paintedAt) < maxAge {
            return .image(image)
        }
        let snapshot = try await layouts.current()
        if let image = images[size], now >= image.paintedAt {
            let age = now.timeIntervalSince(image.paintedAt)
            if image.revision == snapshot.revision || age < maxAge { return .image(image) }
            if painting[size] == nil { _ = startPainting(size, layout: snapshot.layout, revision: snapshot.revision, now: now) }
            // an older sky while the new one is painted, but never a long-gone one (a hidden or
            // expired star must leave the pictures within minutes)
            if age < Self.staleLimit { return .image(image) }
        }
        guard waiting.values.reduce(0, +) < maxWaiting else { return .busy(retryAfter: 2) }
        let task = painting[size]?.task ?? startPainting(size, layout: snapshot.layout, revision: snapshot.revision, now: now)
        waiting[size, default: 0] += 1
        defer { waiting[size, default: 1] -= 1 }
        return .image(try await task.value)
    }

    /// Paints `size` once the painter is free, unless by then no one waits for it and no
    /// older picture of it is served (everyone who asked went away).
    private func startPainting(_ size: Size, layout: SkyLayout, revision: Int64, now: Date) -> Task<Image, any Error> {
        serial += 1
        let (skies, gate, number) = (self.skies, self.gate, serial)
        let task = Task {
            defer { Task { await self.finished(size, serial: number) } }
            let png = try await gate.run {
                guard await self.isWanted(size) else { throw CancellationError() }
                await self.countPainting()
                return try await Self.painter.runIfActive {
                    BackgroundPriority.lowerThisThread()
                    return ByteBuffer(
                        bytes: try skies.png(of: layout, width: size.width, height: size.height, at: now.timeIntervalSince1970))
                }
            }
            let image = Image(png: png, paintedAt: now, revision: revision, serial: number)
            await self.keep(image, for: size)
            return image
        }
        painting[size] = (number, task)
        return task
    }

    private func isWanted(_ size: Size) -> Bool { images[size] != nil || waiting[size, default: 0] > 0 }
    private func countPainting() { paintings += 1 }
    private func finished(_ size: Size, serial: Int) {
        if painting[size]?.serial == serial { painting[size] = nil }
    }
    private func keep(_ image: Image, for size: Size) { images[size] = image }

    /// Drops the pictures older than `staleLimit`: they may show worries gone since.
    func forgetOldCopies(now: Date) {
        images = images.filter { now < $0.value.paintedAt || now.timeIntervalSince($0.value.paintedAt) < Self.staleLimit }
    }

    /// How many sizes are kept (tests check old pictures go).
    var count: Int { images.count }
}
