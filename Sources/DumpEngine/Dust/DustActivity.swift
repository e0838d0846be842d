/// How far a dust clip has broken at one frame: what its sound follows.
public struct DustActivity: Sendable, Equatable {
    /// Share of the particles released from the text so far (0…1, never decreasing).
    public var broken: Double
    /// Share of the particles released and not yet faded: the dust in the air (0…1).
    public var airborne: Double

    public init(broken: Double, airborne: Double) {
        self.broken = broken
        self.airborne = airborne
    }
}

extension DustSimulation {
    /// The activity at every frame of the clip, computed from the particles' release and
    /// death times alone (no stepping): the sound can be made before the first frame is painted.
    public func activity() -> [DustActivity] {
        let total = Double(max(1, particleCount))
        let releases = releaseTimes.sorted()
        let deaths = zip(releaseTimes, lifeTimes).map { $0 + $1 }.sorted()
        let fps = Double(options.fps)
        return (0..<options.frameCount).map { index in
            let time = Double(index) / fps
            let released = Self.count(releases, atMost: time)
            let dead = Self.count(deaths, atMost: time)
            return DustActivity(broken: Double(released) / total, airborne: Double(released - dead) / total)
        }
    }

    /// How many of the sorted `values` are ≤ `limit`.
    private static func count(_ values: [Double], atMost limit: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
