import Foundation

/// How a star sways around its rest position: one sine per axis.
///
/// Frequencies are whole multiples of the sky's drift period, so the motion repeats exactly
/// every period and a loop video of that length is seamless.
public struct SkyDrift: Codable, Sendable, Equatable, Hashable {
    /// Horizontal amplitude, as a fraction of the sky's width.
    public var ax: Double
    /// Vertical amplitude, as a fraction of the sky's height.
    public var ay: Double
    /// Horizontal frequency: whole cycles per drift period (1 or 2).
    public var fx: Int
    /// Vertical frequency: whole cycles per drift period (1 or 2).
    public var fy: Int
    /// Horizontal phase in radians (0…2π).
    public var px: Double
    /// Vertical phase in radians (0…2π).
    public var py: Double

    /// Creates a drift from its six numbers.
    public init(ax: Double, ay: Double, fx: Int, fy: Int, px: Double, py: Double) {
        self.ax = ax
        self.ay = ay
        self.fx = fx
        self.fy = fy
        self.px = px
        self.py = py
    }

    /// The offset from rest at `t` seconds (since the Unix epoch) for a loop of `period` seconds.
    ///
    /// Implements the contract formula `ax * sin(2π * fx * t / P + px)` (and likewise for y).
    /// `t` is first reduced modulo `period`, which changes nothing mathematically (fx, fy are
    /// integers) but keeps full precision for epoch-sized times.
    public func offset(at t: Double, period: Double) -> (dx: Double, dy: Double) {
        var phase = t.truncatingRemainder(dividingBy: period)
        if phase < 0 { phase += period }
        let turn = 2 * Double.pi * phase / period
        return (ax * sin(turn * Double(fx) + px), ay * sin(turn * Double(fy) + py))
    }
}
