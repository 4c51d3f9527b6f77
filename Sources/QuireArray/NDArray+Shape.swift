import QuireSupport

/// Reshaping, transposing and joining. `reshape` and `flatten` share the buffer (copy-on-write);
/// `transpose`, `concatenate` and `stack` make new buffers.
extension NDArray {
    /// The same elements under `newShape`; one dimension may be -1 and is then inferred.
    public func reshape(_ newShape: [Int]) throws(ArrayError) -> NDArray {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else { throw .badReshape(from: shape, to: newShape) }
        var resolved = newShape
        if let u = unknown.first {
            let others = newShape.enumerated().filter { $0.offset != u }.map(\.element)
            guard let known = Memory.elementCount(others), known > 0, count % known == 0 else {
                throw .badReshape(from: shape, to: newShape)
            }
            resolved[u] = count / known
        }
        guard let result = reshaped(resolved) else { throw .badReshape(from: shape, to: newShape) }
        return result
    }

    /// The elements as one dimension, in row-major order.
    public func flatten() -> NDArray { reshaped([count])! }

    /// The axes permuted: `axes[i]` is the old axis that becomes axis i; nil reverses them.
    public func transpose(_ axes: [Int]? = nil) throws(ArrayError) -> NDArray {
        let order = axes ?? Array((0..<ndim).reversed())
        var normalized: [Int] = []
        for a in order {
            guard a >= -ndim && a < ndim else { throw .badAxis(axis: a, ndim: ndim) }
            normalized.append(a < 0 ? a + ndim : a)
        }
        guard normalized.count == ndim, Set(normalized).count == ndim else { throw .badPermutation(axes: order, ndim: ndim) }
        let strides = self.strides
        let newShape = normalized.map { shape[$0] }
        try NDArray.reserve(newShape, dtype)
        let offsets = normalized.map { axis in (0..<shape[axis]).map { $0 * strides[axis] } }
        func move<T: ArrayElement>(_ v: [T]) -> NDArray {
            if ndim == 2 && normalized == [1, 0] {
                return NDArray(shape: newShape, values: transposed2D(v, rows: shape[0], columns: shape[1]))
            }
            return NDArray(shape: newShape, values: gather(v, offsets))
        }
        switch storage {
        case .bool(let v): return move(v)
        case .uint8(let v): return move(v)
        case .int64(let v): return move(v)
        case .float32(let v): return move(v)
        case .float64(let v): return move(v)
        }
    }

    /// Joins arrays along an existing axis; shapes must agree elsewhere. The dtype is promoted.
    public static func concatenate(_ arrays: [NDArray], axis: Int = 0) throws(ArrayError) -> NDArray {
        guard let first = arrays.first else { throw .nothingToJoin(operation: "concatenate") }
        guard first.ndim > 0 else { throw .wrongDimensions(operation: "concatenate", expected: "at least 1", got: 0) }
        let a = try first.normalizedAxis(axis)
        for x in arrays where x.ndim != first.ndim || !x.shape.indices.allSatisfy({ $0 == a || x.shape[$0] == first.shape[$0] }) {
            _ = x
            throw .joinShapeMismatch(operation: "concatenate", shapes: arrays.map(\.shape))
        }
        let type = arrays.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        var shape = first.shape
        var joined = 0
        for x in arrays {
            let (sum, overflow) = joined.addingReportingOverflow(x.shape[a])
            // Only empty arrays can be this long: their lengths along the axis add past Int.max.
            guard !overflow else {
                let length = arrays.reduce(0.0) { $0 + Double($1.shape[a]) }
                throw .size(.tooLarge(.array(shape: shape), bytes: length * Double(type.itemSize)))
            }
            joined = sum
        }
        shape[a] = joined
        try reserve(shape, type)
        let outer = first.shape[..<a].reduce(1, *)
        let parts = arrays.map { $0.astype(type) }
        func join<T: ArrayElement>(_ t: T.Type) -> NDArray {
            let buffers = parts.map { $0.values(T.self) }
            let blocks = parts.map { $0.shape[a...].reduce(1, *) }
            var out: [T] = []
            out.reserveCapacity(shape.reduce(1, *))
            for o in 0..<outer {
                for (buffer, block) in zip(buffers, blocks) { out.append(contentsOf: buffer[o * block..<(o + 1) * block]) }
            }
            return NDArray(shape: shape, values: out)
        }
        switch type {
        case .bool: return join(Bool.self)
        case .uint8: return join(UInt8.self)
        case .int64: return join(Int64.self)
        case .float32: return join(Float.self)
        case .float64: return join(Double.self)
        }
    }

    /// Joins arrays of one shape along a new axis.
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws(ArrayError) -> NDArray {
        guard let first = arrays.first else { throw .nothingToJoin(operation: "stack") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw .joinShapeMismatch(operation: "stack", shapes: arrays.map(\.shape))
        }
        let ndim = first.ndim + 1
        guard axis >= -ndim && axis < ndim else { throw .badAxis(axis: axis, ndim: ndim) }
        let a = axis < 0 ? axis + ndim : axis
        var expanded = first.shape
        expanded.insert(1, at: a)
        return try concatenate(arrays.map { $0.reshaped(expanded)! }, axis: a)
    }
}

extension NDArray {
    /// The sub-arrays along the first axis, each a copy (what `for row in a` visits).
    public func rows() throws(ArrayError) -> [NDArray] {
        guard let n = shape.first else { throw .wrongDimensions(operation: "rows", expected: "at least 1", got: 0) }
        let rowShape = Array(shape.dropFirst())
        let block = rowShape.reduce(1, *)
        func split<T: ArrayElement>(_ v: [T]) -> [NDArray] {
            (0..<n).map { NDArray(shape: rowShape, values: Array(v[$0 * block..<($0 + 1) * block])) }
        }
        switch storage {
        case .bool(let v): return split(v)
        case .uint8(let v): return split(v)
        case .int64(let v): return split(v)
        case .float32(let v): return split(v)
        case .float64(let v): return split(v)
        }
    }
}

/// Tiles of this many rows and columns fit in the cache on both sides of a transpose.
private let transposeTile = 32

/// A row-major `rows` x `columns` matrix transposed, tile by tile so that reads and writes both
/// stay within cached lines.
private func transposed2D<T>(_ source: [T], rows: Int, columns: Int) -> [T] {
    source.withUnsafeBufferPointer { p in
        makeBuffer(rows * columns) { out in
            for r0 in stride(from: 0, to: rows, by: transposeTile) {
                let r1 = Swift.min(r0 + transposeTile, rows)
                for c0 in stride(from: 0, to: columns, by: transposeTile) {
                    let c1 = Swift.min(c0 + transposeTile, columns)
                    for r in r0..<r1 {
                        for c in c0..<c1 { out[c * rows + r] = p[r * columns + c] }
                    }
                }
            }
        }
    }
}
