/// One entry of an index such as `a[1:3, 0]`: an integer (which drops its axis) or a slice.
public enum ArrayIndex: Sendable, Equatable {
    case index(Int)
    case slice(start: Int?, stop: Int?, step: Int?)

    /// `:`, the whole axis.
    public static let all = ArrayIndex.slice(start: nil, stop: nil, step: nil)
}

/// Which elements an index selects: their offsets along each axis, and the result's shape.
struct Selection {
    var offsets: [[Int]]
    var shape: [Int]
}

/// The positions `start:stop:step` selects along an axis of `count`, as Python computes them.
func slicePositions(_ start: Int?, _ stop: Int?, _ step: Int?, count: Int) throws(ArrayError) -> StrideTo<Int> {
    let step = step ?? 1
    guard step != 0 else { throw .zeroStep }
    func clamp(_ v: Int?, _ fallback: Int, _ lo: Int, _ hi: Int) -> Int {
        guard var v else { return fallback }
        if v < 0 { v += count }
        return Swift.min(Swift.max(v, lo), hi)
    }
    if step > 0 {
        return stride(from: clamp(start, 0, 0, count), to: clamp(stop, count, 0, count), by: step)
    }
    return stride(from: clamp(start, count - 1, -1, count - 1), to: clamp(stop, -1, -1, count - 1), by: step)
}

/// Indexing. Every selection copies: the result never shares memory with the array it came from
/// (numpy's slices are views; Quire's are copies, so writing into a slice does not change the
/// original — write through `a[1:3, :] = v` instead).
extension NDArray {
    func selection(_ indices: [ArrayIndex]) throws(ArrayError) -> Selection {
        guard indices.count <= ndim else { throw .tooManyIndices(given: indices.count, ndim: ndim) }
        let strides = self.strides
        var offsets: [[Int]] = []
        var resultShape: [Int] = []
        for axis in 0..<ndim {
            let size = shape[axis]
            switch axis < indices.count ? indices[axis] : .all {
            case .index(let i):
                guard i >= -size && i < size else { throw .indexOutOfRange(index: i, axis: axis, size: size) }
                offsets.append([(i < 0 ? i + size : i) * strides[axis]])
            case .slice(let start, let stop, let step):
                let positions = try slicePositions(start, stop, step, count: size).map { $0 * strides[axis] }
                offsets.append(positions)
                resultShape.append(positions.count)
            }
        }
        return Selection(offsets: offsets, shape: resultShape)
    }

    /// `a[i, j:k, ...]` as a new array; axes indexed by an integer are dropped, missing trailing
    /// indices mean the whole axis.
    public func subscripted(_ indices: [ArrayIndex]) throws(ArrayError) -> NDArray {
        let s = try selection(indices)
        func pick<T: ArrayElement>(_ v: [T]) -> NDArray { NDArray(shape: s.shape, values: gather(v, s.offsets)) }
        switch storage {
        case .bool(let v): return pick(v)
        case .uint8(let v): return pick(v)
        case .int64(let v): return pick(v)
        case .float32(let v): return pick(v)
        case .float64(let v): return pick(v)
        }
    }

    /// `a[i, j:k] = value`: the value is broadcast to the selection and converted to the array's
    /// dtype (as `astype` converts; a Python int that does not fit uint8 is an error).
    public mutating func assign(_ indices: [ArrayIndex], _ value: Operand) throws(ArrayError) {
        let s = try selection(indices)
        let source = try value.materialize(as: value.castTarget(dtype)).astype(dtype).broadcast(to: s.shape)
        write(source, s.offsets)
    }

    /// Scatters `source` (already of this dtype) into the buffer, in place when the buffer is
    /// not shared: the storage is emptied first so the extracted buffer is uniquely owned and
    /// writing one pixel of a large image does not copy the image.
    private mutating func write(_ source: NDArray, _ offsets: [[Int]]) {
        switch storage {
        case .bool(var v):
            storage = .bool([])
            scatter(&v, source.values(Bool.self), offsets)
            storage = .bool(v)
        case .uint8(var v):
            storage = .bool([])
            scatter(&v, source.values(UInt8.self), offsets)
            storage = .uint8(v)
        case .int64(var v):
            storage = .bool([])
            scatter(&v, source.values(Int64.self), offsets)
            storage = .int64(v)
        case .float32(var v):
            storage = .bool([])
            scatter(&v, source.values(Float.self), offsets)
            storage = .float32(v)
        case .float64(var v):
            storage = .bool([])
            scatter(&v, source.values(Double.self), offsets)
            storage = .float64(v)
        }
    }

    /// Checks a boolean mask against the array's leading axes; gives the size of the block each
    /// mask element selects.
    private func maskBlock(_ mask: NDArray) throws(ArrayError) -> Int {
        guard mask.dtype == .bool, mask.ndim >= 1, mask.ndim <= ndim, Array(shape[..<mask.ndim]) == mask.shape else {
            throw .maskShapeMismatch(mask: mask.shape, array: shape)
        }
        return shape[mask.ndim...].reduce(1, *)
    }

    /// `a[mask]`: the elements (or sub-arrays, for a mask over the leading axes) where the mask
    /// is true, in row-major order, as a new array.
    public func masked(_ mask: NDArray) throws(ArrayError) -> NDArray {
        let block = try maskBlock(mask)
        let m = mask.values(Bool.self)
        let selected = m.indices.filter { m[$0] }
        return take(blocks: selected, block: block, shape: [selected.count] + shape[mask.ndim...])
    }

    /// `a[mask] = value`: the value is broadcast to the selected elements.
    public mutating func assign(mask: NDArray, _ value: Operand) throws(ArrayError) {
        let block = try maskBlock(mask)
        let m = mask.values(Bool.self)
        let selected = m.indices.filter { m[$0] }
        let target = [selected.count] + Array(shape[mask.ndim...])
        let source = try value.materialize(as: value.castTarget(dtype)).astype(dtype).broadcast(to: target)
        write(source, [selected.map { $0 * block }, Array(0..<block)])
    }

    /// `a[[i, j, ...]]`: the sub-arrays at these positions of the first axis (negative count
    /// from the end), as a new array.
    public func take(_ positions: [Int]) throws(ArrayError) -> NDArray {
        guard let size = shape.first else { throw .tooManyIndices(given: 1, ndim: 0) }
        var resolved: [Int] = []
        resolved.reserveCapacity(positions.count)
        for p in positions {
            guard p >= -size && p < size else { throw .indexOutOfRange(index: p, axis: 0, size: size) }
            resolved.append(p < 0 ? p + size : p)
        }
        let block = shape.dropFirst().reduce(1, *)
        return take(blocks: resolved, block: block, shape: [resolved.count] + shape.dropFirst())
    }

    private func take(blocks: [Int], block: Int, shape: [Int]) -> NDArray {
        let offsets = [blocks.map { $0 * block }, Array(0..<block)]
        func pick<T: ArrayElement>(_ v: [T]) -> NDArray { NDArray(shape: shape, values: gather(v, offsets)) }
        switch storage {
        case .bool(let v): return pick(v)
        case .uint8(let v): return pick(v)
        case .int64(let v): return pick(v)
        case .float32(let v): return pick(v)
        case .float64(let v): return pick(v)
        }
    }
}

extension Operand {
    /// The dtype a value assigned into an array of `dtype` is first made in: a weak scalar
    /// takes the array's dtype (so an out-of-range int for uint8 is caught); arrays keep theirs.
    func castTarget(_ dtype: DType) -> DType {
        switch self {
        case .array(let a): a.dtype
        case .scalar(let s): DType.promote(dtype, weak: s)
        }
    }
}

/// Visits every combination of per-axis offsets in row-major order, giving the summed offset of
/// each innermost run's start; the runs are `axes.last` (or a single 0 for no axes).
@inline(__always)
private func forEachRun(_ axes: [[Int]], _ body: (_ base: Int) -> Void) {
    if axes.contains(where: \.isEmpty) { return }
    let outer = axes.count - 1
    var counter = [Int](repeating: 0, count: Swift.max(outer, 0))
    var base = axes.dropLast().reduce(0) { $0 + $1[0] }
    while true {
        body(base)
        var axis = outer - 1
        while axis >= 0 {
            base -= axes[axis][counter[axis]]
            counter[axis] += 1
            if counter[axis] < axes[axis].count {
                base += axes[axis][counter[axis]]
                break
            }
            counter[axis] = 0
            base += axes[axis][0]
            axis -= 1
        }
        if axis < 0 { return }
    }
}

/// The elements of `source` at every combination of per-axis offsets, in row-major order.
func gather<T>(_ source: [T], _ axes: [[Int]]) -> [T] {
    let n = axes.reduce(1) { $0 * $1.count }
    let inner = axes.last ?? [0]
    let contiguous = inner.indices.allSatisfy { inner[$0] == inner[0] + $0 }
    return source.withUnsafeBufferPointer { p in
        makeBuffer(n) { out in
            var w = 0
            forEachRun(axes) { base in
                if contiguous {
                    (out.baseAddress! + w).initialize(from: p.baseAddress! + base + inner[0], count: inner.count)
                    w += inner.count
                } else {
                    for off in inner {
                        out[w] = p[base + off]
                        w += 1
                    }
                }
            }
        }
    }
}

/// Writes `values` (row-major) into `target` at every combination of per-axis offsets.
func scatter<T>(_ target: inout [T], _ values: [T], _ axes: [[Int]]) {
    let inner = axes.last ?? [0]
    values.withUnsafeBufferPointer { v in
        target.withUnsafeMutableBufferPointer { t in
            var r = 0
            forEachRun(axes) { base in
                for off in inner {
                    t[base + off] = v[r]
                    r += 1
                }
            }
        }
    }
}
