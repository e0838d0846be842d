import DumpTestSupport
import Foundation
import Testing
@testable import DumpEngine

@Suite("Sky drift")
struct SkyDriftTests {
    private let sky = SkyEngine(seed: 41).layout(skyWorries(count: 500), now: skyTestEpoch)

    @Test func driftRepeatsEveryPeriod() {
        let period = sky.driftPeriod
        for t in [0.0, 1.25, 7.3, 123.456, 1_795_600_000.5] {
            for node in sky.nodes {
                let now = node.position(at: t, period: period), later = node.position(at: t + period, period: period)
                #expect(abs(now.x - later.x) <= 1e-9 && abs(now.y - later.y) <= 1e-9)
            }
        }
    }

    @Test func aStarStaysNearItsRestPosition() {
        for node in sky.nodes {
            for t in stride(from: 0.0, through: 10, by: 0.5) {
                let p = node.position(at: t)
                #expect(abs(p.x - node.x) <= node.drift.ax + 1e-15)
                #expect(abs(p.y - node.y) <= node.drift.ay + 1e-15)
            }
            let start = node.position(at: 0)
            #expect(abs(start.x - node.x) <= 0.005 && abs(start.y - node.y) <= 0.005)
        }
    }

    @Test func positionFollowsTheContractFormula() {
        let p = 10.0
        for node in sky.nodes.prefix(50) {
            let d = node.drift
            for t in [0.0, 0.1, 2.5, 9.99, 31.7] {
                let expectedX = node.x + d.ax * sin(2 * Double.pi * Double(d.fx) * t / p + d.px)
                let expectedY = node.y + d.ay * sin(2 * Double.pi * Double(d.fy) * t / p + d.py)
                let position = node.position(at: t)
                #expect(abs(position.x - expectedX) < 1e-12 && abs(position.y - expectedY) < 1e-12)
            }
        }
    }

    @Test func driftParametersStayInTheirRanges() {
        for node in sky.nodes {
            let d = node.drift
            #expect((0.0015...0.005).contains(d.ax) && (0.0015...0.005).contains(d.ay))
            #expect((1...2).contains(d.fx) && (1...2).contains(d.fy))
            #expect((0...(2 * Double.pi)).contains(d.px) && (0...(2 * Double.pi)).contains(d.py))
        }
        #expect(Set(sky.nodes.map(\.drift.fx)) == [1, 2])
    }
}
