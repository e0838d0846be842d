import Foundation
import DumpEngine

/// Adds glowing dots onto an opaque BGRA surface: a sharp Gaussian core at full resolution
/// and a wide soft halo accumulated at quarter resolution and blended up (a cheap bloom).
///
/// Additive light on a dark sky: where dots overlap they brighten, and a dot of zero alpha
/// adds nothing, so fades end exactly at the background.
struct DustSplatter {
    let width: Int
    let height: Int
    private let haloScale = 4
    private let haloWidth: Int
    private let haloHeight: Int
    private var halo: [Float]
    /// One output row's halo, its two halo rows already mixed vertically.
    private var mixed: [Float]
    /// Per halo row, the span of cells written this frame (`rowMax < 0`: none): blending and
    /// clearing touch only those, so empty sky costs nothing.
    private var rowMin: [Int]
    private var rowMax: [Int]
    /// Per pixel column: the halo cell to its left, the one to its right, and the weight of
    /// the right one (bilinear upsampling), computed once.
    private let columnLeft: [Int]
    private let columnRight: [Int]
    private let columnWeight: [Float]
    private var kernelX = [Float](repeating: 0, count: 64)
    private var kernelY = [Float](repeating: 0, count: 64)
    private let colors: [(Float, Float, Float)] = Palette.dust.map { (Float($0.blue), Float($0.green), Float($0.red)) }

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        haloWidth = width / haloScale + 2
        haloHeight = height / haloScale + 2
        halo = [Float](repeating: 0, count: haloWidth * haloHeight * 3)
        mixed = [Float](repeating: 0, count: haloWidth * 3)
        rowMin = [Int](repeating: Int.max, count: haloHeight)
        rowMax = [Int](repeating: -1, count: haloHeight)
        let scale = Float(haloScale)
        var left: [Int] = [], right: [Int] = [], weight: [Float] = []
        for px in 0..<width {
            let fx = (Float(px) + 0.5) / scale - 0.5
            let ix = max(0, Int(fx.rounded(.down)))
            left.append(ix)
            right.append(min(ix + 1, haloWidth - 1))
            weight.append(max(0, fx - Float(ix)))
        }
        columnLeft = left
        columnRight = right
        columnWeight = weight
    }

    /// Zeroes the halo cells the last frame wrote.
    private mutating func clearHalo() {
        for row in 0..<haloHeight where rowMax[row] >= 0 {
            let start = (row * haloWidth + rowMin[row]) * 3
            let end = (row * haloWidth + rowMax[row] + 1) * 3
            for i in start..<end { halo[i] = 0 }
            rowMin[row] = Int.max
            rowMax[row] = -1
        }
    }

    /// Draws `dots` onto `surface` (same size). `spacing` is the distance between particles
    /// when they were sampled: light is scaled by it so that dense dust glows without
    /// burning out to white and sparse dust still sparkles.
    ///
    /// Returns the rectangle outside which no pixel was touched (nil: none was).
    @discardableResult
    mutating func splat(_ dots: [DustDot], spacing: Double, onto surface: Surface) -> PixelRect? {
        guard !dots.isEmpty else { return nil }
        clearHalo()
        var (minX, minY, maxX, maxY) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
        let bytesPerRow = surface.bytesPerRow
        let area = spacing * spacing
        let haloScale = Double(haloScale), colors = colors
        surface.withMutablePixels { raw in
            // Bounds: the buffer holds bytesPerRow × height bytes; `Core` and `Halo` clamp every
            // index they write (see there).
            let pixels = raw.bindMemory(to: UInt8.self)
            withPainters(pixels, bytesPerRow: bytesPerRow) { core, glow in
                for dot in dots where dot.alpha > 0.003 && dot.radius > 0.05 {
                    let (b, g, r) = colors[Int(dot.color) % colors.count]
                    let sigma = max(0.6, dot.radius * 0.6)
                    let footprint = 2 * Double.pi * sigma * sigma
                    let coreLight = min(1, max(0.5, 0.8 * area / footprint))
                    core.splat(x: dot.x, y: dot.y, sigma: sigma, strength: Float(dot.alpha * coreLight), b: b, g: g, r: r)
                    let haloSigma = dot.radius * 2.4 + 1.6
                    // What the core and the halo (its cells' reach, upsampled) can touch around the dot.
                    let haloReach = Double(min(20, Int((max(0.5, haloSigma / haloScale) * 2.5).rounded(.up))) + 2)
                    let coreReach = Double(min(20, Int((sigma * 2.6).rounded(.up))) + 2)
                    let margin = max(coreReach, haloReach * haloScale + 4)
                    minX = min(minX, dot.x - margin)
                    minY = min(minY, dot.y - margin)
                    maxX = max(maxX, dot.x + margin)
                    maxY = max(maxY, dot.y + margin)
                    let haloFootprint = 2 * Double.pi * haloSigma * haloSigma
                    let light = max(0.045, 0.45 * area / haloFootprint)
                    glow.accumulate(
                        x: dot.x / haloScale, y: dot.y / haloScale, sigma: max(0.5, haloSigma / haloScale),
                        strength: Float(dot.alpha * light), b: b, g: g, r: r)
                }
            }
            blendHalo(pixels, bytesPerRow: bytesPerRow)
        }
        guard minX <= maxX else { return nil }
        let x0 = max(0, minX.rounded(.down)), y0 = max(0, minY.rounded(.down))
        let x1 = min(Double(width), maxX.rounded(.up)), y1 = min(Double(height), maxY.rounded(.up))
        guard x0 < x1, y0 < y1 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Lends `body` the core and halo painters over this frame's pixels and the splatter's
    /// buffers (the kernels, the halo cells and their row spans), as unchecked pointers: the
    /// inner loops were a quarter slower through the arrays' checks.
    private mutating func withPainters(
        _ pixels: UnsafeMutableBufferPointer<UInt8>, bytesPerRow: Int, _ body: (Core, Halo) -> Void
    ) {
        let (width, height, haloWidth, haloHeight) = (width, height, haloWidth, haloHeight)
        kernelX.withUnsafeMutableBufferPointer { kernelX in
            kernelY.withUnsafeMutableBufferPointer { kernelY in
                halo.withUnsafeMutableBufferPointer { cells in
                    rowMin.withUnsafeMutableBufferPointer { rowMin in
                        rowMax.withUnsafeMutableBufferPointer { rowMax in
                            body(
                                Core(
                                    pixels: pixels, bytesPerRow: bytesPerRow,
                                    kernels: Kernels(x: kernelX, y: kernelY, width: width, height: height)),
                                Halo(
                                    cells: cells, rowMin: rowMin, rowMax: rowMax,
                                    kernels: Kernels(x: kernelX, y: kernelY, width: haloWidth, height: haloHeight)))
                        }
                    }
                }
            }
        }
    }

    /// Fills kernel with exp(-(i - centre)² / 2σ²) for i in lo...hi; returns the count.
    ///
    /// Three `exp` calls instead of one per tap: successive Gaussian samples differ by a ratio
    /// that itself shrinks by the constant factor exp(-1/σ²) (it was 6 % of a clip's CPU).
    @inline(__always)
    private static func fill(
        _ kernel: UnsafeMutableBufferPointer<Float>, from lo: Int, to hi: Int, centre: Double, sigma: Double
    ) -> Int {
        let inverse = 1 / (2 * sigma * sigma)
        let d = Double(lo) - centre
        var value = exp(-d * d * inverse)
        var ratio = exp(-(2 * d + 1) * inverse)
        let step = exp(-2 * inverse)
        var n = 0
        for _ in lo...hi {
            kernel[n] = Float(value)
            value *= ratio
            ratio *= step
            n += 1
        }
        return n
    }

    /// The two separable Gaussian kernels a dot is drawn with, on a grid of `width` × `height`
    /// cells (the frame's pixels or the halo's cells).
    private struct Kernels {
        let x: UnsafeMutableBufferPointer<Float>
        let y: UnsafeMutableBufferPointer<Float>
        let width: Int
        let height: Int

        /// The cells within `spread` σ (at most 20 cells) of the dot at (`cx`, `cy`) + ½, clipped
        /// to the grid, with both kernels filled for them; nil when none is on the grid.
        @inline(__always)
        func window(x cx: Double, y cy: Double, sigma: Double, spread: Double) -> (x0: Int, x1: Int, y0: Int, y1: Int)? {
            let reach = min(20, Int((sigma * spread).rounded(.up)))
            let x0 = max(0, Int(cx.rounded(.down)) - reach), x1 = min(width - 1, Int(cx.rounded(.down)) + reach + 1)
            let y0 = max(0, Int(cy.rounded(.down)) - reach), y1 = min(height - 1, Int(cy.rounded(.down)) + reach + 1)
            guard x0 <= x1, y0 <= y1 else { return nil }
            _ = DustSplatter.fill(x, from: x0, to: x1, centre: cx, sigma: sigma)
            _ = DustSplatter.fill(y, from: y0, to: y1, centre: cy, sigma: sigma)
            return (x0, x1, y0, y1)
        }
    }

    /// A dot's sharp core, added straight onto the frame's pixels.
    private struct Core {
        let pixels: UnsafeMutableBufferPointer<UInt8>
        let bytesPerRow: Int
        let kernels: Kernels

        @inline(__always)
        func splat(x: Double, y: Double, sigma: Double, strength: Float, b: Float, g: Float, r: Float) {
            guard let (x0, x1, y0, y1) = kernels.window(x: x - 0.5, y: y - 0.5, sigma: sigma, spread: 2.6) else { return }
            let (kernelX, kernelY) = (kernels.x, kernels.y)
            for py in y0...y1 {
                let wy = kernelY[py - y0] * strength
                if wy < 0.002 { continue }
                var index = py * bytesPerRow + x0 * 4
                for px in x0...x1 {
                    // p + ⌊light + ½⌋ is ⌊p + light + ½⌋ for a whole p: the light rounded once.
                    let w = kernelX[px - x0] * wy
                    pixels[index] = UInt8(min(255, Int(pixels[index]) + Int(b * w + 0.5)))
                    pixels[index + 1] = UInt8(min(255, Int(pixels[index + 1]) + Int(g * w + 0.5)))
                    pixels[index + 2] = UInt8(min(255, Int(pixels[index + 2]) + Int(r * w + 0.5)))
                    index += 4
                }
            }
        }
    }

    /// The quarter-resolution halo the dots add to, and the span of cells each row got.
    private struct Halo {
        let cells: UnsafeMutableBufferPointer<Float>
        let rowMin: UnsafeMutableBufferPointer<Int>
        let rowMax: UnsafeMutableBufferPointer<Int>
        let kernels: Kernels

        @inline(__always)
        func accumulate(x: Double, y: Double, sigma: Double, strength: Float, b: Float, g: Float, r: Float) {
            guard let (x0, x1, y0, y1) = kernels.window(x: x - 0.5, y: y - 0.5, sigma: sigma, spread: 2.5) else { return }
            let (kernelX, kernelY, width) = (kernels.x, kernels.y, kernels.width)
            for py in y0...y1 {
                rowMin[py] = min(rowMin[py], x0)
                rowMax[py] = max(rowMax[py], x1)
                let wy = kernelY[py - y0] * strength
                var index = (py * width + x0) * 3
                for px in x0...x1 {
                    let w = kernelX[px - x0] * wy
                    cells[index] += b * w
                    cells[index + 1] += g * w
                    cells[index + 2] += r * w
                    index += 3
                }
            }
        }
    }

    /// Adds the quarter-resolution halo, bilinearly upsampled, to every pixel it reaches
    /// (pixels under halo cells no dot touched would get exactly 0 and are skipped).
    ///
    /// Each output row first mixes its two halo rows once (`mixed`), so a pixel needs one
    /// horizontal interpolation per channel instead of three interpolations.
    private mutating func blendHalo(_ pixels: UnsafeMutableBufferPointer<UInt8>, bytesPerRow: Int) {
        let scale = Float(haloScale)
        let knee: Float = 70
        let (haloWidth, haloHeight, width, height, haloScale) = (haloWidth, haloHeight, width, height, haloScale)
        let (rowMin, rowMax) = (rowMin, rowMax)
        halo.withUnsafeBufferPointer { halo in
            mixed.withUnsafeMutableBufferPointer { mixed in
                columnLeft.withUnsafeBufferPointer { columnLeft in
                    columnRight.withUnsafeBufferPointer { columnRight in
                        columnWeight.withUnsafeBufferPointer { columnWeight in
                            // Bounds: halo rows iy, iy1 < haloHeight and cells lo-1...hi+1 are
                            // clamped to 0..<haloWidth; pixel columns start...end to 0..<width.
                            for py in 0..<height {
                                let fy = (Float(py) + 0.5) / scale - 0.5
                                let iy = max(0, Int(fy.rounded(.down)))
                                let ty = max(0, fy - Float(iy))
                                let iy1 = min(iy + 1, haloHeight - 1)
                                let hi = max(rowMax[iy], rowMax[iy1])
                                guard hi >= 0 else { continue }
                                let lo = min(rowMin[iy], rowMin[iy1])
                                // Columns whose left or right cell lies in lo...hi.
                                let start = max(0, (lo - 1) * haloScale)
                                let end = min(width - 1, (hi + 1) * haloScale + haloScale - 1)
                                guard start <= end else { continue }
                                let row0 = iy * haloWidth * 3
                                let row1 = iy1 * haloWidth * 3
                                let firstCell = max(0, lo - 1), lastCell = min(haloWidth - 1, hi + 2)
                                for i in (firstCell * 3)..<((lastCell + 1) * 3) {
                                    mixed[i] = halo[row0 + i] * (1 - ty) + halo[row1 + i] * ty
                                }
                                var index = py * bytesPerRow + start * 4
                                for px in start...end {
                                    let left = columnLeft[px] * 3, right = columnRight[px] * 3, tx = columnWeight[px]
                                    for c in 0..<3 {
                                        let value = mixed[left + c] * (1 - tx) + mixed[right + c] * tx
                                        if value > 0.5 {
                                            // Soft knee: dense dust glows but its bloom never burns to white.
                                            let light = value < 40 ? value : knee * (1 - exp(-(value - 40) / knee)) + 40
                                            pixels[index + c] = UInt8(min(255, Float(pixels[index + c]) + light))
                                        }
                                    }
                                    index += 4
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
