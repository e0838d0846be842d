import DumpTestSupport
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
        let one = SkyNode(
            id: "n0", text: "회사", count: 1, x: 0.5, y: 0.4, radius: 0.004, color: "#ffffff",
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

@Suite("Sky labels: places around a star, the most shared first")
struct SkyLabelPlaceTests {
    @Test func labelsTryOtherPlacesAndStayClearOfLabelledStars() {
        let sky = SkyEngine(seed: 3).layout(skyWorries(count: 1_500), now: skyTestEpoch)
        let labelled = sky.nodes.filter(\.label)
        #expect(labelled.count == 24)
        // Some words found room only above, right of or left of their star.
        #expect(labelled.contains { $0.labelAt != nil })
        #expect(labelled.allSatisfy { $0.labelAt != .below })
        // No label lies on the disc of another labelled star.
        for star in labelled {
            let box = SkyLabel.box(for: star)
            for other in labelled where other.id != star.id {
                #expect(
                    !box.intersects(SkyLabeller.disc(other).expanded(dx: -other.drift.ax, dy: -other.drift.ay)),
                    "\(star.text) covers \(other.text)")
            }
        }
    }

    @Test func theMostSharedStarsAreLabelledEvenInACrowd() {
        // Twelve worries about different things, shared by 20–75 people each, in a sky of 2,000
        // (the sky's own common phrases are shared by about a hundred each).
        var worries = skyWorries(count: 2_000)
        let shared = [
            "회사 가기 싫어요", "시험이 너무 무서워요", "잠이 안 와요", "돈이 없어요", "엄마랑 싸웠어요",
            "발표가 떨려요", "친구가 연락이 없어요", "이사 가야 해요", "면접 망했어요", "월세가 올랐어요",
            "과제가 밀렸어요", "건강이 걱정돼요",
        ]
        for (group, text) in shared.enumerated() {
            for copy in 0..<(20 + group * 5) {
                worries.append(
                    SkyWorry(
                        id: "shared-\(group)-\(copy)", text: text, createdAt: skyTestEpoch.addingTimeInterval(Double(copy))))
            }
        }
        let sky = SkyEngine(seed: 5).layout(worries, now: skyTestEpoch)
        let top = sky.nodes.prefix(SkyLabeller.crowdExempt)
        let unlabelled = top.filter { !$0.label }.map(\.text)

        #expect(unlabelled.count <= 2, "most shared stars without a label: \(unlabelled)")
    }
}
