/// The element-wise math functions numpy tutorials use.
public enum MathFunction: String, Sendable, CaseIterable {
    case sqrt, exp, log, degrees, radians
}

extension NDArray {
    /// A float function of every element; integers and bools compute in `dtype.floatResult`.
    public func math(_ function: MathFunction) -> NDArray {
        let x = astype(dtype.floatResult)
        switch x.storage {
        case .float32(let v): return NDArray(shape: shape, values: Self.apply(function, v))
        case .float64(let v): return NDArray(shape: shape, values: Self.apply(function, v))
        default: preconditionFailure("floatResult is a float dtype")
        }
    }

    private static func apply<T: FloatArithmetic>(_ function: MathFunction, _ v: [T]) -> [T] {
        switch function {
        case .sqrt: return v.map(T.sqrt)
        case .exp: return v.map(T.exp)
        case .log: return v.map(T.log)
        // numpy multiplies by 180/pi (or pi/180) computed in the element's own precision
        // (`180.0f / NPY_PIf` for float32), which is not float32(180/pi).
        case .degrees:
            let k = T(180) / T(Double.pi)
            return v.map { $0 * k }
        case .radians:
            let k = T(Double.pi) / T(180)
            return v.map { $0 * k }
        }
    }

    /// |a|, keeping the dtype (abs of int64's minimum wraps to itself, as numpy).
    public func absolute() -> NDArray {
        switch storage {
        case .bool, .uint8: self
        case .int64(let v): NDArray(shape: shape, values: v.map(Int64.absolute))
        case .float32(let v): NDArray(shape: shape, values: v.map(Float.absolute))
        case .float64(let v): NDArray(shape: shape, values: v.map(Double.absolute))
        }
    }

    /// numpy's `round(a, decimals)`: half to even, by scaling with 10^decimals. Integer arrays
    /// are unchanged for decimals >= 0; otherwise they round in float64 and convert back.
    public func rounded(decimals: Int = 0) throws(ArrayError) -> NDArray {
        switch storage {
        case .bool: throw .unsupported(operation: "round", dtype: .bool)
        case .float32(let v): return NDArray(shape: shape, values: Self.round(v, decimals))
        case .float64(let v): return NDArray(shape: shape, values: Self.round(v, decimals))
        case .uint8, .int64:
            if decimals >= 0 { return self }
            return NDArray(shape: shape, values: Self.round(astype(.float64).values(Double.self), decimals)).astype(dtype)
        }
    }

    private static func round<T: FloatArithmetic>(_ v: [T], _ decimals: Int) -> [T] {
        if decimals == 0 { return v.map(T.rint) }
        // magnitude, not abs: abs(Int.min) traps. Past 10**308 the factor is infinite: then
        // every float already has fewer decimals (kept as is), or rounds to a signed zero.
        var factor = 1.0
        for _ in 0..<Swift.min(decimals.magnitude, 400) { factor *= 10 }
        let f = T(factor)
        if decimals > 0 { return f.isFinite ? v.map { T.rint($0 * f) / f } : v }
        return f.isFinite ? v.map { T.rint($0 / f) * f } : v.map { $0 * 0 }
    }

    /// `hypot(a, b)` element-wise with broadcasting, in float.
    public static func hypot(_ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        try floatBinary(a, b, Float.hypot, Double.hypot)
    }

    /// `atan2(y, x)` element-wise with broadcasting, in float (radians).
    public static func atan2(_ y: Operand, _ x: Operand) throws(ArrayError) -> NDArray {
        try floatBinary(y, x, Float.atan2, Double.atan2)
    }

    private static func floatBinary(
        _ a: Operand, _ b: Operand, _ f32: (Float, Float) -> Float, _ f64: (Double, Double) -> Double
    ) throws(ArrayError) -> NDArray {
        let outShape = try broadcastShape(a.shape, b.shape)
        let type = resultType(a, b).floatResult
        try reserve(outShape, type)
        let x = try a.materialize(as: type)
        let y = try b.materialize(as: type)
        if type == .float32 {
            return NDArray(
                shape: outShape, values: broadcastMap(x.values(Float.self), x.shape, y.values(Float.self), y.shape, outShape, f32))
        }
        return NDArray(shape: outShape, values: broadcastMap(x.values(Double.self), x.shape, y.values(Double.self), y.shape, outShape, f64))
    }

    /// `clip(a, lo, hi)`: `minimum(maximum(a, lo), hi)`, in the dtype promotion gives (a uint8
    /// array clipped with ints stays uint8); either bound may be nil.
    public static func clip(_ a: Operand, _ lo: Operand?, _ hi: Operand?) throws(ArrayError) -> NDArray {
        var result = a
        if let lo { result = .array(try arithmetic(.maximum, result, lo)) }
        if let hi { result = .array(try arithmetic(.minimum, result, hi)) }
        if case .array(let r) = result { return r }
        return try a.materialize(as: resultType(a, a))
    }

    /// `where(mask, a, b)`: elements of `a` where `mask` is true, else of `b`, broadcast together.
    public static func select(_ mask: Operand, _ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        let shape = try broadcastShape(broadcastShape(mask.shape, a.shape), b.shape)
        let type = resultType(a, b)
        try reserve(shape, type)
        let m = try mask.materialize(as: .bool).broadcast(to: shape).values(Bool.self)
        let x = try a.materialize(as: type).broadcast(to: shape)
        let y = try b.materialize(as: type).broadcast(to: shape)
        func pick<T: ArrayElement>(_ p: [T], _ q: [T]) -> NDArray {
            NDArray(shape: shape, values: (0..<m.count).map { m[$0] ? p[$0] : q[$0] })
        }
        switch type {
        case .bool: return pick(x.values(Bool.self), y.values(Bool.self))
        case .uint8: return pick(x.values(UInt8.self), y.values(UInt8.self))
        case .int64: return pick(x.values(Int64.self), y.values(Int64.self))
        case .float32: return pick(x.values(Float.self), y.values(Float.self))
        case .float64: return pick(x.values(Double.self), y.values(Double.self))
        }
    }
}
