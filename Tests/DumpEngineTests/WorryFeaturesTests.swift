import Foundation
import Testing
@testable import DumpEngine

/// The normaliser behind the similarity: what it keeps of a worry and what it drops.
@Suite("Worry features")
struct WorryFeaturesTests {
    private func features(_ text: String) -> WorryFeatures { WorryFeatures(text: SkyText.normalised(text)) }
    private func similarity(_ a: String, _ b: String) -> Double { WorrySimilarity.similarity(features(a), features(b)) }
    /// Equal features give a cosine of 1 up to rounding.
    private func same(_ a: String, _ b: String) -> Bool { features(a) == features(b) && abs(similarity(a, b) - 1) < 1e-12 }

    @Test(arguments: ["회사", "회사가", "회사는", "회사를", "회사에서", "회사에서도", "회사에서는", "회사까지"])
    func particlesDoNotChangeTheWord(_ word: String) {
        let f = features(word)
        #expect(f.theme?.key == "topic:work")
        #expect(f.themeWords == ["회사"])
        #expect(same(word, "회사"))
    }

    @Test func verbEndingsAreStripped() {
        // Feelings only: every ending of 싫다 is the same word.
        for text in ["싫어요", "싫다", "싫어", "싫음", "싫었어", "싫네요", "싫은"] {
            #expect(same(text, "싫다"), "\(text)")
            #expect(features(text).theme?.key == "word:싫다", "\(text)")
        }
        for text in ["공부하기", "공부해요", "공부했어", "공부해야", "공부를"] {
            #expect(features(text).themeWords == ["공부"], "\(text)")
        }
        for text in ["헤어졌어요", "헤어지자고", "헤어진"] {
            #expect(features(text).theme?.key == "topic:love", "\(text)")
        }
    }

    @Test func inflectedFinalsAreUndoneInJamo() {
        // 아팠 → 아파 (past ㅆ), 아픈 → 아프 (adnominal ㄴ), 힘든 → 힘드: one word each.
        #expect(same("아팠어", "아파요"))
        #expect(same("아픈", "아프다"))
        #expect(same("힘든", "힘들어요"))
        #expect(features("잤어").theme?.key == "topic:sleep")
    }

    @Test func spacingDoesNotMatter() {
        #expect(similarity("회사 가기 싫어요", "회사가기싫어요") >= 0.95)
        #expect(similarity("잠이 안 와요", "잠이안와요") >= 0.95)
        #expect(similarity("돈이 없어", "돈이없어") >= 0.95)
        #expect(features("회사가기싫어요").theme?.key == "topic:work")
        #expect(features("출근싫어").theme?.key == "topic:work")
    }

    @Test func unknownWordsStillCompareByStemSyllablesAndJamo() {
        // Not in the word lists: the stripped stem, then syllable pairs and jamo triples.
        #expect(same("고양이가", "고양이를"))
        #expect(same("고양이가", "고양이"))
        #expect(features("고양이가 토했어").themeWords == ["고양이"])
        #expect(same("집에", "집이"))
        let inflected = similarity("떠났어", "떠나고")
        #expect(inflected > 0 && inflected < 1)
        // One changed jamo (a typo) keeps part of the likeness.
        #expect(similarity("다이빙", "다이빔") > 0)
    }

    @Test func oneSyllableWordsAreNotFoundInsideOtherWords() {
        // 일 (work) is not the start of 일어나 (to get up) or 일기 (a diary); numbers' counters
        // (3일, 2시간) say nothing.
        #expect(features("일어나기 싫어").theme?.key != "topic:work")
        #expect(features("일기 쓰기").theme?.key != "topic:work")
        #expect(features("3일째 잠을 못 잤어").theme?.key == "topic:sleep")
        #expect(features("일이 너무 많아").theme?.key == "topic:work")
        #expect(features("일하기 싫어").theme?.key == "topic:work")
    }

    @Test func englishIsStemmedAndListed() {
        #expect(features("I can't sleep").theme?.key == "topic:sleep")
        #expect(features("sleeping badly again").theme?.key == "topic:sleep")
        #expect(features("my boss hates me").theme?.key == "topic:work")
        #expect(same("worried about exams", "worries about my exam"))
        #expect(features("we broke up").theme?.key == "topic:love")
        #expect(features("I'm broke").theme?.key == "topic:money")
    }

    @Test func otherScriptsCompareByWordsAndCharacterPairs() {
        #expect(similarity("仕事が辛い", "仕事に行きたくない") > 0)
        #expect(similarity("работа утомляет", "работа снова") > 0)
        #expect(features("работа утомляет").theme != nil)
    }

    @Test func toneAndStopWordsAreDropped() {
        #expect(features("ㅠㅠ").theme == nil)
        #expect(features("너무 진짜 그냥").theme == nil)
        #expect(features("회사 ㅠㅠ").themeWords == ["회사"])
        #expect(same("회사 ㅠㅠ", "회사!!"))
    }

    @Test func topicsOutweighTheirWordsAndRepeatsAddUp() {
        let one = features("회사")
        let three = features("회사 팀장 야근")
        #expect(one.theme?.key == "topic:work" && three.theme?.key == "topic:work")
        #expect(Set(three.themeWords) == ["회사", "팀장", "야근"])
        // The topic feature grows with each of its words, up to its cap.
        #expect(three.weights.max()! > one.weights.max()!)
        #expect(three.weights.max()! <= WorryFeatures.Weight.topicMax)
    }

    @Test(arguments: [
        "", "   ", "!!!", "😢😢😢", "\u{200D}\u{200D}", "<script>alert(1)</script>", String(repeating: "회사", count: 250),
        "e\u{301}\u{301}\u{301}", "שלום עולם", "مرحبا بالعالم", "\u{1}\u{7F}", "'''", "’’", "0123456789",
        "ᄒᆞᆫ글", "ㄱㄴㄷㄹ", "🏳️‍🌈 회사", String(repeating: "a", count: 500),
    ])
    func hostileTextsGiveFiniteFeatures(_ text: String) {
        let f = features(text)
        #expect(f.norm.isFinite && f.norm >= 0)
        #expect(f.keys == f.keys.sorted() && Set(f.keys).count == f.keys.count)
        #expect(f.weights.allSatisfy { $0 > 0 && $0.isFinite })
        if let theme = f.theme { #expect((0...1).contains(theme.share)) }
        // Names come from words: letters and digits only, never markup.
        for word in f.themeWords {
            #expect(!word.contains { "<>&\"'/\\".contains($0) })
        }
        let s = similarity(text, "회사 가기 싫어요")
        #expect((0...1).contains(s))
    }
}
