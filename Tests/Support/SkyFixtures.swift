import DumpEngine
import Foundation

// The worries and skies every sky test draws from (the engine's, the painters', the clips'):
// one file, so the suites test the same skies.

/// Worries for sky tests: `count` of them, mostly distinct texts in Korean and English, with
/// every seventh one repeating one of a few common phrases so some stars have count > 1.
public func skyWorries(count: Int, seed: UInt64 = 7, start: Date = skyTestEpoch) -> [SkyWorry] {
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
public let skyTestEpoch = Date(timeIntervalSince1970: 1_795_600_000)  // 2026-11-25T09:46:40Z

/// Distance between two rest positions on the 16:9 canvas, in units of the sky's height.
public func skyDistance(_ a: SkyNode, _ b: SkyNode) -> Double {
    let dx = (a.x - b.x) * SkyLayout.aspectRatio
    let dy = a.y - b.y
    return (dx * dx + dy * dy).squareRoot()
}

/// Worries for sky painting tests: Korean and English, some repeated (brighter stars), some
/// long, one hostile.
public let skyPaintingTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지, 알바를 하나 더 구해야 하나 고민이에요",
    "My thesis deadline is in three days and I haven't even started the literature review",
    "엄마가 아프세요", "친구랑 싸웠어요", "rent again", "rent again", "I miss home", "돈 돈 돈 #2026",
]

/// The sky of `texts` (or `count` generated worries when given).
public func skyPaintingLayout(_ texts: [String] = skyPaintingTexts, count: Int? = nil, seed: UInt64 = 11) -> SkyLayout {
    var worries = texts.enumerated().map { index, text in
        SkyWorry(id: "w\(index)", text: text, createdAt: skyTestEpoch.addingTimeInterval(Double(index)))
    }
    if let count {
        var random = SplitMix64(seed: seed)
        worries = (0..<count).map { index in
            let text = index % 5 == 0 ? texts[random.index(below: texts.count)] : "걱정 \(random.index(below: 1_000_000))"
            return SkyWorry(id: "g\(index)", text: text, createdAt: skyTestEpoch.addingTimeInterval(Double(index)))
        }
    }
    return SkyEngine(seed: seed).layout(worries, now: skyTestEpoch)
}

/// A one-star sky whose only star carries `text` as its label, at the centre.
public func skySingleLabelLayout(_ text: String) -> SkyLayout {
    let node = SkyNode(
        id: "n0000000000000001", text: text, count: 4, x: 0.5, y: 0.45, radius: 0.01, color: "#64ffda",
        label: true, drift: SkyDrift(ax: 0.002, ay: 0.002, fx: 1, fy: 1, px: 0, py: 0))
    return SkyLayout(seed: 1, generatedAt: skyTestEpoch, nodes: [node], links: [])
}

/// Worries for sky clip tests: Korean and English, some repeated, one hostile.
public let skyClipTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요", "rent again", "rent again",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지", "<script>alert(1)</script>", "I miss home",
]

/// The worries of `skyClipTexts`, one second apart.
public func skyClipWorries(_ texts: [String] = skyClipTexts) -> [SkyWorry] {
    texts.enumerated().map { index, text in
        SkyWorry(id: "clip-\(index)", text: text, createdAt: skyTestEpoch.addingTimeInterval(Double(index)))
    }
}

/// The sky of `skyClipTexts`.
public func skyClipLayout(seed: UInt64 = 21) -> SkyLayout {
    SkyEngine(seed: seed).layout(skyClipWorries(), now: skyTestEpoch)
}

/// Whether `needle` occurs in `data` as UTF-8, UTF-16BE (PDF text strings) or UTF-16LE bytes.
public func skyClipContains(_ data: Data, _ needle: String) -> Bool {
    var encodings: [[UInt8]] = [Array(needle.utf8)]
    encodings.append(needle.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    encodings.append(needle.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    return encodings.contains { data.range(of: Data($0)) != nil }
}
