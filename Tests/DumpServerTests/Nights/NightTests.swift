import DumpEngine
@testable import DumpServer
@testable import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Nights and posters")
struct NightTests {
    /// 2026-11-24 23:30 in Seoul (14:30 UTC).
    static let lateEvening = Date(timeIntervalSince1970: 1_795_530_600)

    /// A constellation's name outlives the day on the poster only when five different people
    /// wrote the word; one person posting it many times is still one person.
    @Test func aPosterNamesAConstellationOnlyWhenFivePeopleShareIt() async throws {
        for (people, named) in [(5, true), (4, false)] {
            let clock = MovableWorryClock(Self.lateEvening)
            let service = try TestService(clock: clock, skies: BlankSkyPaintings())
            let site = service.parts
            try await service.run { client in
                let texts = [
                    "회사 가기 싫어요", "회사에서 너무 힘들어요", "회사 때문에 잠이 안 와요", "회사 일이 너무 많아요",
                    "회사 사람들이 무서워요", "회사 그만두고 싶어요",
                ]
                for person in 0..<people {
                    let token = Fixture.token()
                    // the last of them posts every text: many worries, still one person
                    let mine = person == people - 1 ? texts : [texts[person]]
                    for text in mine { #expect(try await client.postWorry(text, token: token).status == .created) }
                }
                let night = try #require(try await site.nights.archive(dayContaining: Self.lateEvening))
                let sky = try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: night.skyJSON)
                let names = sky.constellations.compactMap(\.name)
                #expect(names.contains("회사") == named, "\(people) people: \(names)")
                #expect(!sky.constellations.isEmpty, "the figure stays either way")
                let json = String(decoding: night.skyJSON, as: UTF8.self)
                #expect(!json.contains("싫어요") && !json.contains("힘들어요"), "no worry text survives the night")
            }
        }
    }

    @Test func aFinishedDayIsArchivedAndItsPosterServed() async throws {
        let clock = MovableWorryClock(Self.lateEvening)
        let service = try TestService(clock: clock, skies: BlankSkyPaintings())
        let site = service.parts
        try await service.run { client in
            _ = try await client.postWorry("밤 하나")
            _ = try await client.postWorry("밤 둘")
            clock.advance(by: 3600)  // past midnight in Seoul
            _ = try await client.postWorry("다음 날")
            let night = try #require(try await site.nights.archive(dayContaining: Self.lateEvening))
            #expect(night.date == "2026-11-24")
            #expect(night.worryCount == 2)
            let sky = try SkyLayout.jsonDecoder().decode(ArchivedSky.self, from: night.skyJSON)
            #expect(sky.worryCount == 2)

            let list = try await client.get("/posters")
            #expect(list.status == .ok)
            let posters = try #require(list.json["posters"] as? [[String: Any]])
            #expect(posters.count == 1)
            #expect(posters.first?["date"] as? String == "2026-11-24")
            #expect(posters.first?["worries"] as? Int == 2)
            #expect(posters.first?["png"] as? String == "/posters/2026-11-24.png")

            // The file is painted on demand if the midnight painting did not happen.
            let first = try await client.get("/posters/2026-11-24.png")
            #expect(first.status == .accepted || first.status == .ok)
            #expect(try await eventually { try await client.get("/posters/2026-11-24.png").status == .ok })
            let poster = try await client.get("/posters/2026-11-24.png")
            #expect(poster.headers[.contentType] == "image/png")
            #expect(Array(poster.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }

    @Test func unknownAndMalformedPosterDatesAre404() async throws {
        let service = try TestService()
        try await service.run { client in
            for uri in ["/posters/2026-01-01.png", "/posters/yesterday.png", "/posters/2026-1-1.png"] {
                let response = try await client.get(uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test func emptyDaysAreNotArchived() async throws {
        let service = try TestService()
        let site = service.parts
        try await service.run { _ in
            let night = try await site.nights.archive(dayContaining: Self.lateEvening)
            #expect(night == nil)
        }
    }

    @Test func aMissedNightIsArchivedAtStart() async throws {
        let clock = MovableWorryClock(Self.lateEvening)
        let store = try SQLiteWorryStore.inMemory()
        _ = try await store.addWorry(
            WorryDraft(text: "놓친 밤", owner: OwnerToken(Fixture.token())!, ttl: 86_400), now: Self.lateEvening)
        clock.advance(by: 7200)
        let service = try TestService(store: store, clock: clock)
        try await service.run { _ in
            let archived = try await eventually { try await store.night(date: "2026-11-24") != nil }
            #expect(archived)
        }
    }

    @Test func aNightWhoseArchiveFailsIsTriedAgainUntilItIsKeptAndTheFailuresAreCounted() async throws {
        let clock = MovableWorryClock(Self.lateEvening)
        let store = try SQLiteWorryStore.inMemory()
        _ = try await store.addWorry(
            WorryDraft(text: "다시 해 보는 밤", owner: OwnerToken(Fixture.token())!, ttl: 86_400), now: Self.lateEvening)
        clock.advance(by: 7200)
        // the database refuses the night for now (as a blip would)
        try await store.writer.write { db in try db.execute(sql: "ALTER TABLE night RENAME TO night_away") }
        let service = try TestService(store: store, clock: clock) {
            $0.nightRetryBackoff = RetryBackoff(base: 0.05, cap: 0.2)
        }
        try await service.run { client in
            #expect(
                try await eventually {
                    let metrics = try await client.get("/metrics").text
                    return metrics.contains("dumpit_night_archive_failures_total 2")
                })
            try await store.writer.write { db in try db.execute(sql: "ALTER TABLE night_away RENAME TO night") }
            #expect(try await eventually { try await store.night(date: "2026-11-24") != nil })
            #expect(try await client.get("/metrics").text.contains("dumpit_nights_archived_total 1"))
        }
    }

    /// In a fleet one node archives and paints the night; every other node serves that very
    /// poster from the store, and paints nothing itself.
    @Test(arguments: ServiceStoreKind.available)
    func everyNodeServesThePosterTheArchivingNodePainted(kind: ServiceStoreKind) async throws {
        let store = try await kind.open()
        let clock = MovableWorryClock(Self.lateEvening)
        let (skiesA, skiesB) = (BlankSkyPaintings(), BlankSkyPaintings())
        let a = try TestService(store: store, clock: clock, skies: skiesA)
        let b = try TestService(store: store, clock: clock, skies: skiesB)
        try await a.run { clientA in
            try await b.run { clientB in
                _ = try await clientA.postWorry("포스터의 밤")
                clock.advance(by: 3600)
                let night = try #require(try await a.parts.nights.archive(dayContaining: Self.lateEvening))
                try await a.parts.nights.paintPoster(for: night)
                let fromA = try await clientA.get("/posters/\(night.date).png")
                #expect(fromA.status == .ok)
                if store.keepsClipFiles {
                    let fromB = try await clientB.get("/posters/\(night.date).png")
                    #expect(fromB.status == .ok && fromB.body == fromA.body)
                    #expect(skiesB.posters == 0, "node B painted nothing")
                }
            }
        }
    }

    @Test func postersPaintedOnRequestAreFewAtATime() async throws {
        let clock = MovableWorryClock(Self.lateEvening)
        let store = try SQLiteWorryStore.inMemory()
        for day in 1...4 {
            try await store.saveNight(
                Night(
                    date: "2026-11-0\(day)", worryCount: 1,
                    skyJSON: try SkyLayout.jsonEncoder().encode(
                        ArchivedSky(layout: SkyEngine(seed: 1).layout([], now: Self.lateEvening))),
                    archivedAt: Self.lateEvening))
        }
        let skies = HeldSkyPaintings()
        let service = try TestService(store: store, clock: clock, skies: skies)
        try await service.run { client in
            #expect(try await client.get("/posters/2026-11-01.png").status == .accepted)
            #expect(try await client.get("/posters/2026-11-02.png").status == .accepted)
            #expect(try await client.get("/posters/2026-11-01.png").status == .accepted, "the same one: still painting")
            let third = try await client.get("/posters/2026-11-03.png")
            #expect(third.status == .serviceUnavailable && third.errorCode == "busy" && third.headers[.retryAfter] == "30")
            skies.release()
            #expect(try await eventually { try await client.get("/posters/2026-11-01.png").status == .ok })
        }
    }

    @Test func theCalendarUsesTheConfiguredZone() {
        let seoul = NightCalendar(timeZone: TimeZone(identifier: "Asia/Seoul")!)
        #expect(seoul.name(of: Self.lateEvening) == "2026-11-24")
        #expect(seoul.name(of: Self.lateEvening.addingTimeInterval(1800)) == "2026-11-25")
        #expect(seoul.nextMidnight(after: Self.lateEvening) == Self.lateEvening.addingTimeInterval(1800))
        let utc = NightCalendar(timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.name(of: Self.lateEvening.addingTimeInterval(1800)) == "2026-11-24")
        #expect(NightCalendar.isDateName("2026-11-24"))
        #expect(!NightCalendar.isDateName("2026-11-2x"))
    }
}
