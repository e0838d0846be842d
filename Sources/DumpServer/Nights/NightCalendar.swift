import Foundation

/// Days in the service's time zone: where a night starts and ends, and its `YYYY-MM-DD` name.
struct NightCalendar: Sendable {
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The local day containing `date`, as `[start, end)`.
    func day(containing date: Date) -> (start: Date, end: Date) {
        let start = calendar.startOfDay(for: date)
        let end = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        return (start, end)
    }

    /// The local day before the one containing `date`.
    func dayBefore(_ date: Date) -> (start: Date, end: Date) {
        let today = day(containing: date)
        return day(containing: today.start.addingTimeInterval(-1))
    }

    /// The first local midnight after `date`.
    func nextMidnight(after date: Date) -> Date {
        day(containing: date).end
    }

    /// `YYYY-MM-DD` of the local day containing `date`.
    func name(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Whether `text` is a well-formed `YYYY-MM-DD` date.
    static func isDateName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
