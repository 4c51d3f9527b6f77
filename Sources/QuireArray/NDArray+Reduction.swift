import QuireSupport
/// Reductions over all elements (`axis: nil`, giving a 0-d array) or along one axis.
///
/// Dtypes as numpy: sum of bools and integers is int64 (wrapping), of floats keeps the float
/// dtype; mean, var and std of integers are float64, of float32 stay float32. Float sums use
/// numpy's pairwise order along a contiguous axis and row-by-row accumulation across others.
extension NDArray {
    /// An axis in `-ndim..<ndim`, made non-negative.
    public func normalizedAxis(_ axis: Int) throws(ArrayError) -> Int {
        guard axis >= -ndim && axis < ndim else { throw .badAxis(axis: axis, ndim: ndim) }
        return axis < 0 ? axis + ndim : axis
    }

    /// The reduction's layout: `outer` blocks of `length` steps `inner` apart, and the result shape.
    private func layout(_ axis: Int?) throws(ArrayError) -> (outer: Int, length: Int, inner: Int, shape: [Int]) {
        guard let axis else { return (1, count, 1, []) }
        let a = try normalizedAxis(axis)
        var out = shape
        out.remove(at: a)
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *), out)
    }

    /// The sum of the elements, or along `axis`.
    public func sum(axis: Int? = nil) throws(ArrayError) -> NDArray {
        let l = try layout(axis)
        switch storage {
        case .bool: return astype(.uint8).integerSum(l)
        case .uint8(let v): return Self.integerSum(v, l)
        case .int64(let v): return Self.integerSum(v, l)
        case .float32(let v): return NDArray(shape: l.shape, values: Self.floatSum(v, l))
        case .float64(let v): return NDArray(shape: l.shape, values: Self.floatSum(v, l))
        }
    }

    private func integerSum(_ l: (outer: Int, length: Int, inner: Int, shape: [Int])) -> NDArray {
        switch storage {
        case .uint8(let v): Self.integerSum(v, l)
        default: preconditionFailure("integerSum of \(dtype)")
        }
    }

    private static func integerSum<T: FixedWidthInteger>(_ v: [T], _ l: (outer: Int, length: Int, inner: Int, shape: [Int])) -> NDArray {
        var out = [Int64](repeating: 0, count: l.outer * l.inner)
        v.withUnsafeBufferPointer { p in
            if l.inner == 1 {
                for o in 0..<l.outer {
                    var total: Int64 = 0
                    for k in o * l.length..<(o + 1) * l.length { total &+= Int64(truncatingIfNeeded: p[k]) }
                    out[o] = total
                }
                return
            }
            for o in 0..<l.outer {
                for k in 0..<l.length {
                    let base = (o * l.length + k) * l.inner
                    for i in 0..<l.inner { out[o * l.inner + i] &+= Int64(truncatingIfNeeded: p[base + i]) }
                }
            }
        }
        return NDArray(shape: l.shape, int64: out)
    }

    private static func floatSum<T: FloatArithmetic>(_ v: [T], _ l: (outer: Int, length: Int, inner: Int, shape: [Int])) -> [T] {
        v.withUnsafeBufferPointer { p in
            if l.inner == 1 {
                return (0..<l.outer).map { o in PairwiseSum.numpyTotal(p, o * l.length, l.length) }
            }
            var out = [T](repeating: 0, count: l.outer * l.inner)
            for o in 0..<l.outer {
                for k in 0..<l.length {
                    let base = (o * l.length + k) * l.inner
                    for i in 0..<l.inner { out[o * l.inner + i] += p[base + i] }
                }
            }
            return out
        }
    }

    /// The mean: the sum divided by the count (NaN for no elements).
    public func mean(axis: Int? = nil) throws(ArrayError) -> NDArray {
        let l = try layout(axis)
        let total = try sum(axis: axis)
        let type: DType = dtype == .float32 ? .float32 : .float64
        return try Self.arithmetic(.divide, .array(total.astype(type)), .scalar(.int(Int64(l.length))))
    }

    /// The variance, `sum((x - mean)^2) / (n - ddof)`, computed as numpy does (two passes).
    public func variance(axis: Int? = nil, ddof: Int = 0) throws(ArrayError) -> NDArray {
        let l = try layout(axis)
        let x = astype(dtype == .float32 ? .float32 : .float64)
        var m = try x.mean(axis: axis)
        if let axis {
            var kept = shape
            kept[try normalizedAxis(axis)] = 1
            m = m.reshaped(kept)!
        }
        var squares = try x - m
        squares.squareInPlace()
        let divisor = Int64(Swift.max(l.length - ddof, 0))
        return try Self.arithmetic(.divide, .array(squares.sum(axis: axis)), .scalar(.int(divisor)))
    }

    /// The standard deviation: the square root of `variance`.
    public func standardDeviation(axis: Int? = nil, ddof: Int = 0) throws(ArrayError) -> NDArray {
        try variance(axis: axis, ddof: ddof).math(.sqrt)
    }

    /// The largest element, or along `axis`; NaN if any element is NaN.
    public func max(axis: Int? = nil) throws(ArrayError) -> NDArray { try extreme(axis, "maximum", largest: true) }

    /// The smallest element, or along `axis`; NaN if any element is NaN.
    public func min(axis: Int? = nil) throws(ArrayError) -> NDArray { try extreme(axis, "minimum", largest: false) }

    private func extreme(_ axis: Int?, _ name: String, largest: Bool) throws(ArrayError) -> NDArray {
        let l = try layout(axis)
        guard l.length > 0 || l.outer * l.inner == 0 else { throw .emptyReduction(operation: name) }
        switch storage {
        case .bool: return try astype(.uint8).extreme(axis, name, largest: largest).astype(.bool)
        // Each branch names its function, so that the fold is specialised with it inlined.
        case .uint8(let v):
            return NDArray(shape: l.shape, values: largest ? Self.fold(v, l, UInt8.maximum) : Self.fold(v, l, UInt8.minimum))
        case .int64(let v):
            return NDArray(shape: l.shape, values: largest ? Self.fold(v, l, Int64.maximum) : Self.fold(v, l, Int64.minimum))
        case .float32(let v):
            return NDArray(shape: l.shape, values: largest ? Self.fold(v, l, Float.maximum) : Self.fold(v, l, Float.minimum))
        case .float64(let v):
            return NDArray(shape: l.shape, values: largest ? Self.fold(v, l, Double.maximum) : Self.fold(v, l, Double.minimum))
        }
    }

    @inline(__always)
    private static func fold<T>(_ v: [T], _ l: (outer: Int, length: Int, inner: Int, shape: [Int]), _ f: (T, T) -> T) -> [T] {
        guard l.length > 0 else { return [] }
        var out = [T]()
        out.reserveCapacity(l.outer * l.inner)
        v.withUnsafeBufferPointer { p in
            for o in 0..<l.outer {
                let first = o * l.length * l.inner
                out.append(contentsOf: p[first..<first + l.inner])
                for k in 1..<l.length {
                    let base = first + k * l.inner
                    for i in 0..<l.inner { out[o * l.inner + i] = f(out[o * l.inner + i], p[base + i]) }
                }
            }
        }
        return out
    }

    /// The position of the largest element (in the flattened array, or along `axis`); the first
    /// one on ties, and the first NaN if there is one.
    public func argmax(axis: Int? = nil) throws(ArrayError) -> NDArray { try argExtreme(axis, "argmax", largest: true) }

    /// The position of the smallest element; the first on ties, and the first NaN if any.
    public func argmin(axis: Int? = nil) throws(ArrayError) -> NDArray { try argExtreme(axis, "argmin", largest: false) }

    private func argExtreme(_ axis: Int?, _ name: String, largest: Bool) throws(ArrayError) -> NDArray {
        let l = try layout(axis)
        guard l.length > 0 || l.outer * l.inner == 0 else { throw .emptyReduction(operation: name) }
        let x = dtype == .bool ? astype(.uint8) : self
        let positions: [Int64]
        switch x.storage {
        case .uint8(let v): positions = Self.argFold(v, l, largest, isNaN: { _ in false })
        case .int64(let v): positions = Self.argFold(v, l, largest, isNaN: { _ in false })
        case .float32(let v): positions = Self.argFold(v, l, largest, isNaN: { $0.isNaN })
        case .float64(let v): positions = Self.argFold(v, l, largest, isNaN: { $0.isNaN })
        case .bool: preconditionFailure("bools were converted")
        }
        return NDArray(shape: l.shape, int64: positions)
    }

    private static func argFold<T: Comparable>(
        _ v: [T], _ l: (outer: Int, length: Int, inner: Int, shape: [Int]), _ largest: Bool, isNaN: (T) -> Bool
    ) -> [Int64] {
        guard l.length > 0 else { return [] }
        var out = [Int64](repeating: 0, count: l.outer * l.inner)
        v.withUnsafeBufferPointer { p in
            for o in 0..<l.outer {
                for i in 0..<l.inner {
                    let start = o * l.length * l.inner + i
                    var best = p[start]
                    var bestK = 0
                    if isNaN(best) { continue }
                    for k in 1..<l.length {
                        let x = p[start + k * l.inner]
                        if isNaN(x) {
                            bestK = k
                            break
                        }
                        if largest ? x > best : x < best {
                            best = x
                            bestK = k
                        }
                    }
                    out[o * l.inner + i] = Int64(bestK)
                }
            }
        }
        return out
    }
}

extension NDArray {
    /// Squares every element of a float array in place (numpy's `multiply(x, x, out=x)`), which
    /// saves `var` and `std` a second full-size buffer.
    fileprivate mutating func squareInPlace() {
        switch storage {
        case .float32(var v):
            storage = .bool([])
            v.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= p[i] } }
            storage = .float32(v)
        case .float64(var v):
            storage = .bool([])
            v.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= p[i] } }
            storage = .float64(v)
        default: preconditionFailure("variance squares floats")
        }
    }
}
