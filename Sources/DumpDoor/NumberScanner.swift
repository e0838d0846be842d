/// Finds phone, resident registration and card numbers in a folded text (`DetectionFold`).
///
/// The text is read as *chains*: maximal digit runs (*groups*) joined by short separators
/// (one to four of space, `-`, `.`, `(`, `)`, with at most one `-` or `.`, never a line
/// break). At each group of a chain, in this order, the scanner tries:
///
/// 1. **resident_number**: `YYMMDD` + `-` or spaces + seven digits whose first is 1–8, or the
///    same thirteen digits with no separator (month 01–12, day 01–31; the checksum is not
///    required: a mistyped number is still someone's).
/// 2. **card**: 13–19 digits passing the Luhn check, as one group or in groups of four (the
///    last may be shorter) or 4-6-5 / 4-6-4, separated by spaces or hyphens.
/// 3. **phone**: a Korean number, with any separators at the places a number is grouped
///    (`010-1234-5678`, `010 1234 5678`, `01012345678`, `010.1234.5678`, `(02) 123-4567`):
///    mobile 010/011/016/017/018/019, Seoul 02, the area codes 031–033, 041–044, 051–055,
///    061–064, 060/070/080, 0502–0508 (all with a 3–4 digit middle group and 4 last digits), the
///    service numbers 15xx/16xx/18xx-xxxx, and the `+82` forms of them (`+82 10-1234-5678`,
///    `+82-2-123-4567`, `+821012345678`, `+82 (0)10 …`).
///
/// A match takes whole groups only, so a longer digit run is never cut into a number
/// (`20231234`, `1234567890`, `3,000,000`, `2024-12-03` stay), and a match never starts right
/// after a dot (the decimals of `3.14159265358979`).
enum NumberScanner {
    typealias Finding = PersonalDataMasker.Finding

    /// One digit run of a chain and what joins it to the previous group.
    struct Group {
        var range: Range<Int>
        var digits: [UInt8]
        /// The separator bytes between the previous group and this one (empty for the first).
        var gap: [UInt8]
    }

    /// Every resident, card and phone number in `text`, none overlapping `taken`.
    static func numbers(in text: [UInt8], taken: [Bool]) -> [Finding] {
        var findings: [Finding] = []
        for chain in chains(in: text, taken: taken) {
            var index = 0
            while index < chain.count {
                if index > 0, chain[index].gap.contains(UInt8(ascii: ".")) {
                    index += 1
                    continue
                }
                if let (count, kind) = match(chain, at: index, text: text) {
                    var start = chain[index].range.lowerBound
                    if kind == .phone { start = phoneStart(chain, at: index, text: text, taken: taken) }
                    findings.append(Finding(range: start..<chain[index + count - 1].range.upperBound, kind: kind))
                    index += count
                } else {
                    index += 1
                }
            }
        }
        return findings
    }

    /// The longest match of some kind starting at group `index`: how many groups it takes.
    static func match(_ chain: [Group], at index: Int, text: [UInt8]) -> (Int, PersonalData)? {
        let available = chain.count - index
        let first = chain[index]
        if first.digits.count == 13, isResidentNumber(first.digits) { return (1, .residentNumber) }
        if available >= 2, first.digits.count == 6, chain[index + 1].digits.count == 7,
            chain[index + 1].gap.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == 0x20 }),
            isResidentNumber(first.digits + chain[index + 1].digits)
        {
            return (2, .residentNumber)
        }
        // Only group counts whose digits could add up to a card or a phone are looked at closely.
        var totals: [Int] = []
        var total = 0
        for group in chain[index..<(index + min(available, 6))] {
            total += group.digits.count
            totals.append(total)
        }
        for count in stride(from: totals.count, through: 1, by: -1) where (13...19).contains(totals[count - 1]) {
            if isCard(Array(chain[index..<(index + count)])) { return (count, .card) }
        }
        let plus = hasPlus(before: first.range.lowerBound, in: text)
        for count in stride(from: min(totals.count, 5), through: 1, by: -1) where (8...14).contains(totals[count - 1]) {
            if isPhone(Array(chain[index..<(index + count)]), plus: plus) { return (count, .phone) }
        }
        return nil
    }

    // MARK: - Kinds

    /// Whether 13 digits read as a resident or foreign registration number.
    static func isResidentNumber(_ digits: [UInt8]) -> Bool {
        guard digits.count == 13 else { return false }
        let values = digits.map { Int($0) - 0x30 }
        let month = values[2] * 10 + values[3]
        let day = values[4] * 10 + values[5]
        return (1...12).contains(month) && (1...31).contains(day) && (1...8).contains(values[6])
    }

    /// Whether the groups are a card number: 13–19 digits, Luhn-valid, grouped like a card,
    /// separated by spaces or hyphens only.
    static func isCard(_ groups: [Group]) -> Bool {
        let lengths = groups.map(\.digits.count)
        let total = lengths.reduce(0, +)
        guard (13...19).contains(total) else { return false }
        guard
            groups.dropFirst().allSatisfy({ group in
                group.gap.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: "-") }
            })
        else { return false }
        let shaped =
            lengths.count == 1
            || (lengths.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(lengths.last!))
            || lengths == [4, 6, 5] || lengths == [4, 6, 4]
        return shaped && passesLuhn(groups.flatMap(\.digits))
    }

    /// The Luhn check of a card number's digits (ASCII).
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, byte) in digits.reversed().enumerated() {
            var value = Int(byte) - 0x30
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// Whether the groups are a Korean phone number (`plus`: a `+` right before them).
    static func isPhone(_ groups: [Group], plus: Bool) -> Bool {
        var digits = groups.flatMap(\.digits)
        var boundaries: [Int] = []
        var length = 0
        for group in groups.dropLast() {
            length += group.digits.count
            boundaries.append(length)
        }
        let countryCode = Array("82".utf8)
        if (plus && digits.starts(with: countryCode)) || (groups.count >= 2 && groups[0].digits == countryCode) {
            digits.removeFirst(2)
            boundaries = boundaries.map { $0 - 2 }.filter { $0 > 0 }
            if digits.first == UInt8(ascii: "0") {
                boundaries = boundaries.filter { $0 > 1 }
            } else {
                digits.insert(UInt8(ascii: "0"), at: 0)
                boundaries = boundaries.map { $0 + 1 }
            }
        }
        return isNationalPhone(digits, boundaries: Set(boundaries))
    }

    /// Whether `digits` is a Korean phone number grouped only at `boundaries` (digit offsets).
    static func isNationalPhone(_ digits: [UInt8], boundaries: Set<Int>) -> Bool {
        let text = String(decoding: digits, as: UTF8.self)
        guard let prefix = phonePrefixLength(text) else { return false }
        if text.hasPrefix("1") {
            return digits.count == 8 && boundaries.isSubset(of: [4])
        }
        let middle = digits.count - prefix - 4
        guard middle == 3 || middle == 4 else { return false }
        return boundaries.isSubset(of: [prefix, prefix + middle])
    }

    /// Area and service codes: the length of the code `number` starts with, if it is one.
    static func phonePrefixLength(_ number: String) -> Int? {
        let bytes = Array(number.utf8)
        guard bytes.count >= 8 else { return nil }
        let code = String(decoding: bytes.prefix(4), as: UTF8.self)
        if code.hasPrefix("02") { return 2 }
        if code.hasPrefix("050"), let fourth = code.last, ("2"..."8").contains(fourth) { return 4 }
        if threeDigitCodes.contains(String(code.prefix(3))) { return 3 }
        if ["15", "16", "18"].contains(String(code.prefix(2))) { return 4 }
        return nil
    }

    /// Mobile, area, 060/070/080 codes.
    static let threeDigitCodes: Set<String> = [
        "010", "011", "016", "017", "018", "019",
        "031", "032", "033", "041", "042", "043", "044", "051", "052", "053", "054", "055",
        "061", "062", "063", "064", "060", "070", "080",
    ]

    // MARK: - Chains

    /// The chains of digit groups in `text`, skipping taken bytes.
    static func chains(in text: [UInt8], taken: [Bool]) -> [[Group]] {
        var chains: [[Group]] = []
        var current: [Group] = []
        var index = 0
        var lastEnd = -1
        while index < text.count {
            guard !taken[index], LinkFinder.isDigit(text[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < text.count, !taken[end], LinkFinder.isDigit(text[end]) { end += 1 }
            let gap = lastEnd >= 0 ? Array(text[lastEnd..<index]) : []
            let joined = lastEnd >= 0 && isSeparator(gap) && !taken[lastEnd..<index].contains(true)
            if !joined, !current.isEmpty {
                chains.append(current)
                current = []
            }
            current.append(Group(range: index..<end, digits: Array(text[index..<end]), gap: joined ? gap : []))
            lastEnd = end
            index = end
        }
        if !current.isEmpty { chains.append(current) }
        return chains
    }

    /// Whether `gap` may join two digit groups of one number.
    static func isSeparator(_ gap: [UInt8]) -> Bool {
        guard (1...4).contains(gap.count) else { return false }
        guard gap.allSatisfy({ " -.()".utf8.contains($0) }) else { return false }
        return gap.filter({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }).count <= 1
    }

    /// Whether a `+` (maybe with spaces or an opening parenthesis) stands right before `index`.
    static func hasPlus(before index: Int, in text: [UInt8]) -> Bool {
        var cursor = index - 1
        while cursor >= 0, cursor >= index - 3, text[cursor] == 0x20 { cursor -= 1 }
        return cursor >= 0 && text[cursor] == UInt8(ascii: "+")
    }

    /// Where a phone number's mask starts: at the `+` of a `+82` number, and at the opening
    /// parenthesis of an area code written `(02)`.
    static func phoneStart(_ chain: [Group], at index: Int, text: [UInt8], taken: [Bool]) -> Int {
        var start = chain[index].range.lowerBound
        let countryCode = chain[index].digits.starts(with: Array("82".utf8))
        let parenthesized = index + 1 < chain.count && chain[index + 1].gap.contains(UInt8(ascii: ")"))
        var cursor = start - 1
        while cursor >= 0, !taken[cursor], cursor >= start - 3 {
            let byte = text[cursor]
            if byte == UInt8(ascii: "+"), countryCode {
                start = cursor
            } else if byte == UInt8(ascii: "("), parenthesized {
                start = cursor
            } else if byte != 0x20 {
                break
            }
            cursor -= 1
        }
        return start
    }
}
