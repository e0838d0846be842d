import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky labels")
struct SkyLabelTests {
    private let now = skyTestEpoch

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func labelBoxesOfLabelledStarsNeverOverlap(seed: UInt64) {
        for count in [60, 1_000, 6_000] {
            let sky = SkyEngine(seed: seed).layout(skyWorries(count: count, seed: seed), now: now)
            let boxes = sky.nodes.filter(\.label).map(SkyLayout.labelBox(for:))
            #expect(boxes.count <= 24)
            for i in boxes.indices {
                #expect(boxes[i].isInsideSky)
                for j in boxes.indices where j > i {
                    #expect(!boxes[i].intersects(boxes[j]))
                }
            }
        }
    }

    @Test func labelsStayApartWhileTheirStarsDrift() {
        let sky = SkyEngine(seed: 31).layout(skyWorries(count: 3_000), now: now)
        let labelled = sky.nodes.filter(\.label)
        for step in 0..<40 {
            let t = Double(step) * sky.driftPeriod / 40
            let boxes = labelled.map { node -> SkyLabelBox in
                let rest = SkyLayout.labelBox(for: node), p = node.position(at: t)
                let dx = p.x - node.x, dy = p.y - node.y
                return SkyLabelBox(minX: rest.minX + dx, minY: rest.minY + dy, maxX: rest.maxX + dx, maxY: rest.maxY + dy)
            }
            for i in boxes.indices { for j in boxes.indices where j > i { #expect(!boxes[i].intersects(boxes[j])) } }
        }
    }

    @Test func theBudgetCapsTheLabelsAndTheBrightestStarIsLabelled() {
        let worries = skyWorries(count: 2_000)
        #expect(SkyEngine(seed: 3, labelBudget: 5).layout(worries, now: now).nodes.filter(\.label).count == 5)
        #expect(SkyEngine(seed: 3, labelBudget: 0).layout(worries, now: now).nodes.filter(\.label).isEmpty)
        let sky = SkyEngine(seed: 3).layout(worries, now: now)
        #expect(sky.nodes[0].label)
        #expect(sky.nodes.filter(\.label).count >= 10)
    }

    @Test func longTextsAreCutWithAnEllipsisButKeptWholeInTheNode() {
        let long = String(repeating: "회사 가기 싫어요 ", count: 10)
        let label = SkyLabel.text(for: long)
        #expect(label.hasSuffix("…"))
        #expect(SkyLabel.wideUnits(of: label) <= SkyLabel.maxWideUnits)
        #expect(!label.dropLast().hasSuffix(" "))
        let sky = SkyEngine(seed: 1).layout([SkyWorry(id: "w", text: long, createdAt: now)], now: now)
        #expect(sky.nodes[0].text == long)
        #expect(SkyLayout.labelText(for: sky.nodes[0]) == label)
        #expect(SkyLabel.text(for: "short one") == "short one")
        #expect(SkyLabel.text(for: "two\nlines") == "two lines")
    }

    @Test func hangulAndEmojiAreWideAndLatinIsNarrow() {
        #expect(SkyLabel.wideUnits(of: "회사") == 2)
        #expect(SkyLabel.wideUnits(of: "漢字") == 2)
        #expect(SkyLabel.wideUnits(of: "😢") == 1)
        #expect(SkyLabel.wideUnits(of: "❤️") == 1)
        #expect(SkyLabel.wideUnits(of: "ab") == 1.1)
    }

    @Test func aLabelSitsCentredUnderItsStarAndGrowsGentlyWithCount() {
        let drift = SkyDrift(ax: 0.002, ay: 0.002, fx: 1, fy: 1, px: 0, py: 0)
        let one = SkyNode(id: "n0", text: "회사", count: 1, x: 0.5, y: 0.4, radius: 0.004, color: "#ffffff",
                          label: true, drift: drift)
        var many = one
        many.count = 16
        let small = SkyLayout.labelBox(for: one), big = SkyLayout.labelBox(for: many)
        #expect(abs((small.minX + small.maxX) / 2 - 0.5) < 1e-12)
        #expect(small.minY > one.y + one.radius)
        #expect(abs(small.width - 0.0085 * 2) < 1e-12 && abs(small.height - 0.03) < 1e-12)
        #expect(big.height > small.height && big.height <= 0.03 * 1.5)
    }
}
