import Foundation
import Testing
@testable import DumpDoor

/// A small deterministic generator (SplitMix64), so every run checks the same texts.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

@Suite("Door properties")
struct DoorPropertyTests {
    /// Random digits, a Luhn-valid card or a resident-shaped number, formatted as people write
    /// them.
    static func numberToken(_ random: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> [Int] { (0..<count).map { _ in Int.random(in: 0...9, using: &random) } }
        var number: [Int]
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            number = digits(Int.random(in: 1...20, using: &random))
        case 1:
            number = digits(15)
            number.append((0...9).first { NumberScanner.passesLuhn(Self.ascii(number + [$0])) }!)
        default:
            let month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...31, using: &random)
            number =
                digits(2) + [month / 10, month % 10, day / 10, day % 10]
                + [Int.random(in: 1...8, using: &random)] + digits(6)
        }
        let text = number.map(String.init).joined()
        // Resident numbers are written 6-7 or as 13 digits; everything else plain or in fours.
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return text
        case _ where number.count == 13:
            return String(text.prefix(6)) + ["-", " "].randomElement(using: &random)! + String(text.dropFirst(6))
        default:
            let separator = [" ", "-"].randomElement(using: &random)!
            return stride(from: 0, to: text.count, by: 4).map { offset in
                let start = text.index(text.startIndex, offsetBy: offset)
                return String(text[start..<(text.index(start, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex)])
            }.joined(separator: separator)
        }
    }

    static func ascii(_ digits: [Int]) -> [UInt8] { digits.map { UInt8(0x30 + $0) } }

    /// The digit strings of `text`'s numbers: digits joined across single spaces and hyphens.
    static func numbers(in text: String) -> [String] {
        var numbers: [String] = []
        var current = ""
        var pendingSeparator = false
        for character in text {
            if character.isASCII, character.isNumber {
                current.append(character)
                pendingSeparator = false
            } else if (character == " " || character == "-"), !current.isEmpty, !pendingSeparator {
                pendingSeparator = true
            } else {
                if !current.isEmpty { numbers.append(current) }
                current = ""
                pendingSeparator = false
            }
        }
        if !current.isEmpty { numbers.append(current) }
        return numbers
    }

    @Test func maskedNumbersNeverLeaveACardOrAResidentNumber() throws {
        var random = SeededGenerator(state: 2024)
        let words = ["고민", "카드", "번호는", "그리고", "ㅠㅠ", "내일"]
        for _ in 0..<1500 {
            var parts: [String] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                parts.append(words.randomElement(using: &random)!)
                parts.append(Self.numberToken(&random))
            }
            let text = parts.joined(separator: " ")
            let admitted = try Door.admit(text).text
            for number in Self.numbers(in: admitted) {
                let digits = Array(number.utf8)
                #expect(!(digits.count == 16 && NumberScanner.passesLuhn(digits)), "card left in \(admitted)")
                #expect(!NumberScanner.isResidentNumber(digits), "resident number left in \(admitted)")
            }
        }
    }

    @Test("admitting twice changes nothing", arguments: DoorFixture.cases.filter { $0.outcome != "refused" })
    func admitIsIdempotent(_ fixture: DoorCase) throws {
        let once = try Door.admit(fixture.text)
        let twice = try Door.admit(once.text)
        #expect(twice.text == once.text)
        #expect(twice.masked.isEmpty, "a mask was found again in \(once.text)")
    }

    /// Random texts from a hostile alphabet: controls, bidi, joiners, selectors, marks, fillers.
    static func hostileText(_ random: inout SeededGenerator) -> String {
        let alphabet: [UInt32] = [
            0x61, 0x20, 0x0A, 0x09, 0xAC00, 0xD55C, 0x1112, 0x1161, 0x11AB, 0x3131, 0x202E, 0x202D, 0x2066,
            0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x3164, 0x115F,
            0x1160, 0xFFA0, 0x180E, 0xFE0F, 0xFE0E, 0xFE00, 0x0301, 0x0336, 0x20E3, 0x1F468, 0x1F469, 0x2764,
            0x1F3FD, 0x1F1F0, 0x1F1F7, 0xE0067, 0xE007F, 0x31, 0x0D, 0x2028, 0x3000, 0x2800,
        ]
        let length = Int.random(in: 0...40, using: &random)
        let scalars = (0..<length).map { _ in Unicode.Scalar(alphabet.randomElement(using: &random)!)! }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func cleaningNeverKeepsBidiControlsAndIsIdempotent() throws {
        var random = SeededGenerator(state: 7)
        for _ in 0..<3000 {
            let text = Self.hostileText(&random)
            guard let cleaned = try? TextCleaner.clean(text) else { continue }
            for scalar in cleaned.unicodeScalars {
                #expect(!scalar.properties.isBidiControl, "bidi control kept from \(text.debugDescription)")
                #expect(!InvisibleCharacters.explicitlyDropped.contains(scalar.value))
                if scalar.properties.isDefaultIgnorableCodePoint {
                    #expect(InvisibleCharacters.isEmojiJoiner(scalar), "ignorable kept: \(cleaned.debugDescription)")
                }
            }
            #expect(cleaned == cleaned.precomposedStringWithCanonicalMapping)
            #expect(try TextCleaner.clean(cleaned) == cleaned, "not idempotent: \(text.debugDescription)")
        }
    }

    @Test func noBaseEverCarriesMoreThanTheMarkLimit() throws {
        var random = SeededGenerator(state: 99)
        let marks: [UInt32] = [0x0300, 0x0301, 0x0336, 0x0489, 0x0E31, 0x0903, 0x20DD]
        for _ in 0..<500 {
            var scalars: [Unicode.Scalar] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                scalars.append(["x", "가", "ก", " "].randomElement(using: &random)!)
                for _ in 0..<Int.random(in: 0...30, using: &random) {
                    scalars.append(Unicode.Scalar(marks.randomElement(using: &random)!)!)
                }
            }
            guard let cleaned = try? TextCleaner.clean(String(String.UnicodeScalarView(scalars))) else { continue }
            var run = 0
            for scalar in cleaned.unicodeScalars {
                run = TextCleaner.isCombiningMark(scalar) ? run + 1 : 0
                #expect(run <= Door.maxMarksPerBase)
            }
        }
    }

    @Test func anyTextIsAdmittedOrRefusedWithACode() {
        var random = SeededGenerator(state: 31)
        for _ in 0..<1000 {
            let tail = ["죽고 싶다", "010-1234-5678", "a@b.com", ""].randomElement(using: &random)!
            let text = Self.hostileText(&random) + tail
            do {
                let admission = try Door.admit(text)
                #expect(!admission.text.isEmpty)
                #expect(admission.text.count <= Door.maxGraphemes)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
