import Foundation
import Testing

@testable import QuireText

/// The eight-lane exp, erf and GELU against libm's scalar functions over their whole useful range.
struct VectorMathTests {
    /// Evenly spaced points of [lo, hi] in lanes of 8, the scalar function and the lanes' values.
    func compare(_ lo: Float, _ hi: Float, _ scalar: (Float) -> Float, _ lanes: (SIMD8<Float>) -> SIMD8<Float>) -> [(x: Float, want: Float, got: Float)] {
        let count = 80_000
        var out: [(Float, Float, Float)] = []
        for start in stride(from: 0, to: count, by: 8) {
            var v = SIMD8<Float>()
            for k in 0..<8 { v[k] = lo + (hi - lo) * Float(start + k) / Float(count - 1) }
            let r = lanes(v)
            for k in 0..<8 { out.append((v[k], scalar(v[k]), r[k])) }
        }
        return out
    }

    @Test func expIsWithinTwoUlpsOfLibm() {
        let worst = compare(-87, 88, expf, VectorMath.exp).max { abs($0.got - $0.want) / $0.want.ulp < abs($1.got - $1.want) / $1.want.ulp }!
        #expect(abs(worst.got - worst.want) <= 2 * worst.want.ulp, "exp(\(worst.x)): \(worst.got) against \(worst.want)")
        // Far below the range: a tiny positive number, never NaN or a negative.
        let tiny = VectorMath.exp(SIMD8<Float>(repeating: -1000))
        #expect(tiny[0] >= 0 && tiny[0] < 1e-37)
        #expect(VectorMath.exp(SIMD8<Float>(repeating: 0))[0] == 1)
    }

    /// The formula's own error is 1.5e-7; float rounding adds up to one ulp of 1.
    @Test func erfIsWithinThreeTenMillionthsOfLibm() {
        let worst = compare(-6, 6, erff, VectorMath.erf).max { abs($0.got - $0.want) < abs($1.got - $1.want) }!
        #expect(abs(worst.got - worst.want) <= 3e-7, "erf(\(worst.x)): \(worst.got) against \(worst.want)")
    }

    @Test func geluMatchesTheScalarFormIncludingTheTail() {
        var values = (0..<1003).map { Float($0 - 500) / 50 }
        let want = values.map { 0.5 * $0 * (1 + erff($0 * 0.70710678118654752440)) }
        values.withUnsafeMutableBufferPointer { VectorMath.gelu($0.baseAddress!, count: $0.count) }
        for (got, w) in zip(values, want) {
            #expect(abs(got - w) <= 2e-6 * max(1, abs(w)))
        }
    }

    @Test func dotAndSoftmaxPiecesMatchPlainLoops() {
        let a = (0..<37).map { Float($0) * 0.25 - 3 }, b = (0..<37).map { Float(($0 * 7) % 11) - 5 }
        let plain = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let got = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { VectorMath.dot(pa.baseAddress!, $0.baseAddress!, count: 37) } }
        #expect(abs(got - plain) <= 1e-4 * abs(plain))
        var scores = (0..<13).map { Float($0) / 3 }
        let total = scores.withUnsafeMutableBufferPointer { VectorMath.expShifted($0.baseAddress!, count: 13, shift: 4) }
        let want = (0..<13).map { expf(Float($0) / 3 - 4) }
        #expect(abs(total - want.reduce(0, +)) <= 1e-5)
        for (g, w) in zip(scores, want) { #expect(abs(g - w) <= 2 * w.ulp) }
    }
}
