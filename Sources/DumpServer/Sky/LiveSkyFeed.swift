import DumpEngine
import DumpStore
import Foundation

/// This process's live sky (`LiveSky`), kept up to date from the store's sky change feed
/// (`WorryStore.skyChanges`): after a post, a delete, a hide or a sweep, only the worries that
/// changed are read and applied, and only the view a page downloads is laid out. So the cost
/// of a post, a poll or a first visit stays flat as the sky grows, and every node of a fleet,
/// reading the same feed, holds the same sky without laying it out from scratch.
///
/// A process that starts, or that fell behind what the feed keeps (`SkyChanges.retention`),
/// reads every live worry once and builds the sky at once (100,000 worries: about 1.5 s).
///
/// `@unchecked Sendable`: `sky` and `revision` are read and changed only while `lock` is held;
/// `SkyLayoutCache` runs one update at a time in any case.
final class LiveSkyFeed: @unchecked Sendable {
    /// The brightest stars a view holds by default (with the `recentStars` touched last and
    /// every constellation's figure): about 750 KB of JSON, 200 KB gzipped, at any size of sky.
    static let viewStars = ServiceConfiguration.defaultSkyViewStars
    /// The brightest stars this feed's views hold (`--sky-view-stars`).
    let viewStars: Int
    /// The stars written in or shared last that a view holds, so a new worry shows at once.
    static let recentStars = 300

    private let lock = NSLock()
    private let options: SkyEngine.Options
    private var sky: LiveSky
    /// The store revision the sky holds every change up to (nil before the first read).
    private var revision: Int64?

    private var reloads = 0
    /// The JSON of the last view's stars, reused for the next view's unchanged ones.
    let jsonCache = SkyNodeJSONCache()

    init(options: SkyEngine.Options, viewStars: Int = LiveSkyFeed.viewStars) {
        self.options = options
        self.viewStars = viewStars
        sky = LiveSky(options: options)
    }

    /// The view after the store's latest changes.
    struct View: Sendable {
        var revision: Int64
        var layout: SkyLayout
        var worryCount: Int
        var validUntil: Date
        /// The view's ETag (`SkySnapshot.etag(digest:seed:viewStars:)`).
        var etag: String
    }

    /// Reads what changed since the sky's revision, applies it, lets the worries expired at
    /// `now` go, and lays out the view.
    func view(store: any WorryStore, now: Date) async throws -> View {
        if let held = lock.withLock({ self.revision }) {
            let changes = try await store.skyChanges(after: held, now: now)
            if changes.complete {
                return try await Blocking.run { self.apply(changes, now: now) }
            }
        }
        let revision = try await store.revision()
        let worries = try await store.liveWorries(now: now)
        return try await Blocking.run { self.reload(worries, revision: revision, now: now) }
    }

    private func apply(_ changes: SkyChanges, now: Date) -> View {
        lock.withLock {
            for id in changes.gone { sky.remove(worryID: id.rawValue) }
            for worry in changes.shown { sky.insert(SkyWorry(worry), expiresAt: worry.expiresAt) }
            revision = max(revision ?? changes.revision, changes.revision)
            return laidOut(revision: changes.revision, now: now)
        }
    }

    private func reload(_ worries: [Worry], revision: Int64, now: Date) -> View {
        let entries = worries.map { (worry: SkyWorry($0), key: SkyText.normalised($0.text), expiresAt: Optional($0.expiresAt)) }
        let fresh = LiveSky(options: options, worries: entries)
        return lock.withLock {
            sky = fresh
            self.revision = revision
            reloads += 1
            return laidOut(revision: revision, now: now)
        }
    }

    /// Call with `lock` held.
    private func laidOut(revision: Int64, now: Date) -> View {
        sky.expire(now: now)
        return View(
            revision: revision, layout: sky.view(limit: viewStars, recent: Self.recentStars, now: now),
            worryCount: sky.worryCount, validUntil: sky.nextExpiry ?? .distantFuture,
            etag: SkySnapshot.etag(digest: sky.digest, seed: options.seed, viewStars: viewStars))
    }

    /// The faint stars of `box` beyond the view (`LiveSky.region`): what a page zoomed in
    /// there draws besides the view. Nothing when the view is the whole sky. Reads the sky as
    /// the last change left it (`SkyLayoutCache` brings it up to date).
    func region(_ box: SkyLabelBox, limit: Int) -> SkyRegion {
        lock.withLock {
            guard sky.starCount > viewStars + Self.recentStars else {
                return SkyRegion(box: box, nodes: [], more: false)
            }
            return sky.region(box, beyond: viewStars, limit: limit)
        }
    }

    /// How many times every live worry was read (tests).
    var reloadCount: Int { lock.withLock { reloads } }
}
