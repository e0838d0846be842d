import DumpServer
import Testing

@Suite("Durations for people")
struct DurationTextTests {
    @Test func unitsAreRead() {
        #expect(DurationText.seconds("24h") == 86_400)
        #expect(DurationText.seconds("90m") == 5400)
        #expect(DurationText.seconds("3600s") == 3600)
        #expect(DurationText.seconds("1d") == 86_400)
        #expect(DurationText.seconds("120") == 120)
        #expect(DurationText.seconds("1.5h") == 5400)
    }

    @Test("Nonsense is refused", arguments: ["", "h", "-5m", "0s", "5x", "five minutes", "1e9h", "nan"])
    func nonsenseIsRefused(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
