import Foundation
import Testing
@testable import DumpDoor

@Suite("Door fixture")
struct DoorFixtureTests {
    @Test("every fixture case behaves as declared", arguments: DoorFixture.cases)
    func behavesAsDeclared(_ fixture: DoorCase) {
        do {
            let admission = try Door.admit(fixture.text)
            #expect(fixture.outcome == admission.verdict.rawValue, "\(fixture.name): verdict")
            #expect(fixture.masked == admission.masked.map(\.rawValue), "\(fixture.name): masked kinds")
            if let stored = fixture.stored {
                #expect(admission.text == stored, "\(fixture.name): stored text")
            }
            for fragment in fixture.absent ?? [] {
                #expect(!admission.text.contains(fragment), "\(fixture.name): \(fragment) must be gone")
            }
            for fragment in fixture.present ?? [] {
                #expect(admission.text.contains(fragment), "\(fixture.name): \(fragment) must stay")
            }
        } catch {
            #expect(fixture.outcome == "refused", "\(fixture.name): refused with \(error.code.rawValue)")
            #expect(fixture.code == error.code.rawValue, "\(fixture.name): refusal code")
            #expect(!error.message.isEmpty, "\(fixture.name): refusal message")
        }
    }

    @Test func theFixtureIsReadable() throws {
        _ = try DoorFixture.loaded.get()
    }

    @Test func theFixtureIsLargeWithUniqueNames() {
        let cases = DoorFixture.cases
        #expect(cases.count >= 150)
        let names = cases.map(\.name)
        #expect(Set(names).count == names.count, "duplicate names")
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name) is not kebab-case")
        }
    }

    /// The service suite checks every case's `absent` fragments against the whole public sky at
    /// once, so each fragment must be distinctive: never in any open case's stored text, and not
    /// a digit string short enough to turn up inside some other number.
    @Test func theAbsentFragmentsAreDistinctive() throws {
        let cases = DoorFixture.cases
        let publicTexts = cases.filter { $0.outcome == "open" }.compactMap { try? Door.admit($0.text).text }
        for fixture in cases {
            for fragment in fixture.absent ?? [] {
                if fragment.allSatisfy({ $0.isASCII }) {
                    #expect(fragment.count >= 4, "\(fixture.name): \(fragment) is too short")
                    if fragment.allSatisfy(\.isNumber) {
                        #expect(fragment.count >= 8, "\(fixture.name): \(fragment) is too short a number")
                    }
                }
                for text in publicTexts where text.contains(fragment) {
                    Issue.record("\(fixture.name): \(fragment) is in the public text \(text)")
                }
            }
        }
        let texts = cases.map(\.text)
        #expect(Set(texts).count == texts.count, "two cases share a text")
    }

    @Test func theFixtureCoversEveryOutcomeKindAndCode() {
        let cases = DoorFixture.cases
        let outcomes = Set(cases.map(\.outcome))
        #expect(outcomes == Set(Verdict.allCases.map(\.rawValue) + ["refused"]))
        let kinds = Set(cases.flatMap { $0.masked ?? [] })
        #expect(kinds == Set(PersonalData.allCases.map(\.rawValue)))
        let codes = Set(cases.compactMap(\.code))
        #expect(codes == ["empty_text", "text_too_long", "control_characters", "not_allowed"])
    }

    @Test func theFixtureIsWellFormed() {
        for fixture in DoorFixture.cases {
            if fixture.outcome == "refused" {
                #expect(fixture.code != nil && fixture.masked == nil, "\(fixture.name)")
            } else {
                #expect(fixture.code == nil && fixture.masked != nil, "\(fixture.name)")
                #expect(Verdict(rawValue: fixture.outcome) != nil, "\(fixture.name)")
            }
            for kind in fixture.masked ?? [] {
                #expect(PersonalData(rawValue: kind) != nil, "\(fixture.name): \(kind)")
            }
        }
    }

    /// The counts the brief asks for, per family of cases (the name's prefix).
    @Test func theFixtureHasEnoughOfEachFamily() {
        let cases = DoorFixture.cases
        func count(_ prefix: String) -> Int { cases.filter { $0.name.hasPrefix(prefix) }.count }
        func masking(_ kind: PersonalData) -> Int {
            cases.filter { $0.masked?.contains(kind.rawValue) == true }.count
        }
        #expect(masking(.phone) >= 25)
        #expect(masking(.email) >= 8)
        #expect(masking(.residentNumber) >= 8)
        #expect(masking(.card) >= 6)
        #expect(masking(.link) >= 12)
        #expect(cases.filter { $0.outcome == "care" }.count >= 25)
        #expect(count("hyperbole-") >= 20)
        #expect(cases.filter { $0.code == "not_allowed" }.count >= 12)
        #expect(count("method-near-miss-") >= 5)
        #expect(cases.filter { $0.outcome == "hate" }.count >= 15)
        #expect(count("swearing-") >= 10)
        #expect(count("unicode-") >= 15)
        #expect(count("ordinary-") >= 10)
    }
}
