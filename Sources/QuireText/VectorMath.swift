import Foundation

/// Float math eight lanes at a time (one AVX register), for the encoder's GELU and softmax,
/// where libm's scalar `erff` and `expf` took a fifth of the time. Accuracy: `exp` within 2 ulp
/// (Cephes' polynomial), `erf` within 1.5e-7 absolute (Abramowitz and Stegun 7.1.26, the form
/// PyTorch's vectorised erf uses).
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    /// e^x; inputs below -87.3 give about 1e-38 and above 88.3 about 2e38 (no infinities).
    @inline(__always) static func exp(_ x: Lanes) -> Lanes {
        let low = Lanes(repeating: -87.3), high = Lanes(repeating: 88.3)
        var x = x.replacing(with: low, where: x .< low)
        x.replace(with: high, where: x .> high)
        // n = round(x / ln 2): adding 1.5 * 2^23 rounds to an integer (to nearest, ties to even)
        // and leaves it in the low bits of the sum's mantissa, where 2^n is made from it.
        let magic = Lanes(repeating: 12_582_912)
        let shifted = x * 1.44269504088896341 + magic
        let n = shifted - magic
        // x - n ln 2 in two parts, so that the reduced argument keeps its precision.
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p = Lanes(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * (r * r) + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let exponent = (integer &+ 127) &<< 23
        return p * unsafeBitCast(exponent, to: Lanes.self)
    }

    /// The error function: its Maclaurin series below 0.6 in magnitude (where the formula
    /// below loses digits to cancellation), Abramowitz and Stegun 7.1.26 above.
    @inline(__always) static func erf(_ x: Lanes) -> Lanes {
        let a = x.replacing(with: -x, where: x .< 0)
        let t = 1 / (1 + 0.3275911 * a)
        var p = Lanes(repeating: 1.061405429)
        p = p * t + Lanes(repeating: -1.453152027)
        p = p * t + Lanes(repeating: 1.421413741)
        p = p * t + Lanes(repeating: -0.284496736)
        p = p * t + Lanes(repeating: 0.254829592)
        let far = Lanes(repeating: 1) - p * t * Self.exp(-a * a)
        // 2/sqrt(pi) (x - x^3/3 + x^5/10 - x^7/42 + x^9/216 - x^11/1320 + x^13/9360 - x^15/75600)
        let x2 = a * a
        var s = Lanes(repeating: -1.0 / 75600)
        s = s * x2 + Lanes(repeating: 1.0 / 9360)
        s = s * x2 + Lanes(repeating: -1.0 / 1320)
        s = s * x2 + Lanes(repeating: 1.0 / 216)
        s = s * x2 + Lanes(repeating: -1.0 / 42)
        s = s * x2 + Lanes(repeating: 1.0 / 10)
        s = s * x2 + Lanes(repeating: -1.0 / 3)
        s = s * x2 + Lanes(repeating: 1)
        let near = 1.1283791670955126 * a * s
        let y = far.replacing(with: near, where: a .< 0.6)
        return y.replacing(with: -y, where: x .< 0)
    }

    /// 0.5 x (1 + erf(x / sqrt 2)) over `count` values in place: BERT's exact GELU.
    static func gelu(_ p: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(p + i)
            let x = raw.loadUnaligned(as: Lanes.self)
            raw.storeBytes(of: 0.5 * x * (1 + erf(x * 0.70710678118654752440)), as: Lanes.self)
            i += 8
        }
        while i < count {
            p[i] = 0.5 * p[i] * (1 + erff(p[i] * 0.70710678118654752440))
            i += 1
        }
    }

    /// The dot product of `count` floats.
    @inline(__always) static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc = Lanes.zero
        var t = 0
        while t + 8 <= count {
            acc += UnsafeRawPointer(a + t).loadUnaligned(as: Lanes.self) * UnsafeRawPointer(b + t).loadUnaligned(as: Lanes.self)
            t += 8
        }
        var total = acc.sum()
        while t < count {
            total += a[t] * b[t]
            t += 1
        }
        return total
    }

    /// y += w x over `count` floats.
    @inline(__always) static func addScaled(_ y: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: Float, count: Int) {
        var t = 0
        while t + 8 <= count {
            let raw = UnsafeMutableRawPointer(y + t)
            raw.storeBytes(of: raw.loadUnaligned(as: Lanes.self) + w * UnsafeRawPointer(x + t).loadUnaligned(as: Lanes.self), as: Lanes.self)
            t += 8
        }
        while t < count {
            y[t] += w * x[t]
            t += 1
        }
    }

    /// e^(x - shift) for `count` values in place; returns their sum.
    @inline(__always) static func expShifted(_ x: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var sum = Lanes.zero
        var t = 0
        while t + 8 <= count {
            let raw = UnsafeMutableRawPointer(x + t)
            let e = Self.exp(raw.loadUnaligned(as: Lanes.self) - shift)
            raw.storeBytes(of: e, as: Lanes.self)
            sum += e
            t += 8
        }
        var total = sum.sum()
        while t < count {
            x[t] = expf(x[t] - shift)
            total += x[t]
            t += 1
        }
        return total
    }
}
