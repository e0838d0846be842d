import Foundation

/// A one-line progress bar on standard error when it is a terminal; silent otherwise (logs,
/// CI, pipes), so standard output keeps only results such as a closing summary line.
struct ProgressBar {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1
    private var lastDrawn = -1

    init(label: String) {
        self.label = label
    }

    mutating func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)% (\(done)/\(total))".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
