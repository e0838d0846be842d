import Foundation
import Testing

@testable import DumpStore

@Suite("Archived nights")
struct NightArchiveTests {
    @Test(arguments: StoreKind.allCases)
    func savingANightTwiceKeepsTheLatestAndNightsAreNewestFirst(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let june1 = Night(date: "2025-06-01", worryCount: 3, skyJSON: Data(#"{"n":3}"#.utf8), archivedAt: t0)
            let june3 = Night(date: "2025-06-03", worryCount: 0, skyJSON: Data(), archivedAt: t0.addingTimeInterval(0.5))
            let june2 = Night(date: "2025-06-02", worryCount: 7, skyJSON: Data([0, 1, 2, 255]), archivedAt: t0)
            let june2Again = Night(
                date: "2025-06-02", worryCount: 8, skyJSON: Data(#"{"n":8}"#.utf8), archivedAt: t0.addingTimeInterval(60))

            for night in [june1, june3, june2, june2Again] {
                try await store.saveNight(night)
            }

            let nights = try await store.nights(before: nil, limit: 10)
            #expect(nights.map(\.date) == ["2025-06-03", "2025-06-02", "2025-06-01"])
            #expect(nights[1].worryCount == 8)
            // paged: newest first, before a date
            #expect(try await store.nights(before: nil, limit: 2).map(\.date) == ["2025-06-03", "2025-06-02"])
            #expect(try await store.nights(before: "2025-06-02", limit: 2).map(\.date) == ["2025-06-01"])
            #expect(try await store.nights(before: "2025-06-01", limit: 2).isEmpty)
            let june2Read = try #require(try await store.night(date: "2025-06-02"))
            #expect(june2Read.skyJSON == june2Again.skyJSON)
            #expect(abs(june2Read.archivedAt.timeIntervalSince(june2Again.archivedAt)) < 1e-6)
            #expect(try await store.night(date: "2025-06-01")?.skyJSON == june1.skyJSON)
            #expect(try await store.night(date: "2025-06-03")?.worryCount == 0)
            #expect(try await store.night(date: "2025-06-04") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aStoreThatKeepsFilesKeepsEachNightsPoster(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            try await store.saveNight(Night(date: "2025-06-01", worryCount: 3, skyJSON: Data("{}".utf8), archivedAt: t0))
            let png = Data((0..<200_000).map { UInt8($0 % 253) })
            try await store.saveNightPoster(date: "2025-06-01", png: png)
            try await store.saveNightPoster(date: "2025-06-09", png: png)  // no such night: nothing kept
            #expect(try await store.nightPoster(date: "2025-06-01") == (store.keepsClipFiles ? png : nil))
            #expect(try await store.nightPoster(date: "2025-06-09") == nil)
            #expect(try await store.night(date: "2025-06-01")?.worryCount == 3, "the night itself unchanged")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func noNightsBeforeTheFirstArchive(kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { _, store in
            let nights = try await store.nights(before: nil, limit: 100)
            #expect(nights.isEmpty)
        }
    }
}
