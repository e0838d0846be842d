import Foundation

/// A smooth, seeded 2-D value noise and the divergence-free wind derived from it.
///
/// The wind is the curl of the noise potential ψ: v = (∂ψ/∂y, −∂ψ/∂x). A curl field has no
/// sources or sinks, so dust swirls and streams instead of bunching up or thinning out.
/// Derivatives are analytic (quintic interpolation), so one lookup gives the whole velocity.
public struct CurlNoise: Sendable {
    private let gradients: [Double]
    private static let size = 256

    /// A noise field fixed by `seed`.
    public init(seed: UInt64) {
        var random = SplitMix64(seed: seed ^ 0xC0FF_EE00_D05E_0001)
        gradients = (0..<(Self.size * Self.size)).map { _ in random.unit() * 2 - 1 }
    }

    @inline(__always)
    private func lattice(_ x: Int, _ y: Int) -> Double {
        gradients[(y & (Self.size - 1)) * Self.size + (x & (Self.size - 1))]
    }

    /// ψ and its partial derivatives at (x, y), in noise units.
    @inline(__always)
    public func potential(x: Double, y: Double) -> (value: Double, dx: Double, dy: Double) {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int(fx), iy = Int(fy)
        let tx = x - fx, ty = y - fy
        // Quintic fade and its derivative.
        let ux = tx * tx * tx * (tx * (tx * 6 - 15) + 10)
        let uy = ty * ty * ty * (ty * (ty * 6 - 15) + 10)
        let dux = 30 * tx * tx * (tx * (tx - 2) + 1)
        let duy = 30 * ty * ty * (ty * (ty - 2) + 1)
        let a = lattice(ix, iy), b = lattice(ix + 1, iy)
        let c = lattice(ix, iy + 1), d = lattice(ix + 1, iy + 1)
        let k1 = b - a, k2 = c - a, k3 = a - b - c + d
        let value = a + k1 * ux + k2 * uy + k3 * ux * uy
        return (value, (k1 + k3 * uy) * dux, (k2 + k3 * ux) * duy)
    }

    /// The divergence-free wind at (x, y) in noise units, two octaves.
    @inline(__always)
    public func wind(x: Double, y: Double) -> (vx: Double, vy: Double) {
        let p1 = potential(x: x, y: y)
        let p2 = potential(x: x * 2.03 + 17.1, y: y * 2.03 - 5.3)
        let dx = p1.dx + 0.5 * 2.03 * p2.dx
        let dy = p1.dy + 0.5 * 2.03 * p2.dy
        return (dy, -dx)
    }
}
