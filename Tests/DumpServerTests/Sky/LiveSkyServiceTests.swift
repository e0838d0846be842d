import DumpEngine
@testable import DumpServer
import DumpStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The service's sky kept up to date from the store's change feed (`LiveSkyFeed`): posts,
/// deletes, hides and expiries are applied change by change, never by reading every live
/// worry again; two nodes on one store serve the same sky; the sky a page downloads is the
/// whole sky laid out from scratch, cut to its brightest stars.
@Suite("Sky: the live sky from the change feed")
struct LiveSkyServiceTests {
    @Test(arguments: ServiceStoreKind.available)
    func postsDeletesAndHidesAreAppliedWithoutReadingEveryWorryAgain(kind: ServiceStoreKind) async throws {
        let store = try await kind.open()
        let service = try TestService(store: store)
        let live = service.parts.liveSky
        try await service.run { client in
            let me = Fixture.token()
            _ = try await client.postWorry("첫 고민", token: me)
            #expect(live.reloadCount == 1)
            var ids: [String] = []
            for index in 0..<12 {
                ids.append(try #require(try await client.postWorry("회사 가기 싫어요 \(index % 5)", token: me).worryID))
            }
            #expect(try await client.deleteWorry(ids[0], token: me).status == .noContent)
            let star = SkyEngine(seed: service.configuration.skySeed).nodeID(text: "회사 가기 싫어요 1")
            #expect(try await store.moderate(star: star, hidden: true, now: service.clock.now()))
            let served = try await client.skyStars()
            #expect(live.reloadCount == 1)
            // As the whole sky laid out from scratch from the same worries.
            let worries = try await store.liveWorries(now: service.clock.now())
            let scratch = SkyEngine(seed: service.configuration.skySeed).layout(
                worries.map(SkyWorry.init), now: service.clock.now())
            #expect(served.count == scratch.nodes.count && served.count == 5)
            #expect(Set(served.keys) == Set(scratch.nodes.map(\.id)))
            #expect(served[star] == nil)
            let layout = try SkyLayout.jsonDecoder().decode(
                SkyLayout.self, from: Data(try await client.get("/api/sky").body.readableBytesView))
            #expect(layout.nodes == scratch.nodes && layout.links == scratch.links)
        }
    }

    @Test func twoNodesOnOneStoreServeTheSameSky() async throws {
        let store = try SQLiteWorryStore.inMemory()
        let first = try TestService(store: store)
        let second = try TestService(store: store, clock: first.clock)
        try await first.run { one in
            try await second.run { two in
                for index in 0..<20 {
                    let client = index % 2 == 0 ? one : two
                    _ = try await client.postWorry(index % 3 == 0 ? "같은 고민" : "고민 \(index)")
                    if index % 5 == 4 {
                        let a = try await one.get("/api/sky"), b = try await two.get("/api/sky")
                        #expect(a.headers[.eTag] == b.headers[.eTag])
                        #expect((a.json["nodes"] as? [Any])?.count == (b.json["nodes"] as? [Any])?.count)
                    }
                }
            }
        }
        #expect(first.parts.liveSky.reloadCount == 1 && second.parts.liveSky.reloadCount == 1)
    }

    @Test func aSkyLargerThanTheViewIsCutToItsBrightestAndNewestStars() async throws {
        let store = try SQLiteWorryStore.inMemory()
        let service = try TestService(store: store)
        let now = service.clock.now()
        let stars = LiveSkyFeed.viewStars + LiveSkyFeed.recentStars + 400
        let owner = try #require(OwnerToken(Fixture.token()))
        let drafts = (0..<stars).map { index -> (draft: WorryDraft, now: Date) in
            let text = index % 50 == 0 ? "자주 하는 고민 \(index % 7)" : "고민 하나 \(index)"
            return (WorryDraft(text: text, owner: owner, ttl: 3_600), now.addingTimeInterval(Double(index - stars) / 10))
        }
        _ = try await store.addWorries(drafts)
        try await service.run { client in
            let posted = try await client.postWorry("방금 쓴 고민")
            #expect(posted.status == .created)
            let response = try await client.get("/api/sky")
            let layout = try SkyLayout.jsonDecoder().decode(SkyLayout.self, from: Data(response.body.readableBytesView))
            #expect(layout.nodes.count >= LiveSkyFeed.viewStars && layout.nodes.count < stars)
            #expect(layout.nodes.first?.count ?? 0 > 1)
            #expect(layout.nodes.contains { $0.text == "방금 쓴 고민" })
            // The pictures' sky holds every star.
            let frequent = (0..<stars).filter { $0 % 50 == 0 }.count
            let whole = try await service.parts.wholeSky.current().layout
            #expect(whole.nodes.count == stars - frequent + 7 + 1)
            // A zoomed page's detail: the faint stars of its box beyond the view's brightest,
            // brightest first, as the whole sky orders them.
            let faint = whole.nodes.dropFirst(LiveSkyFeed.viewStars)
            #expect(faint.count > 600)
            func expected(_ box: SkyLabelBox, _ limit: Int) -> [String] {
                Array(
                    faint.filter { $0.x >= box.minX && $0.x <= box.maxX && $0.y >= box.minY && $0.y <= box.maxY }
                        .prefix(limit).map(\.id))
            }
            for (query, box, limit) in [
                ("x0=0&y0=0&x1=1&y1=1&limit=1000", SkyLabelBox(minX: 0, minY: 0, maxX: 1, maxY: 1), 1_000),
                ("x0=0.25&y0=0.3&x1=0.5&y1=0.6", SkyLabelBox(minX: 0.25, minY: 0.3, maxX: 0.5, maxY: 0.6), 600),
                ("x0=0.45&y0=0.45&x1=0.55&y1=0.55&limit=7", SkyLabelBox(minX: 0.45, minY: 0.45, maxX: 0.55, maxY: 0.55), 7),
            ] {
                let answer = try await client.get("/api/sky/region?\(query)")
                #expect(answer.status == .ok && answer.headers[.cacheControl] == "no-store")
                let nodes = try #require(answer.json["nodes"] as? [[String: Any]])
                let ids = nodes.compactMap { $0["id"] as? String }
                #expect(ids == expected(box, limit), "\(query)")
                #expect(nodes.allSatisfy { $0["label"] as? Bool == false && $0["text"] is String })
                #expect(answer.json["more"] as? Bool == (expected(box, 10_000).count > limit))
                #expect((answer.json["revision"] as? Int ?? 0) > 0)
            }
        }
    }

    /// A sky no larger than its view has no detail beyond it.
    @Test func aSmallSkyHasNoRegionDetail() async throws {
        let service = try TestService()
        try await service.run { client in
            _ = try await client.postWorry("작은 하늘")
            let answer = try await client.get("/api/sky/region?x0=0&y0=0&x1=1&y1=1")
            #expect(answer.status == .ok)
            #expect((answer.json["nodes"] as? [Any])?.isEmpty == true && answer.json["more"] as? Bool == false)
            // Corners in either order read as one box; a box of no width is a box too.
            let turned = try await client.get("/api/sky/region?x0=0.75&y0=0.5&x1=0.25&y1=0")
            #expect(turned.status == .ok && turned.json["box"] as? [Double] == [0.25, 0, 0.75, 0.5])
            #expect(try await client.get("/api/sky/region?x0=0&y0=0&x1=0&y1=0").status == .ok)
        }
    }

    @Test(arguments: [
        ("", "invalid_region"), ("x0=0&y0=0&x1=1", "invalid_region"), ("x0=0.5&y0=0&x1=0.5", "invalid_region"),
        ("x0=-0.1&y0=0&x1=1&y1=1", "invalid_region"), ("x0=0&y0=0&x1=1.5&y1=1", "invalid_region"),
        ("x0=nan&y0=0&x1=1&y1=1", "invalid_region"), ("x0=inf&y0=0&x1=1&y1=1", "invalid_region"),
        ("x0=abc&y0=0&x1=1&y1=1", "invalid_region"), ("x0=0.9&y0=0&x1=0.1&y1=1.0001", "invalid_region"),
        ("x0=0&y0=0&x1=1&y1=1&limit=0", "invalid_limit"), ("x0=0&y0=0&x1=1&y1=1&limit=1001", "invalid_limit"),
        ("x0=0&y0=0&x1=1&y1=1&limit=ten", "invalid_limit"), ("x0=%E2%80%AE0&y0=0&x1=1&y1=1", "invalid_region"),
    ])
    func aBadRegionIs400(query: String, code: String) async throws {
        let service = try TestService()
        try await service.run { client in
            let answer = try await client.get("/api/sky/region?\(query)")
            #expect(answer.status == .badRequest, "\(query)")
            #expect((answer.json["error"] as? [String: Any])?["code"] as? String == code, "\(query)")
        }
    }
}
