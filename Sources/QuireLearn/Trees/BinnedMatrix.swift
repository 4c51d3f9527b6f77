/// Features cut into at most `maxBins` ordered bins, so a tree finds a split with one histogram
/// per node and feature instead of sorting. A feature with few distinct values gets one bin per
/// value and loses nothing; others are cut at quantiles.
struct BinnedMatrix: Sendable {
    /// One byte per value: more bins buy little accuracy and cost a histogram pass each.
    static let maxBins = 256

    let rows: Int
    let cols: Int
    /// Bin codes, column after column: `codes[f * rows + i]`.
    let codes: [UInt8]
    /// Per feature, the threshold that separates bin b from bin b + 1.
    let thresholds: [[Double]]

    init(_ x: Matrix) {
        rows = x.rows
        cols = x.cols
        var codes = [UInt8](repeating: 0, count: x.rows * x.cols)
        var thresholds: [[Double]] = []
        for f in 0..<x.cols {
            let column = (0..<x.rows).map { x[$0, f] }
            let sorted = column.sorted()
            var distinct: [Double] = []
            for v in sorted where distinct.last != v { distinct.append(v) }
            // Upper edges: the largest value of each bin.
            var edges: [Double]
            if distinct.count <= Self.maxBins {
                edges = distinct
            } else {
                edges = []
                for b in 1...Self.maxBins {
                    let v = sorted[min(sorted.count - 1, b * sorted.count / Self.maxBins - 1)]
                    if edges.last != v { edges.append(v) }
                }
                if edges.last != distinct.last! { edges.append(distinct.last!) }
            }
            var cut: [Double] = []
            for b in 0..<(edges.count - 1) {
                // The smallest value above this bin's edge.
                let next = distinct[upperBound(distinct, edges[b])]
                var mid = edges[b] / 2 + next / 2
                if mid >= next || !mid.isFinite { mid = edges[b] }
                cut.append(mid)
            }
            for i in 0..<x.rows {
                codes[f * x.rows + i] = UInt8(lowerBound(edges, column[i]))
            }
            thresholds.append(cut)
        }
        self.codes = codes
        self.thresholds = thresholds
    }

    /// The number of bins of feature `f`.
    func binCount(_ f: Int) -> Int { thresholds[f].count + 1 }
}

/// The first position whose value is >= `value`.
private func lowerBound(_ a: [Double], _ value: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// The first position whose value is > `value`.
private func upperBound(_ a: [Double], _ value: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] <= value { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
