/// Finds links and e-mail addresses in a folded text (`DetectionFold`): hand-written scanners,
/// linear in the text's length.
///
/// - A link with a scheme: `http://` or `https://` (any case) and what follows up to a space,
///   a non-ASCII character or the end, without trailing punctuation.
/// - An e-mail address: `local@domain.tld`, the local part of `A–Z a–z 0–9 . _ % + -`, the domain
///   of at least two labels ending in a label of two or more letters.
/// - A domain: `www.` and any labels, or labels ending in a known top-level domain
///   (`strongTopLevelDomains`: `naver.com`, `example.co.kr`, `open.kakao.com/o/abc`); the
///   top-level domains that are also everyday words or short forms (`weakTopLevelDomains`:
///   `me`, `ly`, `be`, `co` …) only with a path (`naver.me/abc`, `bit.ly/xyz`, `t.me/foo`).
///   Dots between digits (`3.5점`, `v1.2`, `10.30`), ellipses (`아.. 진짜`) and dots between
///   Hangul (`ㅋㅋ.ㅋㅋ`) are never a domain.
enum LinkFinder {
    typealias Finding = PersonalDataMasker.Finding

    /// Top-level domains that make a bare `name.tld` a link on their own.
    static let strongTopLevelDomains: Set<String> = [
        "com", "net", "org", "kr", "io", "gg", "xyz", "info", "biz", "app", "dev", "link", "site",
        "shop", "online", "store", "tech", "club", "top", "live", "blog", "page", "edu", "gov",
        "jp", "cn", "uk", "de", "fr", "ru", "tv", "cc", "ai", "asia", "ws", "tk", "ml", "ga", "cf",
    ]

    /// Top-level domains that are words or short forms too: a link only with a path after them.
    static let weakTopLevelDomains: Set<String> = [
        "me", "ly", "co", "be", "to", "do", "la", "in", "it", "is", "us", "so", "gl", "am", "at",
        "my", "im", "sh", "fm", "gd", "lc", "su", "nu",
    ]

    /// Links that start with `http://` or `https://`.
    static func schemeLinks(in text: [UInt8], taken: [Bool]) -> [Finding] {
        var findings: [Finding] = []
        var index = 0
        while index < text.count {
            if lowercased(text[index]) == UInt8(ascii: "h"), !taken[index], isSchemeStart(text, at: index),
                !isWordByte(before: index, in: text)
            {
                let pathStart = index + (lowercased(text[index + 4]) == UInt8(ascii: "s") ? 8 : 7)
                let end = urlEnd(text, from: pathStart, taken: taken)
                if end > pathStart {
                    findings.append(Finding(range: index..<end, kind: .link))
                    index = end
                    continue
                }
            }
            index += 1
        }
        return findings
    }

    /// E-mail addresses.
    static func emails(in text: [UInt8], taken: [Bool]) -> [Finding] {
        var findings: [Finding] = []
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "@"), !taken[index] else {
                index += 1
                continue
            }
            var start = index
            while start > 0, !taken[start - 1], isLocalByte(text[start - 1]) { start -= 1 }
            while start < index, text[start] == UInt8(ascii: ".") { start += 1 }
            let labels = domainLabels(text, from: index + 1, taken: taken)
            if start < index, labels.count >= 2, let last = labels.last,
                last.count >= 2, last.allSatisfy(isLetter)
            {
                let end = last.endIndex
                findings.append(Finding(range: start..<end, kind: .email))
                index = end
                continue
            }
            index += 1
        }
        return findings
    }

    /// `www.` names and bare domains with a known top-level domain, with their paths.
    static func domains(in text: [UInt8], taken: [Bool]) -> [Finding] {
        var findings: [Finding] = []
        var index = 0
        while index < text.count {
            guard !taken[index], isLabelByte(text[index]), !isHostByte(before: index, in: text) else {
                index += 1
                continue
            }
            let labels = domainLabels(text, from: index, taken: taken)
            guard labels.count >= 2, let last = labels.last else {
                index = max(index + 1, labels.last?.endIndex ?? index + 1)
                continue
            }
            let hostEnd = last.endIndex
            let topLevel = String(decoding: last.map(lowercased), as: UTF8.self)
            let isWWW = String(decoding: labels[0].map(lowercased), as: UTF8.self) == "www"
            let hasPath = hostEnd < text.count && text[hostEnd] == UInt8(ascii: "/")
            let known =
                strongTopLevelDomains.contains(topLevel)
                || (hasPath && weakTopLevelDomains.contains(topLevel))
            if (isWWW && labels.count >= 3) || known, topLevel.contains(where: isLetterCharacter) {
                let end = hasPath ? urlEnd(text, from: hostEnd, taken: taken) : hostEnd
                findings.append(Finding(range: index..<max(end, hostEnd), kind: .link))
                index = max(end, hostEnd)
                continue
            }
            index = hostEnd
        }
        return findings
    }

    /// The labels of a host name starting at `start`: runs of letters, digits and hyphens
    /// separated by single dots, none taken. A dot not followed by a label ends the name.
    static func domainLabels(_ text: [UInt8], from start: Int, taken: [Bool]) -> [ArraySlice<UInt8>] {
        var labels: [ArraySlice<UInt8>] = []
        var index = start
        while index < text.count {
            var end = index
            while end < text.count, !taken[end], isLabelByte(text[end]) { end += 1 }
            guard end > index else { break }
            labels.append(text[index..<end])
            guard end + 1 < text.count, text[end] == UInt8(ascii: "."), !taken[end],
                !taken[end + 1], isLabelByte(text[end + 1])
            else { break }
            index = end + 1
        }
        return labels
    }

    /// Where a URL's path that starts at `start` ends: at a space, a non-ASCII or taken
    /// character, or the end, with trailing punctuation left out.
    static func urlEnd(_ text: [UInt8], from start: Int, taken: [Bool]) -> Int {
        var end = start
        while end < text.count, !taken[end], text[end] > 0x20, text[end] < 0x7F,
            !"<>\"'`{}|\\^".utf8.contains(text[end])
        {
            end += 1
        }
        while end > start, ".,!?;:)]}~".utf8.contains(text[end - 1]) { end -= 1 }
        return end
    }

    /// Whether `http://` or `https://` starts at `index`.
    static func isSchemeStart(_ text: [UInt8], at index: Int) -> Bool {
        func matches(_ word: String) -> Bool {
            let bytes = Array(word.utf8)
            guard index + bytes.count <= text.count else { return false }
            return zip(bytes, text[index..<(index + bytes.count)]).allSatisfy { $0 == lowercased($1) }
        }
        return matches("http://") || matches("https://")
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func isLetterCharacter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// A letter, digit or hyphen: what a domain label is made of.
    static func isLabelByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    /// What an e-mail address's local part is made of.
    static func isLocalByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || "._%+-".utf8.contains(byte)
    }

    /// Whether the byte before `index` continues a word (so a scheme there is mid-word).
    static func isWordByte(before index: Int, in text: [UInt8]) -> Bool {
        index > 0 && (isLetter(text[index - 1]) || isDigit(text[index - 1]))
    }

    /// Whether the byte before `index` belongs to a host name, so no domain starts at `index`.
    static func isHostByte(before index: Int, in text: [UInt8]) -> Bool {
        guard index > 0 else { return false }
        let byte = text[index - 1]
        if byte == UInt8(ascii: ".") { return index >= 2 && isLabelByte(text[index - 2]) }
        return isLabelByte(byte) || "_@/:".utf8.contains(byte)
    }
}
