/// Floating-point sums in the exact order of the libraries Quire agrees with, so that printed
/// digits match theirs to the last one.
///
/// - `numpy`: numpy's `pairwise_sum` (`np.sum`, `np.mean`, `X.var()`, and pandas' `Series.sum`
///   and `mean`, which call it on the whole buffer): runs below 8 summed in order, runs up to
///   128 with eight interleaved accumulators, longer runs split in two halves (the first a
///   multiple of eight).
/// - `Kahan`: pandas' group-by running sum (`groupby().sum()` / `mean()`), compensated.
public enum PairwiseSum {
    /// numpy's PW_BLOCKSIZE: the run length below which it stops splitting.
    public static let blockSize = 128

    /// numpy's pairwise sum of `count` elements of `p` from `start`. `shortRunStart` is the
    /// value a run shorter than eight starts from: numpy's own is -0.0 (so a sum of negative
    /// zeros stays -0.0); pandas' nan-aware reductions start from +0.0.
    @inlinable
    public static func numpy<T: BinaryFloatingPoint>(
        _ p: UnsafeBufferPointer<T>, _ start: Int, _ count: Int, shortRunStart: T = -0.0
    ) -> T {
        if count < 8 {
            var sum = shortRunStart
            for i in start..<start + count { sum += p[i] }
            return sum
        }
        if count <= blockSize {
            var r = (p[start], p[start + 1], p[start + 2], p[start + 3], p[start + 4], p[start + 5], p[start + 6], p[start + 7])
            var i = start + 8
            let end = start + count
            let whole = start + count - count % 8
            while i < whole {
                r.0 += p[i]
                r.1 += p[i + 1]
                r.2 += p[i + 2]
                r.3 += p[i + 3]
                r.4 += p[i + 4]
                r.5 += p[i + 5]
                r.6 += p[i + 6]
                r.7 += p[i + 7]
                i += 8
            }
            var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
            while i < end {
                sum += p[i]
                i += 1
            }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return numpy(p, start, half, shortRunStart: shortRunStart) + numpy(p, start + half, count - half, shortRunStart: shortRunStart)
    }

    /// numpy's pairwise sum of a whole buffer.
    @inlinable
    public static func numpy<T: BinaryFloatingPoint>(_ p: UnsafeBufferPointer<T>, shortRunStart: T = -0.0) -> T {
        numpy(p, 0, p.count, shortRunStart: shortRunStart)
    }

    /// numpy's pairwise sum of an array or a slice of one.
    @inlinable
    public static func numpy<C: ContiguousCollection>(_ values: C, shortRunStart: Double = -0.0) -> Double where C.Element == Double {
        values.withContiguousStorage { numpy($0, shortRunStart: shortRunStart) }
    }

    /// What `np.sum` / `np.add.reduce` returns along a contiguous axis: the pairwise sum
    /// added to the reduction's starting 0 (so a sum of negative zeros is 0.0). Used for array
    /// sums and the scikit-learn models' numpy arithmetic.
    @inlinable
    public static func numpyTotal<T: BinaryFloatingPoint>(_ p: UnsafeBufferPointer<T>, _ start: Int, _ count: Int) -> T {
        0 + numpy(p, start, count)
    }

    /// `numpyTotal` of an array or a slice of one.
    @inlinable
    public static func numpyTotal<C: ContiguousCollection>(_ values: C) -> Double where C.Element == Double {
        values.withContiguousStorage { 0 + numpy($0) }
    }

    /// What pandas' `Series.sum`, `mean`, `var`, `std` and `describe` give on float64 data:
    /// numpy's pairwise order, with runs shorter than eight starting from +0.0.
    @inlinable
    public static func pandas<C: ContiguousCollection>(_ values: C) -> Double where C.Element == Double {
        values.withContiguousStorage { numpy($0, shortRunStart: 0) }
    }

    /// pandas' group-by running sum: Kahan-compensated, with a NaN compensation reset to 0.
    public struct Kahan: Sendable {
        public var sum = 0.0
        @usableFromInline var compensation = 0.0

        @inlinable public init() {}

        @inlinable public mutating func add(_ x: Double) {
            let y = x - compensation
            let t = sum + y
            compensation = t - sum - y
            if compensation.isNaN { compensation = 0 }
            sum = t
        }
    }
}

/// Collections whose elements sit in one buffer (arrays and their slices).
public protocol ContiguousCollection: Collection {
    func withContiguousStorage<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R
}

extension Array: ContiguousCollection {
    public func withContiguousStorage<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer(body)
    }
}

extension ArraySlice: ContiguousCollection {
    public func withContiguousStorage<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer(body)
    }
}
