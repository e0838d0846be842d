import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky text normalisation and merging")
struct SkyTextTests {
    private let now = skyTestEpoch

    private func layout(_ texts: [String]) -> SkyLayout {
        let worries = texts.enumerated().map { index, text in
            SkyWorry(id: "w\(index)", text: text, createdAt: now.addingTimeInterval(Double(index)))
        }
        return SkyEngine(seed: 1).layout(worries, now: now)
    }

    @Test func trailingPunctuationAndExtraSpacesMergeIntoOneStar() {
        let sky = layout(["회사 가기 싫어요!!", "회사  가기 싫어요"])
        #expect(sky.nodes.count == 1)
        #expect(sky.nodes[0].count == 2)
    }

    @Test func caseAndFinalPeriodMergeIntoOneStar() {
        let sky = layout(["Worry.", "worry"])
        #expect(sky.nodes.count == 1)
        #expect(sky.nodes[0].count == 2)
    }

    @Test func differentTextsStayApart() {
        let sky = layout(["회사 가기 싫어요", "학교 가기 싫어요", "worry", "worries"])
        #expect(sky.nodes.count == 4)
        #expect(sky.nodes.allSatisfy { $0.count == 1 })
    }

    @Test func theStarShowsTheEarliestWorrysTextAsTyped() {
        let late = SkyWorry(id: "b", text: "worry", createdAt: now.addingTimeInterval(60))
        let early = SkyWorry(id: "a", text: "WORRY!!!", createdAt: now)
        let sky = SkyEngine(seed: 1).layout([late, early], now: now)
        #expect(sky.nodes.count == 1)
        #expect(sky.nodes[0].text == "WORRY!!!")
    }

    @Test func normalisationFoldsCaseComposesAndTrims() {
        #expect(SkyText.normalised("  Hello\n\tWORLD …!?  ") == "hello world")
        #expect(SkyText.normalised("Cafe\u{301}") == SkyText.normalised("Café"))
        #expect(SkyText.normalised("Cafe\u{301}").unicodeScalars.count == 4)
        #expect(SkyText.normalised("싫어요。。") == "싫어요")
        #expect(SkyText.normalised("싫어요！？～") == "싫어요")
        #expect(SkyText.normalised("help ❗️") == "help")
        #expect(SkyText.normalised("회사\u{3000}가기") == "회사 가기")
    }

    @Test func punctuationOnlyTextsKeepTheirMarks() {
        #expect(SkyText.normalised("???") == "???")
        #expect(SkyText.normalised("???") != SkyText.normalised("!!!"))
    }

    @Test func fastNFCPathAgreesWithFoundation() {
        let samples = ["회사 가기 싫어요", "École", "I’m tired…", "잠이 안 와 ㅠㅠ", "😢 help", "漢字です", "ｆｕｌｌ！"]
        for sample in samples {
            #expect(SkyText.isSurelyNFC(sample))
            #expect(sample == sample.precomposedStringWithCanonicalMapping)
            #expect(Array(sample.utf8) == Array(sample.precomposedStringWithCanonicalMapping.utf8))
        }
        #expect(!SkyText.isSurelyNFC("e\u{301}"))
        #expect(!SkyText.isSurelyNFC("\u{1100}\u{1161}"))  // conjoining jamo compose to 가
    }

    @Test func everyScalarOnTheFastPathIsAlreadyNFCAndNeverReorders() {
        var checked = 0
        for value in UInt32(0)...0x1FAFF {
            guard let scalar = Unicode.Scalar(value), SkyText.isSurelyNFC(String(Character(scalar))) else { continue }
            let text = String(Character(scalar))
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
            #expect(
                Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar],
                "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 30_000)
    }

    @Test func blankWorriesMakeNoStar() {
        let sky = layout([" \n\t ", "real"])
        #expect(sky.nodes.map(\.text) == ["real"])
    }

    @Test func nodeIDsComeFromTheNormalisedTextNeverFromWorryIDs() throws {
        let worries = skyWorries(count: 200)
        let sky = SkyEngine(seed: 9).layout(worries, now: now)
        let worryIDs = Set(worries.map(\.id))
        let pattern = try Regex("^n[0-9a-f]{16}$")
        for node in sky.nodes {
            #expect(node.id.wholeMatch(of: pattern) != nil)
            #expect(!worryIDs.contains(node.id))
            let expected = SkyPlacement.nodeID(normalisedText: SkyText.normalised(node.text), seed: 9)
            #expect(node.id == expected)
        }
    }
}
