import Foundation

/// Turns a text's coverage mask into particles and moves them, frame by frame.
///
/// Particles are sampled from the glyphs' own inked pixels, so the dust has the shape of the
/// words. Each waits, bound in the crisp text, until the wave reaches it; then the curl-noise
/// wind and a steady drift carry it off while it shrinks and fades to nothing. Everything is
/// derived from the seed: identical (mask, wave, options) give identical frames.
public struct DustSimulation: Sendable {
    public let options: DustOptions
    public let wave: DustWave
    /// Sampling step in pixels: one particle per `step × step` of ink.
    public let step: Double

    // Structure of arrays: tight loops over 24k particles per frame.
    private var x: [Double] = []
    private var y: [Double] = []
    private var release: [Double] = []
    private var life: [Double] = []
    private var radius: [Double] = []
    private var speed: [Double] = []
    private var burstX: [Double] = []
    private var burstY: [Double] = []
    private var color: [UInt8] = []
    private let noise: CurlNoise
    private var nextFrame = 0
    private var lastLive: Int

    /// Samples the particles. `mask` must be the clip's size (text drawn where it will be shown).
    public init(mask: CoverageMask, wave: DustWave, options: DustOptions) {
        self.options = options
        self.wave = wave
        noise = CurlNoise(seed: options.seed)
        var random = SplitMix64(seed: options.seed)
        let timeline = options.timeline

        let threshold = Self.inkThreshold
        step = Self.samplingStep(mask: mask, maxParticles: options.maxParticles)

        // Jittered grid over the mask: one candidate per cell, kept with probability = coverage.
        let columns = Int((Double(mask.width) / step).rounded(.up))
        let rows = Int((Double(mask.height) / step).rounded(.up))
        let weights: [(UInt8, Double)] = [(0, 0.45), (1, 0.2), (2, 0.2), (3, 0.15)]
        for row in 0..<rows {
            for column in 0..<columns {
                let px = (Double(column) + random.unit()) * step
                let py = (Double(row) + random.unit()) * step
                let coverage = mask[Int(px), Int(py)]
                guard coverage >= threshold, random.unit() * 255 < Double(coverage) else { continue }
                guard x.count < options.maxParticles else { break }
                x.append(px)
                y.append(py)
                let k = wave.key(x: px, y: py)
                let releaseKey = k - DustWave.softness * (0.15 + 0.85 * random.unit())
                release.append(
                    timeline.hold + timeline.sweep * (releaseKey + DustWave.softness) / (1 + DustWave.softness))
                life.append(timeline.longestLife * (0.6 + 0.4 * random.unit()))
                radius.append(min(3.2, max(0.75, step * (0.5 + 0.4 * random.unit()))))
                speed.append(0.7 + 0.6 * random.unit())
                let angle = random.unit() * 2 * Double.pi
                let burst = random.unit()
                burstX.append(cos(angle) * burst)
                burstY.append(sin(angle) * burst - 0.3)
                var pick = random.unit()
                var chosen: UInt8 = 0
                for (index, weight) in weights {
                    chosen = index
                    if pick < weight { break }
                    pick -= weight
                }
                color.append(chosen)
            }
        }
        lastLive = x.count
    }

    static let inkThreshold: UInt8 = 24

    /// The grid step at which a mask is sampled: about one particle per 1.6 inked pixels,
    /// coarser when that would exceed `maxParticles`.
    public static func samplingStep(mask: CoverageMask, maxParticles: Int) -> Double {
        let inked = mask.values.reduce(0) { $0 + ($1 >= inkThreshold ? 1 : 0) }
        let target = Double(min(maxParticles, max(1, inked * 5 / 8)))
        return max(1, (Double(max(inked, 1)) / target).squareRoot())
    }

    /// Number of particles sampled from the text.
    public var particleCount: Int { x.count }

    /// When each particle leaves the text, in seconds.
    var releaseTimes: [Double] { release }
    /// How long each particle lives once released, in seconds.
    var lifeTimes: [Double] { life }

    /// Advances to the next frame and returns it, or nil after the last frame.
    public mutating func nextFrameState() -> DustFrame? {
        guard nextFrame < options.frameCount else { return nil }
        let index = nextFrame
        nextFrame += 1
        let fps = Double(options.fps)
        let time = Double(index) / fps
        let dt = 1 / fps
        let width = Double(options.width), height = Double(options.height)
        let scale = min(width, height)
        // Wind in pixels per second: a steady drift up and to the right, swirled by curl noise.
        let driftX = 0.09 * width, driftY = -0.075 * height
        let swirl = 0.11 * scale
        let noiseScale = 2.6 / scale
        let burstSpeed = 0.05 * scale
        let flow = time * 0.12

        var dots: [DustDot] = []
        dots.reserveCapacity(x.count / 2)
        var live = 0
        for i in x.indices {
            let age = time - release[i]
            if age >= life[i] { continue }
            live += 1
            if age < 0 { continue }
            if index > 0 {
                let motionAge = min(age, dt)
                let ramp = smoothstep(age / 0.7)
                let wind = noise.wind(x: x[i] * noiseScale + flow, y: y[i] * noiseScale - flow * 0.5)
                let burstFade = exp(-age * 3)
                let vx = (driftX * ramp + swirl * wind.vx) * speed[i] + burstSpeed * burstX[i] * burstFade
                let vy = (driftY * ramp + swirl * wind.vy) * speed[i] + burstSpeed * burstY[i] * burstFade
                x[i] += vx * motionAge
                y[i] += vy * motionAge
            }
            let u = age / life[i]
            let fade = pow(1 - u, 0.9)
            let flare = 1 + 0.25 * exp(-age * 6)
            dots.append(
                DustDot(
                    x: x[i], y: y[i], radius: radius[i] * pow(1 - u, 0.6),
                    alpha: min(1, fade * flare), color: color[i]))
        }
        precondition(live <= lastLive, "particle count increased")
        lastLive = live
        return DustFrame(
            index: index, time: time,
            wavePosition: DustWave.position(at: time, timeline: options.timeline),
            textOpacity: options.timeline.textOpacity(at: time),
            liveParticles: live, dots: dots)
    }
}

@inline(__always)
func smoothstep(_ t: Double) -> Double {
    let c = min(max(t, 0), 1)
    return c * c * (3 - 2 * c)
}
