import Testing
@testable import DumpDoor

@Suite("Door rules")
struct DoorRuleTests {
    @Test func koreanCareLeadsWith109() {
        #expect(CareAnswer.answer(korean: true).lines.first?.phone == "109")
        #expect(CareAnswer.answer(korean: false).lines.first?.phone == "988")
    }

    @Test func careAdmissionsKnowTheirLanguage() throws {
        #expect(try Door.admit("죽고 싶다").isKorean)
        #expect(try !Door.admit("I want to die").isKorean)
    }

    @Test func notAllowedRefusalsComeWithCare() {
        #expect(throws: DoorRefusal.self) { try Door.admit("같이 죽을 사람 구해요") }
        do {
            _ = try Door.admit("번개탄 피우는 법")
            Issue.record("a method was admitted")
        } catch {
            #expect(error.code == .notAllowed)
            #expect(error.needsCare)
        }
    }

    @Test func theLengthRefusalSaysTheCountAndTheLimit() {
        do {
            _ = try Door.admit(String(repeating: "가", count: 612))
            Issue.record("a long text was admitted")
        } catch {
            #expect(error.code == .textTooLong)
            #expect(error.message.contains("612"))
            #expect(error.message.contains("500"))
        }
    }

    @Test func luhnChecksKnownNumbers() {
        #expect(NumberScanner.passesLuhn(Array("4111111111111111".utf8)))
        #expect(NumberScanner.passesLuhn(Array("378282246310005".utf8)))
        #expect(!NumberScanner.passesLuhn(Array("4111111111111112".utf8)))
    }

    @Test func theFoldKeepsOneBytePerCharacter() {
        let text = Array("０１０－ㅋㅋ👨‍👩‍👧．＠")
        let folded = DetectionFold.fold(text)
        #expect(folded.count == text.count)
        #expect(Array(folded.prefix(4)) == Array("010-".utf8))
        #expect(folded[4] == DetectionFold.other)
        #expect(folded.suffix(2) == [UInt8(ascii: "."), UInt8(ascii: "@")])
    }

    @Test func onlyMatchedSpansAreReplaced() {
        let masking = PersonalDataMasker.mask("ＦＵＮ ㅋㅋ 010-1234-5678 ｗｏｗ")
        #expect(masking.text == "ＦＵＮ ㅋㅋ •••-••••-•••• ｗｏｗ")
        #expect(masking.kinds == [.phone])
    }

    @Test func kindsAreListedOnceInOrderOfAppearance() {
        let masking = PersonalDataMasker.mask("naver.com 010-1234-5678 a@b.com 010-2222-3333 bit.ly/x")
        #expect(masking.kinds == [.link, .phone, .email])
    }

    @Test func foldingDefeatsSpacingDotsRepeatsAndLeet() {
        for text in ["한 남 충", "한.남.충", "한남남충", "ｎｉｇｇｅｒ", "n1gg3r", "niiiigger"] {
            #expect(VerdictReader.isHate(MatchView(text)), "\(text)")
        }
        for text in ["Nigeria", "Niger", "한남동 맛집", "급식 충분"] {
            #expect(!VerdictReader.isHate(MatchView(text)), "\(text)")
        }
    }
}
