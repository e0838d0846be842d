import Foundation

/// The theme of each normalised text of the last live sky an engine laid out, so the next
/// layout of (mostly) the same worries reads only the new ones.
///
/// The service lays the live worries out again for every burst of posts, handing the engine
/// the normalised texts it keeps for them (`SkyEngine.layout(_:keys:now:)`); reading their
/// words (`WorryFeatures`) was about a third of a 10,000-worry layout. Like the service's own
/// cache of normalised texts, the memo holds exactly the texts of the latest such layout: a
/// worry that expired is forgotten by the next one, so nothing of it stays behind.
///
/// `@unchecked Sendable`: `remembered` is read and written only while `lock` is held, and the
/// values handed out are immutable copies.
final class SkyThemeMemo: @unchecked Sendable {
    /// What a layout needs of a text: its strongest theme (before the threshold) and the words
    /// that could name it.
    struct Entry: Sendable {
        var theme: WorryTheme?
        var words: [String]

        /// Reads `text` (already normalised).
        init(reading text: String) {
            let features = WorryFeatures(normalisedText: text)
            theme = features.theme
            words = features.themeWords
        }
    }

    private let lock = NSLock()
    private var remembered: [String: Entry] = [:]

    /// The entries of `texts` (same order), reading only texts not remembered; afterwards the
    /// memo holds exactly these texts.
    func entries(for texts: [String]) -> [Entry] {
        lock.lock()
        let known = remembered
        lock.unlock()
        var next: [String: Entry] = [:]
        next.reserveCapacity(texts.count)
        let result = texts.map { text -> Entry in
            let entry = known[text] ?? next[text] ?? Entry(reading: text)
            next[text] = entry
            return entry
        }
        lock.lock()
        remembered = next
        lock.unlock()
        return result
    }

    /// How many texts are remembered (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return remembered.count
    }
}
