import Foundation
import Testing
@testable import DumpEngine

/// One contract for the sky JSON, pinned by golden files that the Swift tests and the page's
/// own tests both read (`Tests/Fixtures/sky-contract/`): a sky (`base.json`), the delta a page
/// holding it gets after some worries come and go (`delta.json`, as `GET /api/sky?since=`
/// sends it), and the sky that delta must rebuild (`next.json`). Here the engine must still
/// write these very bytes and `SkyLayoutDelta.apply` must rebuild `next` from them; in
/// `Tests/browser/test_contract.py` the page's `DumpSky.applyDelta` must too. A change on one
/// side fails a test on the other. `DUMPIT_UPDATE_GOLDEN=1` writes the files anew (then look
/// at the diff, and run the browser test).
@Suite("Sky JSON contract (golden files shared with the page's tests)")
struct SkyContractTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sky-contract", isDirectory: true)

    /// The two skies: a small day's worries, then some expired, some new, one repeated.
    static func skies() -> (SkyLayout, SkyLayout, SkyLayoutDelta) {
        let engine = SkyEngine(seed: 2026)
        let epoch = Date(timeIntervalSince1970: 1_790_000_000)
        let texts = [
            "회사 가기 싫어요", "회사 일이 너무 많아요", "회사 사람들이 무서워요", "시험이 너무 걱정돼요", "시험 준비가 안 됐어요",
            "잠이 안 와요", "엄마가 아프셔서 걱정이에요", "돈이 없어요", "월세 낼 돈이 부족해요", "I miss home",
            "내일 발표가 무서워요", "친구랑 싸웠어요",
        ]
        let before = texts.enumerated().map { n, text in
            SkyWorry(id: "w\(n)", text: text, createdAt: epoch.addingTimeInterval(Double(n) * 60))
        }
        var after = Array(before.dropFirst(2))  // two expired
        after.append(SkyWorry(id: "w20", text: "회사 그만두고 싶어요", createdAt: epoch.addingTimeInterval(3600)))
        after.append(SkyWorry(id: "w21", text: "잠이 안 와요", createdAt: epoch.addingTimeInterval(3700)))  // a count grows
        let base = engine.layout(before, now: epoch.addingTimeInterval(1800))
        let next = engine.layout(after, now: epoch.addingTimeInterval(3800))
        return (base, next, SkyLayoutDelta(from: base, to: next))
    }

    /// The delta as the service sends it to a page that holds `base`.
    static func wireDelta(_ delta: SkyLayoutDelta) -> [UInt8] {
        delta.jsonBytes(fields: [("full", "false"), ("revision", "2"), ("since", "\"base\""), ("version", "\"next\"")])
    }

    @Test func theEngineWritesTheGoldenSkiesAndItsDeltaRebuildsTheNextOne() throws {
        let (base, next, delta) = Self.skies()
        let files: [(String, [UInt8])] = [
            ("base.json", base.jsonBytes()), ("delta.json", Self.wireDelta(delta)), ("next.json", next.jsonBytes()),
        ]
        if ProcessInfo.processInfo.environment["DUMPIT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for (name, bytes) in files { try Data(bytes).write(to: Self.folder.appendingPathComponent(name)) }
        }
        for (name, bytes) in files {
            let golden = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            #expect(Array(golden) == bytes, "\(name) differs from what the engine writes: DUMPIT_UPDATE_GOLDEN=1 and look")
        }
        #expect(!delta.isEmpty && !delta.removed.isEmpty && !delta.nodes.isEmpty, "the fixture exercises every part")
        #expect(delta.apply(to: base) == next)
        // and from the golden bytes themselves, as a page receives them
        let decodedBase = try SkyLayout.jsonDecoder().decode(
            SkyLayout.self, from: Data(contentsOf: Self.folder.appendingPathComponent("base.json")))
        #expect(decodedBase == base)
    }
}
