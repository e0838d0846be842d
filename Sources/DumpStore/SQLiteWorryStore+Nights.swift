import Foundation
import GRDB

/// Archived nights: anonymous skies kept after the day's worries have flown away.
extension SQLiteWorryStore {
    /// Stores `night`, replacing an earlier archive of the same date.
    public func saveNight(_ night: Night) throws {
        try write("archive a night") { db in
            try NightRecord(night).upsert(db)
        }
    }

    /// Archived nights, newest date first.
    public func nights() throws -> [Night] {
        try read("list archived nights") { db in
            try NightRecord.order(NightRecord.Columns.date.desc).fetchAll(db).map(\.night)
        }
    }

    /// The archived night of `date` (`YYYY-MM-DD`), or nil.
    public func night(date: String) throws -> Night? {
        try read("read an archived night") { db in
            try NightRecord.fetchOne(db, key: date)?.night
        }
    }
}
