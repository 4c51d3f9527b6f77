import Foundation

/// The element types arithmetic runs on, with numpy's semantics for each operation:
/// integers wrap around on overflow and give 0 when divided by zero; floats follow IEEE 754,
/// with Python's floor division and remainder (the result takes the divisor's sign).
protocol ArithmeticElement: ArrayElement, Comparable {
    static func add(_ a: Self, _ b: Self) -> Self
    static func subtract(_ a: Self, _ b: Self) -> Self
    static func multiply(_ a: Self, _ b: Self) -> Self
    static func floorDivide(_ a: Self, _ b: Self) -> Self
    static func remainder(_ a: Self, _ b: Self) -> Self
    static func power(_ a: Self, _ b: Self) -> Self
    static func negate(_ a: Self) -> Self
    static func absolute(_ a: Self) -> Self
    /// numpy's maximum/minimum, which propagate NaN.
    static func maximum(_ a: Self, _ b: Self) -> Self
    static func minimum(_ a: Self, _ b: Self) -> Self
}

/// Integer arithmetic: wrapping, with numpy's results where C would trap.
protocol IntegerArithmetic: ArithmeticElement, FixedWidthInteger {}

extension IntegerArithmetic {
    @inline(__always) static func add(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func subtract(_ a: Self, _ b: Self) -> Self { a &- b }
    @inline(__always) static func multiply(_ a: Self, _ b: Self) -> Self { a &* b }
    @inline(__always) static func negate(_ a: Self) -> Self { 0 &- a }
    @inline(__always) static func maximum(_ a: Self, _ b: Self) -> Self { a < b ? b : a }
    @inline(__always) static func minimum(_ a: Self, _ b: Self) -> Self { a > b ? b : a }

    @inline(__always) static func floorDivide(_ a: Self, _ b: Self) -> Self {
        if b == 0 { return 0 }
        if Self.isSigned && b == ~Self.zero { return 0 &- a }  // MIN // -1 wraps to MIN, as numpy
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inline(__always) static func remainder(_ a: Self, _ b: Self) -> Self {
        if b == 0 { return 0 }
        if Self.isSigned && b == ~Self.zero { return 0 }
        let r = a % b
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }

    /// Exponentiation by squaring with wrapping products; negative exponents are refused earlier.
    @inline(__always) static func power(_ a: Self, _ b: Self) -> Self {
        var result: Self = 1
        var base = a
        var exponent = b
        while exponent > 0 {
            if exponent & 1 == 1 { result = result &* base }
            base = base &* base
            exponent >>= 1
        }
        return result
    }
}

extension UInt8: IntegerArithmetic {
    @inline(__always) static func absolute(_ a: UInt8) -> UInt8 { a }
}

extension Int64: IntegerArithmetic {
    /// abs(Int64.min) wraps to Int64.min, as numpy.
    @inline(__always) static func absolute(_ a: Int64) -> Int64 { a < 0 ? 0 &- a : a }
}

/// Float arithmetic in the element's own precision (float32 stays float32).
protocol FloatArithmetic: ArithmeticElement, BinaryFloatingPoint {
    static func pow(_ a: Self, _ b: Self) -> Self
    static func sqrt(_ a: Self) -> Self
    static func exp(_ a: Self) -> Self
    static func log(_ a: Self) -> Self
    static func hypot(_ a: Self, _ b: Self) -> Self
    static func atan2(_ y: Self, _ x: Self) -> Self
    static func rint(_ a: Self) -> Self
}

extension FloatArithmetic {
    @inline(__always) static func add(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func subtract(_ a: Self, _ b: Self) -> Self { a - b }
    @inline(__always) static func multiply(_ a: Self, _ b: Self) -> Self { a * b }
    @inline(__always) static func negate(_ a: Self) -> Self { -a }
    @inline(__always) static func absolute(_ a: Self) -> Self { Swift.abs(a) }
    @inline(__always) static func power(_ a: Self, _ b: Self) -> Self { pow(a, b) }
    @inline(__always) static func sqrt(_ a: Self) -> Self { a.squareRoot() }
    @inline(__always) static func rint(_ a: Self) -> Self { a.rounded(.toNearestOrEven) }

    @inline(__always) static func maximum(_ a: Self, _ b: Self) -> Self {
        a.isNaN || b.isNaN ? .nan : (a < b ? b : a)
    }

    @inline(__always) static func minimum(_ a: Self, _ b: Self) -> Self {
        a.isNaN || b.isNaN ? .nan : (a > b ? b : a)
    }

    /// numpy's `npy_divmod`: Python's floor division, snapped to the nearest integer.
    @inline(__always) static func floorDivide(_ a: Self, _ b: Self) -> Self {
        if b == 0 { return a / b }
        let mod = a.truncatingRemainder(dividingBy: b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div == 0 { return Self(signOf: a / b, magnitudeOf: 0) }
        var floored = div.rounded(.down)
        if div - floored > 0.5 { floored += 1 }
        return floored
    }

    /// numpy's `npy_remainder`: the result takes the divisor's sign.
    @inline(__always) static func remainder(_ a: Self, _ b: Self) -> Self {
        let mod = a.truncatingRemainder(dividingBy: b)
        if b == 0 { return mod }
        if mod != 0 { return (b < 0) != (mod < 0) ? mod + b : mod }
        return Self(signOf: b, magnitudeOf: 0)
    }
}

extension Float: FloatArithmetic {
    @inline(__always) static func pow(_ a: Float, _ b: Float) -> Float { Foundation.powf(a, b) }
    @inline(__always) static func exp(_ a: Float) -> Float { Foundation.expf(a) }
    @inline(__always) static func log(_ a: Float) -> Float { Foundation.logf(a) }
    @inline(__always) static func hypot(_ a: Float, _ b: Float) -> Float { Foundation.hypotf(a, b) }
    @inline(__always) static func atan2(_ y: Float, _ x: Float) -> Float { Foundation.atan2f(y, x) }
}

extension Double: FloatArithmetic {
    @inline(__always) static func pow(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
    @inline(__always) static func exp(_ a: Double) -> Double { Foundation.exp(a) }
    @inline(__always) static func log(_ a: Double) -> Double { Foundation.log(a) }
    @inline(__always) static func hypot(_ a: Double, _ b: Double) -> Double { Foundation.hypot(a, b) }
    @inline(__always) static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
}
