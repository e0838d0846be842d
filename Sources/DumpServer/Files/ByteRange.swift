/// What a `Range` request header asks of a file of known size.
///
/// Only one `bytes=` range is honoured: `a-b`, `a-` and `-n` (the last n bytes). Several
/// ranges, or another unit, are ignored and the whole file is sent, as RFC 9110 allows.
enum ByteRange: Equatable {
    /// Send the whole file (no header, or one we ignore).
    case whole
    /// Send these bytes with 206.
    case part(ClosedRange<Int>)
    /// Answer 416: the range is malformed or starts past the end.
    case unsatisfiable

    /// Reads `header` for a file of `size` bytes.
    init(header: String?, size: Int) {
        guard let header = header?.trimmingSpaces, !header.isEmpty else {
            self = .whole
            return
        }
        let lowered = header.lowercased()
        guard lowered.hasPrefix("bytes=") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingSpaces
        if spec.contains(",") {
            self = .whole
            return
        }
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            self = .unsatisfiable
            return
        }
        let first = parts[0].trimmingSpaces
        let last = parts[1].trimmingSpaces
        switch (Int(first), Int(last), first.isEmpty, last.isEmpty) {
        case (let start?, let end?, _, _) where start >= 0 && start <= end && start < size:
            self = .part(start...min(end, size - 1))
        case (let start?, nil, _, true) where start >= 0 && start < size:
            self = .part(start...(size - 1))
        case (nil, let suffix?, true, _) where suffix > 0 && size > 0:
            self = .part(max(0, size - suffix)...(size - 1))
        default:
            self = .unsatisfiable
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
