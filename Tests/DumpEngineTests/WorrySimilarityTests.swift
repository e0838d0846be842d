import Foundation
import Testing
@testable import DumpEngine

@Suite("Worry similarity")
struct WorrySimilarityTests {
    private var texts: [String] {
        ((try? LabelledWorry.fixture("worries-dev.tsv")) ?? []).map(\.text)
    }

    @Test func isSymmetricAndBetweenZeroAndOne() throws {
        let texts = self.texts
        try #require(texts.count > 100)
        let features = texts.map { WorryFeatures(text: SkyText.normalised($0)) }
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let i = random.index(below: texts.count), j = random.index(below: texts.count)
            let ab = WorrySimilarity.similarity(features[i], features[j])
            let ba = WorrySimilarity.similarity(features[j], features[i])
            #expect(ab == ba)
            #expect((0...1).contains(ab))
        }
        for f in features where f.norm > 0 {
            #expect(abs(WorrySimilarity.similarity(f, f) - 1) < 1e-12)
        }
    }

    @Test func isDeterministic() {
        for text in texts.prefix(50) {
            #expect(WorryFeatures(text: text) == WorryFeatures(text: text))
        }
        #expect(WorrySimilarity.similarity("회사 가기 싫어요", "출근하기 싫어") == WorrySimilarity.similarity("회사 가기 싫어요", "출근하기 싫어"))
    }

    @Test func theIssuesWorkWorriesAreAlikeAndUnlikeOthers() {
        let work = ["회사 가기 싫어요", "회사 가기 너무 싫다", "출근하기 싫어", "팀장님 때문에 힘들어요"]
        for a in work {
            for b in work {
                #expect(WorrySimilarity.similarity(a, b) >= 0.5, "\(a) / \(b)")
            }
            #expect(WorrySimilarity.similarity(a, "잠이 안 와요") < 0.2)
            #expect(WorrySimilarity.similarity(a, "시험 망했다") < 0.2)
        }
    }

    @Test func textsWithNothingInCommonAreZeroAndEmptyTextsAreZero() {
        #expect(WorrySimilarity.similarity("잠이 안 와요", "돈이 없어요") == 0)
        #expect(WorrySimilarity.similarity("", "회사") == 0)
        #expect(WorrySimilarity.similarity("너무 진짜", "너무 진짜") == 0)
    }
}
