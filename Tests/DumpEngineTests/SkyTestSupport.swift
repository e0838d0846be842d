import Foundation
@testable import DumpEngine

/// Worries for sky tests: `count` of them, mostly distinct texts in Korean and English, with
/// every seventh one repeating one of a few common phrases so some stars have count > 1.
func skyWorries(count: Int, seed: UInt64 = 7, start: Date = skyTestEpoch) -> [SkyWorry] {
    let words = ["회사", "시험", "잠", "돈", "엄마", "내일", "deadline", "exam", "rent", "sleep", "친구", "발표"]
    let common = ["회사 가기 싫어요", "I can't sleep", "내일 발표가 무서워요"]
    var random = SplitMix64(seed: seed)
    return (0..<count).map { index in
        let text: String
        if index % 7 == 3 {
            text = common[random.index(below: common.count)]
        } else {
            let first = words[random.index(below: words.count)]
            let second = words[random.index(below: words.count)]
            text = "\(first) \(second) \(random.index(below: 1_000_000))"
        }
        return SkyWorry(id: "worry-\(seed)-\(index)", text: text, createdAt: start.addingTimeInterval(Double(index)))
    }
}

/// A fixed "now" so layouts do not depend on the clock.
let skyTestEpoch = Date(timeIntervalSince1970: 1_795_600_000) // 2026-11-25T09:46:40Z

/// Distance between two rest positions on the 16:9 canvas, in units of the sky's height.
func skyDistance(_ a: SkyNode, _ b: SkyNode) -> Double {
    let dx = (a.x - b.x) * SkyLayout.aspectRatio
    let dy = a.y - b.y
    return (dx * dx + dy * dy).squareRoot()
}
