import Foundation

/// A tiny seeded random number generator (SplitMix64) whose sequence we own.
///
/// Swift does not promise that `random(in:using:)` keeps its algorithm across releases, so
/// every derived number (unit doubles, ranges) is computed here from the raw 64-bit outputs.
/// The same arithmetic is easy to reproduce in JavaScript with BigInt if the page needs it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next raw 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1) built from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A double in `range` (lower bound inclusive, upper exclusive).
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// An integer in `0..<bound` (bound > 0), by multiply-shift (tiny bias is acceptable here).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let product = next().multipliedFullWidth(by: UInt64(bound))
        return Int(product.high)
    }

    /// A standard normal sample (Box–Muller), for jitter that clusters near zero.
    public mutating func gaussian() -> Double {
        let u1 = max(unit(), 0x1.0p-53)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// Stable 64-bit hash (FNV-1a, one step per value) of bytes or other unsigned values, for
/// seeds derived from ids and texts and for feature keys.
///
/// `Hasher` is randomly seeded per process, so it cannot be used for anything that must be
/// reproducible across runs.
public func stableHash<S: Sequence>(_ values: S, seed: UInt64 = 0) -> UInt64
where S.Element: FixedWidthInteger & UnsignedInteger {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
    for value in values {
        hash ^= UInt64(value)
        hash &*= 0x0000_0100_0000_01B3
    }
    // Final avalanche so that short inputs still spread over all bits.
    var mixer = SplitMix64(seed: hash)
    return mixer.next()
}

/// `value` as 16 lowercase hex digits, zeros first (the digits of star and constellation ids).
public func hexDigits16(_ value: UInt64) -> String {
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// Stable 64-bit hash of a string's UTF-8 bytes.
public func stableHash(_ text: String, seed: UInt64 = 0) -> UInt64 {
    stableHash(text.utf8, seed: seed)
}
