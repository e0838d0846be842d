import DumpEngine
import Foundation

/// How much each star gives way to its neighbours, so a sky of ten thousand stars still reads
/// as a cluster of points and not as one white blot.
///
/// Glows add up. Where stars crowd (the cluster's core), each star's disc shrinks towards the
/// local spacing and its halo dims by how many other halos overlap it. Measured in the sky's
/// own coordinates at rest, so the look is the same at every size and does not flicker as
/// stars drift; a sparse sky is drawn exactly at the layout's radii.
struct StarLook: Equatable {
    /// Multiplies the star's radius (0.25…1).
    var size: Double
    /// Multiplies the halo's opacity (1/16…1); the white core always keeps full strength.
    var halo: Double

    /// A star drawn as the layout says.
    static let plain = StarLook(size: 1, halo: 1)
}

enum SkyCrowding {
    /// Side of a density cell, in units of the sky's height (x measured on the 16:9 canvas).
    static let cell: Double = 0.025
    /// A disc may take up to this share of the spacing between neighbours (as a radius).
    static let spacingShare: Double = 0.25
    /// Smallest size factor: the densest core still shows distinct points.
    static let minimumSize: Double = 0.25
    /// The halo's effective reach, in (shrunk) star radii, used to count overlapping halos.
    static let haloReach: Double = 3

    /// The look of each star at rest positions (`x`, `y` in 0…1) with `radius` (fractions of
    /// the sky's height), in order.
    static func looks(x: [Double], y: [Double], radius: [Double]) -> [StarLook] {
        let n = x.count
        guard n > 1 else { return [StarLook](repeating: .plain, count: n) }
        let aspect = SkyLayout.aspectRatio
        let columns = Int((aspect / cell).rounded(.up)) + 1
        let rows = Int((1 / cell).rounded(.up)) + 1
        func column(_ i: Int) -> Int { min(columns - 1, max(0, Int(x[i] * aspect / cell))) }
        func row(_ i: Int) -> Int { min(rows - 1, max(0, Int(y[i] / cell))) }
        var counts = [Int](repeating: 0, count: columns * rows)
        for i in 0..<n { counts[row(i) * columns + column(i)] += 1 }

        let neighbourhoodArea = 9 * cell * cell
        return (0..<n).map { i in
            let cx = column(i), cy = row(i)
            var total = 0
            for gy in max(0, cy - 1)...min(rows - 1, cy + 1) {
                for gx in max(0, cx - 1)...min(columns - 1, cx + 1) { total += counts[gy * columns + gx] }
            }
            // Stars per unit² around this one, itself excluded.
            let density = Double(total - 1) / neighbourhoodArea
            guard density > 0 else { return .plain }
            let spacing = 1 / density.squareRoot()
            let r = max(radius[i], 1e-6)
            let size = min(1, max(minimumSize, spacingShare * spacing / r))
            let reach = haloReach * size * r
            let overlapping = density * Double.pi * reach * reach
            let halo = max(1.0 / 16, 1 / (1 + overlapping))
            return StarLook(size: size, halo: halo)
        }
    }
}
