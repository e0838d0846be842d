import Crypto
import DumpEngine
import Foundation
import NIOCore
import NIOConcurrencyHelpers

/// One computed live sky: the layout, its JSON bytes, and what it was computed from.
struct SkySnapshot: Sendable {
    /// Counts computations in this process (newer wins).
    var serial: Int
    /// The store revision read before the worries were listed (the layout is at least this new).
    var revision: Int64
    /// When the first of its worries expires; the snapshot is stale from then on.
    var validUntil: Date
    /// The layout.
    var layout: SkyLayout
    /// `layout` encoded once with `SkyLayout.jsonBytes()`, in a buffer every answer shares:
    /// on first demand for the live sky's views (a wave of posts lays out a view that only
    /// deltas may ever read), at once otherwise.
    var json: ByteBuffer { bytes.buffer }
    private var bytes: BytesOnce
    /// How many live worries it holds.
    var worryCount: Int
    /// The ETag of `GET /api/sky`: it names the content, the same on every node serving the
    /// same sky and across restarts. For the live sky's views, the digest of the worries the
    /// sky holds (`LiveSky.digest`: the view is a function of them); otherwise a hash of the
    /// JSON without its `generatedAt`.
    var etag: String
    /// `json` gzip-compressed, made once on first demand.
    var gzip: GzipOnce
    /// Names this sky for deltas: `<store revision>-<12 hex digits of the ETag's hash>`. The
    /// revision alone does not name a sky: a worry may expire before the sweeper bumps it, and
    /// a layout may include posts committed while it was being listed. The hash names the
    /// content, the same on every node of a fleet.
    var version: String
    /// The body of `GET /api/sky?since=` when the page's sky is unknown: the layout with
    /// `"full":true`, `"revision"` and `"version"` first, made once on first demand.
    var versioned: VersionedSkyJSON
    /// What a delta from or to this sky looks up, made once on first demand.
    var side: DeltaSideOnce

    init(serial: Int, revision: Int64, validUntil: Date, layout: SkyLayout, json: [UInt8], worryCount: Int) {
        self.init(
            serial: serial, revision: revision, validUntil: validUntil, layout: layout, worryCount: worryCount,
            etag: Self.etag(of: json), bytes: BytesOnce(ByteBuffer(bytes: json)))
    }

    /// A sky named by `etag`, its JSON written by `json` on first demand.
    init(
        serial: Int, revision: Int64, validUntil: Date, layout: SkyLayout, worryCount: Int, etag: String,
        json: @escaping @Sendable () -> [UInt8]
    ) {
        self.init(
            serial: serial, revision: revision, validUntil: validUntil, layout: layout, worryCount: worryCount, etag: etag,
            bytes: BytesOnce(json))
    }

    private init(
        serial: Int, revision: Int64, validUntil: Date, layout: SkyLayout, worryCount: Int, etag: String, bytes: BytesOnce
    ) {
        self.serial = serial
        self.revision = revision
        self.validUntil = validUntil
        self.layout = layout
        self.bytes = bytes
        self.worryCount = worryCount
        self.etag = etag
        gzip = GzipOnce(bytes)
        version = "\(revision)-\(etag.dropFirst(5).prefix(12))"
        versioned = VersionedSkyJSON(json: bytes, revision: revision, version: version)
        side = DeltaSideOnce(layout)
    }

    /// `"sky-<32 hex digits>"` for a live sky holding the worries of `digest` (`LiveSky.digest`),
    /// laid out with `seed` and cut to `viewStars`.
    static func etag(digest: (UInt64, UInt64), seed: UInt64, viewStars: Int) -> String {
        let salt = seed &* 0x9e37_79b9_7f4a_7c15 ^ UInt64(viewStars)
        return "\"sky-\(hexDigits16(digest.0 ^ salt))\(hexDigits16(digest.1))\""
    }

    /// See `versioned`.
    var versionedJSON: ByteBuffer { versioned.body }

    /// The sky with its JSON written, on the blocking pool when it was not yet (a view's JSON
    /// is written on first demand: a request handler does not write 750 KB on its own thread).
    func withJSON() async throws -> SkySnapshot {
        if bytes.isMade { return self }
        let snapshot = self
        _ = try await Blocking.run { snapshot.json }
        return snapshot
    }

    /// `"sky-<128 bits of SHA-256>"` over the JSON bytes, leaving out the value of `generatedAt`
    /// (the moment it was computed, which differs between nodes).
    static func etag(of json: [UInt8]) -> String {
        var hasher = SHA256()
        let key = Array("\"generatedAt\":\"".utf8)
        if let start = json.firstRange(of: key)?.upperBound,
            let end = json[start...].firstIndex(of: UInt8(ascii: "\""))
        {
            hasher.update(data: json[..<start])
            hasher.update(data: json[end...])
        } else {
            hasher.update(data: json)
        }
        let hex = hasher.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
        return "\"sky-\(hex)\""
    }

    /// Whether it still shows the live set at `now` for a store at `revision`.
    func isCurrent(revision: Int64, now: Date) -> Bool {
        self.revision >= revision && now < validUntil
    }
}

/// The whole sky as an answer to a page that asked for a delta, made once per sky on demand.
final class VersionedSkyJSON: Sendable {
    private let json: BytesOnce
    private let head: String
    private let made = NIOLockedValueBox<ByteBuffer?>(nil)
    private let compressed = NIOLockedValueBox<ByteBuffer?>(nil)

    init(json: BytesOnce, revision: Int64, version: String) {
        self.json = json
        head = "{\"full\":true,\"revision\":\(revision),\"version\":\"\(version)\","
    }

    /// `{"full":true,"revision":…,"version":…,` followed by the layout's fields.
    var body: ByteBuffer {
        let json = json.buffer
        return made.withLockedValue { cached in
            if let cached { return cached }
            var body = ByteBuffer()
            body.reserveCapacity(head.utf8.count + json.readableBytes)
            body.writeString(head)
            body.writeImmutableBuffer(json.getSlice(at: json.readerIndex + 1, length: json.readableBytes - 1) ?? ByteBuffer())
            cached = body
            return body
        }
    }

    /// `body` gzip-compressed, made once (every new page starts with it).
    func gzip() throws -> ByteBuffer {
        let plain = body
        return try compressed.withLockedValue { cached in
            if let cached { return cached }
            let made = try Gzip.compress(plain)
            cached = made
            return made
        }
    }
}

/// A sky's `SkyLayoutDelta.Side`, made once, on first demand, by whichever delta needs it
/// first (every page polling against this sky, and the next sky's deltas from it, share it).
final class DeltaSideOnce: Sendable {
    private let layout: SkyLayout
    private let made = NIOLockedValueBox<SkyLayoutDelta.Side?>(nil)

    init(_ layout: SkyLayout) { self.layout = layout }

    var side: SkyLayoutDelta.Side {
        made.withLockedValue { made in
            if let made { return made }
            let side = SkyLayoutDelta.Side(layout)
            made = side
            return side
        }
    }
}

/// Bytes made once, on first demand (or given).
final class BytesOnce: Sendable {
    private let make: (@Sendable () -> [UInt8])?
    private let made: NIOLockedValueBox<ByteBuffer?>

    init(_ bytes: ByteBuffer) {
        make = nil
        made = NIOLockedValueBox(bytes)
    }

    init(_ make: @escaping @Sendable () -> [UInt8]) {
        self.make = make
        made = NIOLockedValueBox(nil)
    }

    /// Whether the bytes are there already.
    var isMade: Bool { made.withLockedValue { $0 != nil } }

    var buffer: ByteBuffer {
        made.withLockedValue { made in
            if let made { return made }
            let bytes = ByteBuffer(bytes: make!())
            made = bytes
            return bytes
        }
    }
}
