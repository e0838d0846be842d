import DumpEngine
import Foundation
import Testing

/// Worries for sky clip tests: Korean and English, some repeated, one hostile.
let skyClipTexts: [String] = [
    "회사 가기 싫어요", "회사 가기 싫어요!!", "회사 가기 싫어요", "I can't sleep", "i can't sleep...",
    "잠이 안 와요", "잠이 안 와요", "내일 발표가 무서워요", "시험 망칠까 봐 걱정돼요", "rent again", "rent again",
    "월세가 또 올랐어요. 이번 달은 어떻게 버티지", "<script>alert(1)</script>", "I miss home",
]

/// A fixed moment, so layouts do not depend on the clock.
let skyClipEpoch = Date(timeIntervalSince1970: 1_795_600_000)

/// The worries of `skyClipTexts`, one second apart.
func skyClipWorries(_ texts: [String] = skyClipTexts) -> [SkyWorry] {
    texts.enumerated().map { index, text in
        SkyWorry(id: "clip-\(index)", text: text, createdAt: skyClipEpoch.addingTimeInterval(Double(index)))
    }
}

/// The sky of `skyClipTexts`.
func skyClipLayout(seed: UInt64 = 21) -> SkyLayout {
    SkyEngine(seed: seed).layout(skyClipWorries(), now: skyClipEpoch)
}

/// Whether `needle` occurs in `data` as UTF-8, UTF-16BE (PDF text strings) or UTF-16LE bytes.
func skyClipContains(_ data: Data, _ needle: String) -> Bool {
    var encodings: [[UInt8]] = [Array(needle.utf8)]
    encodings.append(needle.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    encodings.append(needle.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    return encodings.contains { data.range(of: Data($0)) != nil }
}
