import Foundation

/// One archived night: anonymous sky data, no worry texts and no ids.
/// An archived night in a list: its date and how many worries flew away.
public struct NightSummary: Sendable, Hashable {
    public var date: String
    public var worryCount: Int

    public init(date: String, worryCount: Int) {
        self.date = date
        self.worryCount = worryCount
    }
}

public struct Night: Sendable, Hashable, Codable {
    /// Local date of the night, `YYYY-MM-DD`.
    public var date: String
    /// How many worries flew away that day.
    public var worryCount: Int
    /// The anonymous sky (positions, counts, colours) as JSON produced by the sky engine.
    public var skyJSON: Data
    public var archivedAt: Date

    public init(date: String, worryCount: Int, skyJSON: Data, archivedAt: Date) {
        self.date = date
        self.worryCount = worryCount
        self.skyJSON = skyJSON
        self.archivedAt = archivedAt
    }
}
