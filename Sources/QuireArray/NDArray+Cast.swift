/// `astype`: conversions between dtypes, as numpy's C casts do them on x86-64.
///
/// Floats to integers truncate toward zero. Out of range, numpy's result is what the processor
/// gives: for int64, NaN, infinities and values beyond ±2^63 become -2^63; for uint8, in-range
/// values wrap modulo 256 through int64 (300.0 -> 44, -1.0 -> 255) and NaN or infinities give 0.
/// Integers to uint8 keep the low 8 bits (wrap modulo 256). Anything to bool is "not zero".
extension NDArray {
    /// The array converted to `dtype` (a new buffer unless the dtype is already `dtype`).
    public func astype(_ dtype: DType) -> NDArray {
        if dtype == self.dtype { return self }
        let converted: ArrayStorage
        switch dtype {
        case .bool: converted = .bool(castToBool())
        case .uint8: converted = .uint8(castToUInt8())
        case .int64: converted = .int64(castToInt64())
        case .float32: converted = .float32(castToFloat32())
        case .float64: converted = .float64(castToFloat64())
        }
        return NDArray(shape: shape, storage: converted)
    }

    private func castToBool() -> [Bool] {
        switch storage {
        case .bool(let v): v
        case .uint8(let v): v.map { $0 != 0 }
        case .int64(let v): v.map { $0 != 0 }
        case .float32(let v): v.map { $0 != 0 }
        case .float64(let v): v.map { $0 != 0 }
        }
    }

    private func castToUInt8() -> [UInt8] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .uint8(let v): v
        case .int64(let v): v.map { UInt8(truncatingIfNeeded: $0) }
        case .float32(let v): v.map { UInt8(truncatingIfNeeded: int64Cast(Double($0))) }
        case .float64(let v): v.map { UInt8(truncatingIfNeeded: int64Cast($0)) }
        }
    }

    private func castToInt64() -> [Int64] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .uint8(let v): v.map { Int64($0) }
        case .int64(let v): v
        case .float32(let v): v.map { int64Cast(Double($0)) }
        case .float64(let v): v.map { int64Cast($0) }
        }
    }

    private func castToFloat32() -> [Float] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .uint8(let v): v.map { Float($0) }
        case .int64(let v): v.map { Float($0) }
        case .float32(let v): v
        case .float64(let v): v.map { Float($0) }
        }
    }

    private func castToFloat64() -> [Double] {
        switch storage {
        case .bool(let v): v.map { $0 ? 1 : 0 }
        case .uint8(let v): v.map { Double($0) }
        case .int64(let v): v.map { Double($0) }
        case .float32(let v): v.map { Double($0) }
        case .float64(let v): v
        }
    }
}

/// The smallest Double that no longer fits an Int64 (2^63).
private let int64Limit = 9_223_372_036_854_775_808.0

/// x86-64's `cvttsd2si`: truncation toward zero, and -2^63 (the "integer indefinite" value)
/// for NaN, infinities and values out of range, which is what numpy shows there.
@inline(__always)
func int64Cast(_ x: Double) -> Int64 {
    guard x >= -int64Limit && x < int64Limit else { return Int64.min }
    return Int64(x)
}

extension NDArray {
    /// Converts numbers that came from Python literals (`array([1, 300], dtype="uint8")`) as
    /// numpy 2 does: an int that does not fit uint8 is an error rather than wrapping.
    public func convertingLiterals(to dtype: DType) throws(ArrayError) -> NDArray {
        if dtype == .uint8, case .int64(let v) = storage, let bad = v.first(where: { $0 < 0 || $0 > 255 }) {
            throw .scalarOutOfRange(value: bad, dtype: .uint8)
        }
        return astype(dtype)
    }
}
