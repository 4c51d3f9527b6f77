import QuireSupport

/// numpy's broadcasting: shapes are aligned from the right; a dimension of 1 stretches.
public func broadcastShape(_ a: [Int], _ b: [Int]) throws(ArrayError) -> [Int] {
    let n = max(a.count, b.count)
    var out = [Int](repeating: 1, count: n)
    for i in 0..<n {
        let x = i < n - a.count ? 1 : a[i - (n - a.count)]
        let y = i < n - b.count ? 1 : b[i - (n - b.count)]
        guard x == y || x == 1 || y == 1 else { throw .shapeMismatch(a, b) }
        out[i] = x == 1 ? y : x
    }
    return out
}

/// Row-major strides of `shape` laid into `outShape` (aligned right), 0 on stretched axes.
func broadcastStrides(_ shape: [Int], into outShape: [Int]) -> [Int] {
    let offset = outShape.count - shape.count
    var strides = [Int](repeating: 0, count: outShape.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i + offset] = shape[i] == 1 ? 0 : step
        step *= shape[i]
    }
    return strides
}

/// Walks the outer axes of `outShape` (all but the last) in row-major order, giving each
/// operand's offset at the start of every innermost row.
@inline(__always)
func forEachRow(_ outShape: [Int], _ strides: [[Int]], _ body: (_ row: Int, _ offsets: [Int]) -> Void) {
    let outer = outShape.dropLast().reduce(1, *)
    let axes = outShape.count - 1
    var counter = [Int](repeating: 0, count: max(axes, 0))
    var offsets = [Int](repeating: 0, count: strides.count)
    for row in 0..<outer {
        // A stopped kernel leaves the rest unwritten; its result is dropped by the caller.
        if row & 255 == 0 && Cancellation.isCancelled { break }
        body(row, offsets)
        // Advance the odometer over the outer axes, updating each operand's offset.
        var axis = axes - 1
        while axis >= 0 {
            counter[axis] += 1
            for k in 0..<strides.count { offsets[k] += strides[k][axis] }
            if counter[axis] < outShape[axis] { break }
            for k in 0..<strides.count { offsets[k] -= strides[k][axis] * counter[axis] }
            counter[axis] = 0
            axis -= 1
        }
    }
}

/// Runs `body` for `0..<n` in blocks, polling the current cancellation token between blocks
/// (a stopped kernel leaves the rest of its buffer unwritten; the caller drops the result).
@inline(__always)
func forEachBlock(_ n: Int, _ body: (Int) -> Void) {
    let block = 1 << 16
    var start = 0
    while start < n {
        if Cancellation.isCancelled { return }
        let end = min(n, start &+ block)
        for i in start..<end { body(i) }
        start = end
    }
}

/// Applies `f` element-wise to two buffers of shapes `aShape` and `bShape`, broadcast to
/// `outShape`. Same shapes and one-element operands take straight loops.
@inline(__always)
func broadcastMap<A, B, R>(
    _ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], _ outShape: [Int], _ f: (A, B) -> R
) -> [R] {
    let n = outShape.reduce(1, *)
    return a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            makeBuffer(n) { out in
                if pa.count == n && pb.count == n {
                    forEachBlock(n) { i in out[i] = f(pa[i], pb[i]) }
                } else if pb.count == 1 && pa.count == n {
                    let y = pb[0]
                    forEachBlock(n) { i in out[i] = f(pa[i], y) }
                } else if pa.count == 1 && pb.count == n {
                    let x = pa[0]
                    forEachBlock(n) { i in out[i] = f(x, pb[i]) }
                } else if n > 0 {
                    let sa = broadcastStrides(aShape, into: outShape)
                    let sb = broadcastStrides(bShape, into: outShape)
                    let inner = outShape.last!
                    let ia = sa.last!
                    let ib = sb.last!
                    forEachRow(outShape, [sa, sb]) { row, offsets in
                        var oa = offsets[0]
                        var ob = offsets[1]
                        let base = row * inner
                        for j in 0..<inner {
                            out[base + j] = f(pa[oa], pb[ob])
                            oa += ia
                            ob += ib
                        }
                    }
                }
            }
        }
    }
}

extension NDArray {
    /// The array stretched to `shape` by broadcasting, as a new contiguous buffer.
    public func broadcast(to shape: [Int]) throws(ArrayError) -> NDArray {
        let out = try broadcastShape(self.shape, shape)
        guard out == shape else { throw .shapeMismatch(self.shape, shape) }
        if out == self.shape { return self }
        try NDArray.reserve(shape, dtype)
        func stretch<T: ArrayElement>(_ v: [T]) -> NDArray {
            NDArray(shape: shape, values: broadcastMap(v, self.shape, [false], [], shape) { x, _ in x })
        }
        switch storage {
        case .bool(let v): return stretch(v)
        case .uint8(let v): return stretch(v)
        case .int64(let v): return stretch(v)
        case .float32(let v): return stretch(v)
        case .float64(let v): return stretch(v)
        }
    }
}
