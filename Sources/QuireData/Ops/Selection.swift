/// Order statistics without a full sort: what quantiles need, in linear time on average.
enum Selection {
    /// Moves the `k`-th smallest of `v[lo..<hi]` to position k, smaller ones before it and larger
    /// ones after (Hoare's quickselect with a median-of-three pivot).
    static func select<T: Comparable>(_ v: UnsafeMutableBufferPointer<T>, _ k: Int, _ lo: Int, _ hi: Int) {
        var lo = lo, hi = hi - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    /// The `qs` quantiles (ascending) of values without NaN, with numpy's linear interpolation,
    /// plus the minimum and maximum. `values` is reordered.
    static func summary(_ values: inout [Double], _ qs: [Double]) -> (min: Double, quantiles: [Double], max: Double) {
        let n = values.count
        guard n > 0 else { return (.nan, qs.map { _ in .nan }, .nan) }
        return values.withUnsafeMutableBufferPointer { v in
            var lo = 0
            var out: [Double] = []
            for q in qs {
                let position = Double(n - 1) * q
                let k = Int(position.rounded(.down))
                select(v, k, lo, n)
                lo = k
                let below = v[k]
                // The next order statistic is the smallest value after k.
                var above = below
                if k + 1 < n {
                    above = v[k + 1]
                    for i in (k + 1)..<n where v[i] < above { above = v[i] }
                }
                out.append(lerp(below, above, position - Double(k)))
            }
            var smallest = v[0], largest = v[0]
            for x in v {
                if x < smallest { smallest = x }
                if x > largest { largest = x }
            }
            return (smallest, out, largest)
        }
    }

    /// Ints spanning at most this many values are summarised from a histogram of counts.
    static let histogramRange = 1 << 16

    /// The same summary for ints of a small range, from counts instead of selection; nil when
    /// the range is too wide.
    static func smallRangeSummary(_ v: [Int64], _ qs: [Double]) -> (min: Double, quantiles: [Double], max: Double)? {
        guard let lo = v.min(), let hi = v.max() else { return nil }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < Int64(histogramRange) else { return nil }
        var counts = [Int](repeating: 0, count: Int(span) + 1)
        counts.withUnsafeMutableBufferPointer { c in
            for x in v { c[Int(x &- lo)] += 1 }
        }
        // The k-th smallest value (0-based), walking the cumulative counts.
        func kth(_ k: Int) -> Double {
            var seen = 0
            for (offset, c) in counts.enumerated() {
                seen += c
                if seen > k { return Double(lo + Int64(offset)) }
            }
            return Double(hi)
        }
        let n = v.count
        let quantiles = qs.map { q -> Double in
            let position = Double(n - 1) * q
            let k = Int(position.rounded(.down))
            return lerp(kth(k), kth(Swift.min(k + 1, n - 1)), position - Double(k))
        }
        return (Double(lo), quantiles, Double(hi))
    }
}

/// The `capacity` most extreme values offered (the largest, or the smallest when `largest` is
/// false), equal values counted apiece: a heap with the least extreme of them at the top.
struct BoundedHeap<T: Comparable> {
    private var items: [T] = []
    let capacity: Int
    let largest: Bool

    init(capacity: Int, largest: Bool) {
        precondition(capacity > 0, "a heap of at least one value")
        self.capacity = capacity
        self.largest = largest
        items.reserveCapacity(capacity)
    }

    /// The least extreme of the kept values, once `capacity` values have been kept.
    var top: T? { items.count == capacity ? items[0] : nil }

    @inline(__always) private func lessExtreme(_ a: T, _ b: T) -> Bool { largest ? a < b : b < a }

    /// Keeps `x` if it is among the `capacity` most extreme values so far.
    @inline(__always)
    mutating func offer(_ x: T) {
        if items.count < capacity {
            items.append(x)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard lessExtreme(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
            return
        }
        guard lessExtreme(items[0], x) else { return }
        items[0] = x
        var parent = 0
        while true {
            let l = 2 * parent + 1, r = l + 1
            var least = parent
            if l < capacity && lessExtreme(items[l], items[least]) { least = l }
            if r < capacity && lessExtreme(items[r], items[least]) { least = r }
            if least == parent { break }
            items.swapAt(parent, least)
            parent = least
        }
    }
}
