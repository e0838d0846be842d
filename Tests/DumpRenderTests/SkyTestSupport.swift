import DumpEngine
import Foundation
import Testing

/// Worries for sky painting tests: Korean and English, some repeated (brighter stars), some
/// long, one hostile.
let skyPaintingTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지, 알바를 하나 더 구해야 하나 고민이에요",
    "My thesis deadline is in three days and I haven't even started the literature review",
    "엄마가 아프세요", "친구랑 싸웠어요", "rent again", "rent again", "I miss home", "돈 돈 돈 #2026",
]

/// A fixed moment, so layouts do not depend on the clock.
let skyPaintingEpoch = Date(timeIntervalSince1970: 1_795_600_000)

/// The sky of `texts` (or `count` generated worries when given).
func skyPaintingLayout(_ texts: [String] = skyPaintingTexts, count: Int? = nil, seed: UInt64 = 11) -> SkyLayout {
    var worries = texts.enumerated().map { index, text in
        SkyWorry(id: "w\(index)", text: text, createdAt: skyPaintingEpoch.addingTimeInterval(Double(index)))
    }
    if let count {
        var random = SplitMix64(seed: seed)
        worries = (0..<count).map { index in
            let text = index % 5 == 0 ? texts[random.index(below: texts.count)] : "걱정 \(random.index(below: 1_000_000))"
            return SkyWorry(id: "g\(index)", text: text, createdAt: skyPaintingEpoch.addingTimeInterval(Double(index)))
        }
    }
    return SkyEngine(seed: seed).layout(worries, now: skyPaintingEpoch)
}

/// A one-star sky whose only star carries `text` as its label, at the centre.
func skySingleLabelLayout(_ text: String) -> SkyLayout {
    let node = SkyNode(
        id: "n0000000000000001", text: text, count: 4, x: 0.5, y: 0.45, radius: 0.01, color: "#64ffda",
        label: true, drift: SkyDrift(ax: 0.002, ay: 0.002, fx: 1, fy: 1, px: 0, py: 0))
    return SkyLayout(seed: 1, generatedAt: skyPaintingEpoch, nodes: [node], links: [])
}
