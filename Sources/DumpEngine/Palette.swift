/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Hashable, Codable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }
}

/// The colours of Dump It!: the night sky and the mint dust.
public enum Palette {
    /// The night sky behind everything, #0a0a12.
    public static let night = RGB(10, 10, 18)
    /// Mint (100,255,218): the signature dust colour.
    public static let mint = RGB(100, 255, 218)
    /// Deeper mint (78,204,163).
    public static let deepMint = RGB(78, 204, 163)
    /// Light aqua (128,222,234).
    public static let aqua = RGB(128, 222, 234)
    /// White.
    public static let white = RGB(255, 255, 255)
    /// The dust colours, in the order particles index them.
    public static let dust: [RGB] = [mint, deepMint, aqua, white]
}
