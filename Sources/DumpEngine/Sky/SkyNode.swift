import Foundation

/// One star of the sky: every live worry sharing the same normalised words.
public struct SkyNode: Codable, Sendable, Equatable, Hashable {
    /// "n" + 16 hex digits of the stable hash of the normalised text under the sky seed;
    /// never a worry id.
    public var id: String
    /// The words of the earliest worry of the group, as typed.
    public var text: String
    /// How many live worries share these words; the star's weight.
    public var count: Int
    /// Rest position, as a fraction of the sky's width (0…1).
    public var x: Double
    /// Rest position, as a fraction of the sky's height (0…1).
    public var y: Double
    /// Star radius as a fraction of min(width, height).
    public var radius: Double
    /// One of `SkyPalette.colors` ("#64ffda", "#4ecca3", "#80deea", "#ffffff").
    public var color: String
    /// Whether this star carries a text label (bright enough, and its label box is free).
    public var label: Bool
    /// How the star sways around its rest position.
    public var drift: SkyDrift
    /// Index into `SkyLayout.constellations` of the constellation this star belongs to, if any.
    public var constellation: Int?
    /// Where the label sits around the star when it is not under it (nil: under it, the usual
    /// place); the labeller tries under, above, right and left in that order.
    public var labelAt: SkyLabel.Place?

    /// Creates a star from all its fields.
    public init(
        id: String, text: String, count: Int, x: Double, y: Double,
        radius: Double, color: String, label: Bool, drift: SkyDrift, constellation: Int? = nil,
        labelAt: SkyLabel.Place? = nil
    ) {
        self.id = id
        self.text = text
        self.count = count
        self.x = x
        self.y = y
        self.radius = radius
        self.color = color
        self.label = label
        self.drift = drift
        self.constellation = constellation
        self.labelAt = labelAt
    }

    /// Where the star is at `t` seconds since the Unix epoch, for a loop of `period` seconds.
    ///
    /// `x(t) = x + ax*sin(2π*fx*t/P + px)`, `y(t) = y + ay*sin(2π*fy*t/P + py)`: the one
    /// formula shared by the server's painters and the page.
    public func position(at t: Double, period: Double = SkyLayout.standardDriftPeriod) -> (x: Double, y: Double) {
        let offset = drift.offset(at: t, period: period)
        return (x + offset.dx, y + offset.dy)
    }
}
