import QuireSupport

extension NDArray {
    /// numpy's `matmul` (`a @ b`): 2-D by 2-D is the matrix product; a 1-D operand is a row
    /// (on the left) or a column (on the right) whose added dimension is removed from the
    /// result, so 1-D by 1-D is the inner product (a 0-d array); more dimensions are stacks
    /// of matrices whose leading dimensions broadcast. The result's dtype is the operands'
    /// promoted one: float32 and float64 products go through `Gemm`, integers wrap as numpy's
    /// do, bools give whether any pair is true.
    public static func matmul(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        guard a.ndim >= 1 else { throw .wrongDimensions(operation: "matmul", expected: "1 or more", got: 0) }
        guard b.ndim >= 1 else { throw .wrongDimensions(operation: "matmul", expected: "1 or more", got: 0) }
        // Work on at least 2-D shapes: (k,) on the left is (1, k), on the right (k, 1).
        let left = a.ndim == 1 ? [1, a.shape[0]] : a.shape
        let right = b.ndim == 1 ? [b.shape[0], 1] : b.shape
        let m = left[left.count - 2], k = left[left.count - 1]
        let k2 = right[right.count - 2], n = right[right.count - 1]
        guard k == k2 else { throw .matmulMismatch(a.shape, b.shape) }
        let batchA = Array(left.dropLast(2)), batchB = Array(right.dropLast(2))
        let batch: [Int]
        do {
            batch = try broadcastShape(batchA, batchB)
        } catch {
            throw .shapeMismatch(a.shape, b.shape)
        }
        var shape = batch + [m, n]
        if a.ndim == 1 { shape.remove(at: shape.count - 2) }
        if b.ndim == 1 { shape.removeLast() }
        let dtype = DType.promote(a.dtype, b.dtype)
        let count = try reserve(batch + [m, n], dtype)
        let stacks = batch.reduce(1, *)
        // Where each stacked matrix of a and b starts, for every matrix of the result.
        let stridesA = broadcastStrides(batchA, into: batch), stridesB = broadcastStrides(batchB, into: batch)
        var offsets: [(Int, Int)] = []
        offsets.reserveCapacity(stacks)
        var counter = [Int](repeating: 0, count: batch.count)
        for _ in 0..<stacks {
            var oa = 0, ob = 0
            for axis in batch.indices {
                oa += counter[axis] * stridesA[axis]
                ob += counter[axis] * stridesB[axis]
            }
            offsets.append((oa * m * k, ob * k * n))
            var axis = batch.count - 1
            while axis >= 0 {
                counter[axis] += 1
                if counter[axis] < batch[axis] { break }
                counter[axis] = 0
                axis -= 1
            }
        }

        let x = a.astype(dtype), y = b.astype(dtype)
        let storage: ArrayStorage
        switch (x.storage, y.storage) {
        case (.float64(let p), .float64(let q)): storage = .float64(gemm(p, q, offsets, m, n, k, count))
        case (.float32(let p), .float32(let q)): storage = .float32(gemm(p, q, offsets, m, n, k, count))
        case (.int64(let p), .int64(let q)): storage = .int64(integer(p, q, offsets, m, n, k, count))
        case (.uint8(let p), .uint8(let q)):
            let wide = integer(p.map(Int64.init), q.map(Int64.init), offsets, m, n, k, count)
            storage = .uint8(wide.map { UInt8(truncatingIfNeeded: $0) })
        case (.bool(let p), .bool(let q)):
            let counts = integer(p.map { $0 ? 1 : 0 }, q.map { $0 ? 1 : 0 }, offsets, m, n, k, count)
            storage = .bool(counts.map { $0 != 0 })
        default: preconditionFailure("operands were cast to one dtype")
        }
        return NDArray(shape: shape, storage: storage)
    }

    private static func gemm<T: GemmElement>(_ a: [T], _ b: [T], _ offsets: [(Int, Int)], _ m: Int, _ n: Int, _ k: Int, _ count: Int) -> [T] {
        var c = [T](repeating: .zero, count: count)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard m > 0, n > 0, k > 0 else { return }
                    for (i, (oa, ob)) in offsets.enumerated() {
                        if Cancellation.isCancelled { return }
                        T.gemm(m: m, n: n, k: k, a: pa.baseAddress! + oa, b: pb.baseAddress! + ob, c: pc.baseAddress! + i * m * n)
                    }
                }
            }
        }
        return c
    }

    /// Integer products with numpy's wrapping arithmetic.
    private static func integer(_ a: [Int64], _ b: [Int64], _ offsets: [(Int, Int)], _ m: Int, _ n: Int, _ k: Int, _ count: Int) -> [Int64] {
        var c = [Int64](repeating: 0, count: count)
        for (s, (oa, ob)) in offsets.enumerated() {
            for i in 0..<m {
                if Cancellation.isCancelled { return c }
                let out = s * m * n + i * n
                for p in 0..<k {
                    let v = a[oa + i * k + p]
                    if v == 0 { continue }
                    let row = ob + p * n
                    for j in 0..<n { c[out + j] = c[out + j] &+ v &* b[row + j] }
                }
            }
        }
        return c
    }
}
