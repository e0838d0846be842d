import Foundation
import GRDB

// Database rows as plain GRDB records. They stay internal: the public API speaks in
// `Worry`, `Night`, `RenderJob`, which carry no owner information.

/// A row of `worry`. Dates are seconds since 1970.
struct WorryRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "worry"

    var id: String
    var text: String
    var ownerHash: String
    var createdAt: Double
    var expiresAt: Double
    var clipKey: String
    var star: String
    var visibility: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let clipKey = Column(CodingKeys.clipKey)
        static let ownerHash = Column(CodingKeys.ownerHash)
        static let createdAt = Column(CodingKeys.createdAt)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }

    /// The public value, without the owner hash; `shown` is the visibility as read (the
    /// door's, or `hidden` when its star is).
    func worry(shown: String? = nil) throws -> Worry {
        Worry(
            id: try WorryID.stored(id),
            text: text,
            createdAt: Date(timeIntervalSince1970: createdAt),
            expiresAt: Date(timeIntervalSince1970: expiresAt),
            clipKey: ClipKey(rawValue: clipKey),
            star: star,
            visibility: WorryVisibility(rawValue: shown ?? visibility) ?? .private
        )
    }

    /// `SELECT` of every column and `shown`, the visibility as read, for `WHERE …` to follow.
    static let selectShown = """
        SELECT worry.*, CASE WHEN worry.visibility <> 'public' THEN worry.visibility
            WHEN EXISTS (SELECT 1 FROM starState WHERE starState.star = worry.star AND starState.state = 'hidden')
            THEN 'hidden' ELSE 'public' END AS shown
        FROM worry
        """

    /// The public-visibility condition (`shown = 'public'`) without computing `shown`.
    static let isPublic = """
        worry.visibility = 'public' AND NOT EXISTS
            (SELECT 1 FROM starState WHERE starState.star = worry.star AND starState.state = 'hidden')
        """

    /// Worries of `selectShown` + `condition`, oldest first.
    static func fetchShown(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [Worry] {
        try Row.fetchAll(
            db, sql: selectShown + " WHERE " + condition + " ORDER BY worry.createdAt, worry.rowid", arguments: arguments
        )
        .map { row in try WorryRecord(row: row).worry(shown: row["shown"]) }
    }
}

extension QueryInterfaceRequest<WorryRecord> {
    /// Worries still alive at `now` (`expiresAt > now`, strictly), oldest first.
    func alive(at now: Date) -> Self {
        filter(WorryRecord.Columns.expiresAt > now.timeIntervalSince1970).oldestFirst()
    }

    /// Oldest first; insertion order breaks ties between worries of the same instant.
    func oldestFirst() -> Self {
        order(WorryRecord.Columns.createdAt, Column.rowID)
    }
}

/// A row of `owner`: one per distinct person ever seen.
struct OwnerRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "owner"

    var hash: String
}

/// A row of `counter`: cumulative stats and the live-set revision.
struct CounterRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "counter"

    /// The counters that exist (the first three seeded by migration "v1", `skyFeedFloor` by
    /// "v8": the highest revision pruned from the sky change feed).
    enum Name: String, CaseIterable, Sendable {
        case people, worries, revision, skyFeedFloor
    }

    var name: String
    var value: Int64

    enum Columns {
        static let value = Column(CodingKeys.value)
    }

    /// Adds one to counter `name`, inside the caller's transaction.
    static func increment(_ name: Name, in db: Database) throws {
        try CounterRecord.filter(key: name.rawValue).updateAll(db, Columns.value += 1)
    }

    /// The current value of counter `name`.
    static func value(of name: Name, in db: Database) throws -> Int64 {
        guard let record = try CounterRecord.fetchOne(db, key: name.rawValue) else {
            throw StoreError.corruptData(detail: "the \(name.rawValue) counter is missing")
        }
        return record.value
    }
}

/// A row of `clip`: one render shared by every worry with the same clip key; deleted when
/// the last of them is swept.
struct ClipRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "clip"

    var key: String
    var text: String
    var status: ClipStatus
    var attempts: Int
    var lastError: String?
    var updatedAt: Double
    /// When the clip may be claimed (seconds since 1970): when it was queued, or after a
    /// failure the end of its backoff.
    var runAfter: Double
    /// While rendering: when the renderer's lease ends.
    var leaseUntil: Double?
    /// While rendering: which renderer holds it (for logs and operators).
    var worker: String?
    /// The clip a version is made from; the clip's own key for a clip.
    var base: String
    /// The version's name (`webm`, `story`); empty for a clip.
    var version: String = ""

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let runAfter = Column(CodingKeys.runAfter)
        static let leaseUntil = Column(CodingKeys.leaseUntil)
        static let status = Column(CodingKeys.status)
        static let attempts = Column(CodingKeys.attempts)
        static let lastError = Column(CodingKeys.lastError)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }
}

extension ClipStatus: DatabaseValueConvertible {}

/// A row of `night`: an archived, anonymous sky.
struct NightRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "night"

    var date: String
    var worryCount: Int
    var skyJSON: Data
    var archivedAt: Double

    enum Columns {
        static let date = Column(CodingKeys.date)
    }

    init(_ night: Night) {
        date = night.date
        worryCount = night.worryCount
        skyJSON = night.skyJSON
        archivedAt = night.archivedAt.timeIntervalSince1970
    }

    /// The public value.
    var night: Night {
        Night(date: date, worryCount: worryCount, skyJSON: skyJSON, archivedAt: Date(timeIntervalSince1970: archivedAt))
    }
}

extension WorryID {
    /// An id read back from the database; a malformed one means the file was altered.
    static func stored(_ rawValue: String) throws -> WorryID {
        guard let id = WorryID(rawValue) else {
            throw StoreError.corruptData(detail: "a stored worry id is not 22 base64url characters")
        }
        return id
    }
}
