import Foundation

/// The theme of each normalised text an engine has laid out, remembered between layouts.
///
/// Texts never change and the service lays the same live worries out again for every burst of
/// posts; reading their words (`WorryFeatures`) was about half of a 10,000-worry layout, so an
/// engine keeps what it read. Texts not seen for a few layouts are forgotten once the memo
/// holds more than twice what the last layout needed.
///
/// `@unchecked Sendable`: every stored property is read and written only while `lock` is held,
/// and the values handed out are immutable copies.
final class SkyThemeMemo: @unchecked Sendable {
    /// What a layout needs of a text: its strongest theme (before the threshold) and the words
    /// that could name it.
    struct Entry: Sendable {
        var theme: WorryTheme?
        var words: [String]
    }

    private let lock = NSLock()
    private var entries: [String: (entry: Entry, seen: Int)] = [:]
    private var generation = 0

    /// Layouts a text may go unseen before it can be forgotten.
    static let keepFor = 4

    /// The entries of `texts` (same order), reading the words of any text not remembered.
    func entries(for texts: [String]) -> [Entry] {
        lock.lock()
        generation += 1
        let now = generation
        var found = [Entry?](repeating: nil, count: texts.count)
        for (index, text) in texts.enumerated() {
            if let hit = entries[text] {
                found[index] = hit.entry
                entries[text]!.seen = now
            }
        }
        lock.unlock()

        var fresh: [(String, Entry)] = []
        let result = texts.enumerated().map { index, text -> Entry in
            if let entry = found[index] { return entry }
            let features = WorryFeatures(normalisedText: text)
            let entry = Entry(theme: features.theme, words: features.themeWords)
            fresh.append((text, entry))
            return entry
        }

        lock.lock()
        for (text, entry) in fresh { entries[text] = (entry, now) }
        if entries.count > 2 * texts.count + 1_024 {
            entries = entries.filter { $0.value.seen > now - Self.keepFor }
        }
        lock.unlock()
        return result
    }

    /// How many texts are remembered (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
