/// Arrays made from a shape or a range, as numpy's zeros, ones, full, arange and linspace.
extension NDArray {
    /// An array of `shape` with every element `value`, converted to `dtype`.
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType) throws(ArrayError) -> NDArray {
        try reserve(shape, dtype)
        let one = try Operand.scalar(value).materialize(as: Operand.scalar(value).castTarget(dtype)).astype(dtype)
        return try one.broadcast(to: shape)
    }

    /// Zeros of `shape`.
    public static func zeros(_ shape: [Int], dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try full(shape, .int(0), dtype: dtype)
    }

    /// Ones of `shape`.
    public static func ones(_ shape: [Int], dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try full(shape, .int(1), dtype: dtype)
    }

    /// The largest range arange will build, so a typo such as `arange(1e15)` is an error
    /// rather than an attempt to allocate petabytes.
    public static let maxRangeCount = 1 << 34

    /// `arange(start, stop, step)`: int64 when all three are ints, otherwise float64 computed as
    /// numpy does (`start + i * delta` with `delta = (start + step) - start`).
    public static func arange(_ start: Scalar, _ stop: Scalar, _ step: Scalar) throws(ArrayError) -> NDArray {
        let (a, b, s) = (start.doubleValue, stop.doubleValue, step.doubleValue)
        guard s != 0, a.isFinite, b.isFinite, s.isFinite else { throw .badRange(start: a, stop: b, step: s) }
        let length = Swift.max(0, ((b - a) / s).rounded(.up))
        guard length <= Double(maxRangeCount) else { throw .badRange(start: a, stop: b, step: s) }
        let n = Int(length)
        try reserve([n], .float64)
        if case .int(let i0) = start, case .int = stop, case .int(let di) = step {
            return NDArray(shape: [n], int64: makeBuffer(n) { out in forEachBlock(n) { out[$0] = i0 &+ Int64($0) &* di } })
        }
        let delta = (a + s) - a
        return NDArray(shape: [n], float64: makeBuffer(n) { out in forEachBlock(n) { out[$0] = a + Double($0) * delta } })
    }

    /// `linspace(start, stop, num, endpoint)`: `num` evenly spaced float64 values, computed as
    /// numpy does (`i * step + start`, the last set to `stop` exactly).
    public static func linspace(_ start: Double, _ stop: Double, num: Int, endpoint: Bool = true) throws(ArrayError) -> NDArray {
        guard num >= 0 else { throw .negativeDimension([num]) }
        try reserve([num], .float64)
        let divisions = endpoint ? num - 1 : num
        let delta = stop - start
        var values: [Double]
        if divisions > 0 {
            let step = delta / Double(divisions)
            if step == 0 {
                values = (0..<num).map { Double($0) / Double(divisions) * delta + start }
            } else {
                values = (0..<num).map { Double($0) * step + start }
            }
        } else {
            values = (0..<num).map { Double($0) * delta + start }
        }
        if endpoint && num > 1 { values[num - 1] = stop }
        return NDArray(shape: [num], float64: values)
    }
}
