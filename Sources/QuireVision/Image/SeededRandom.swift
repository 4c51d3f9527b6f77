import Foundation

/// A small seeded generator (SplitMix64) so that noise and augmentation repeat for a seed.
/// It is not numpy's stream: the same seed gives the same image in Quire, not in Python.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A seed from the system's generator, for calls without `seed=`.
    static func unseeded() -> SeededRandom { SeededRandom(seed: UInt64.random(in: 0...UInt64.max)) }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal sample (Box-Muller).
    mutating func normal() -> Double {
        let u1 = max(uniform(), Double.leastNonzeroMagnitude), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
