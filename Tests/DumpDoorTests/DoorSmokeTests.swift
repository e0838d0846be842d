import Testing
@testable import DumpDoor

@Suite("Door")
struct DoorSmokeTests {
    @Test func aPlainWorryPassesAsWritten() throws {
        let admission = try Door.admit("  회사 가기 싫어요  ")
        #expect(admission.text == "회사 가기 싫어요")
        #expect(admission.verdict == .open)
        #expect(admission.masked.isEmpty)
    }
}
