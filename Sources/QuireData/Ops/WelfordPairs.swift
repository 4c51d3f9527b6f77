import QuireSupport

/// Welford's sums for every pair of columns without missing values at once, giving the very
/// numbers `Correlation.runningSums` gives pair by pair (pandas' `nancorr` keeps the same sums).
///
/// When neither column has a missing value, the running mean and squared deviations of x do not
/// depend on y: each column's `a = x - mean after the row` and `b = x - mean before it` are
/// computed once, and a pair's co-deviation sum is `Σ a_x * b_y`, added in row order as the pair
/// by pair loop adds it. The columns are read a block of rows at a time, four to a SIMD vector
/// (each lane does the scalar operations, so the rounding is the same), and every pair's sum is
/// advanced once per row so that the additions of different pairs overlap.
enum WelfordPairs {
    /// Rows per block: the block's values and deviations of all columns stay in the cache.
    static let blockRows = 512

    typealias Lanes = SIMD4<Double>

    /// `ss[j]`: column j's sum of squared deviations; `co[i][j]` for j <= i: the sum of
    /// `a_i * b_j` (the co-deviations of the pair (x = column i, y = column j)). Nil when stopped.
    static func sums(_ columns: [Column]) -> (ss: [Double], co: [[Double]])? {
        let k = columns.count, n = columns.first?.count ?? 0
        let groups = (k + 3) / 4
        // The rows of the pair triangle are shared between the cores; row i costs i / 4 + 1
        // vector additions per row of data, so rows are dealt out to balance those.
        let workers = Swift.max(1, Swift.min(Parallel.cores, k))
        var owned = [[Int]](repeating: [], count: workers)
        var load = [Int](repeating: 0, count: workers)
        for i in (0..<k).reversed() {
            let w = load.indices.min { load[$0] < load[$1] }!
            owned[w].append(i)
            load[w] += i / 4 + 1
        }
        let results = ParallelResults<(ss: [Double], co: [Int: [Double]])>(count: workers)
        let shares = owned
        Parallel.forEach(workers, chunks: workers) { w, _ in
            if let r = run(columns, n: n, groups: groups, rows: shares[w]) { results.set(w, .success(r)) }
        }
        guard let parts = results.values(), let ss = parts.first?.ss else { return nil }
        var co = [[Double]](repeating: [], count: k)
        for part in parts { for (i, row) in part.co { co[i] = row } }
        return (ss, co)
    }

    /// One worker's share: the deviations of every column, the co-deviation sums of `rows`.
    private static func run(_ columns: [Column], n: Int, groups: Int, rows: [Int]) -> (ss: [Double], co: [Int: [Double]])? {
        let block = blockRows
        var x = [Lanes](repeating: .zero, count: block * groups)
        var a = x, b = x
        var mean = [Lanes](repeating: .zero, count: groups), ss = mean
        // acc[offset[r] + g]: the sums of row rows[r] against columns 4g..<4g+4.
        var offset: [Int] = [], total = 0
        for i in rows {
            offset.append(total)
            total += i / 4 + 1
        }
        var acc = [Lanes](repeating: .zero, count: total)
        var start = 0
        while start < n {
            if Cancellation.isCancelled { return nil }
            let count = Swift.min(block, n - start)
            x.withUnsafeMutableBufferPointer { x in
                let lanes = UnsafeMutableRawPointer(x.baseAddress!).assumingMemoryBound(to: Double.self)
                for (j, column) in columns.enumerated() {
                    load(column, start, count, into: lanes + j, stride: groups * 4)
                }
            }
            x.withUnsafeBufferPointer { x in
                a.withUnsafeMutableBufferPointer { a in
                    b.withUnsafeMutableBufferPointer { b in
                        for t in 0..<count {
                            let rowCount = Lanes(repeating: Double(start + t + 1))
                            for g in 0..<groups {
                                let p = t * groups + g
                                let v = x[p]
                                let dx = v - mean[g]
                                mean[g] += dx / rowCount
                                let dev = v - mean[g]
                                ss[g] += dev * dx
                                a[p] = dev
                                b[p] = dx
                            }
                        }
                    }
                }
            }
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    acc.withUnsafeMutableBufferPointer { acc in
                        let aLanes = UnsafeRawPointer(a.baseAddress!).assumingMemoryBound(to: Double.self)
                        for t in 0..<count {
                            for (r, i) in rows.enumerated() {
                                let ai = Lanes(repeating: aLanes[(t * groups) * 4 + i])
                                let base = offset[r]
                                for g in 0...(i / 4) { acc[base + g] += ai * b[t * groups + g] }
                            }
                        }
                    }
                }
            }
            start += count
        }
        let flatSS = (0..<columns.count).map { ss[$0 / 4][$0 % 4] }
        var co: [Int: [Double]] = [:]
        for (r, i) in rows.enumerated() {
            co[i] = (0...i).map { j in acc[offset[r] + j / 4][j % 4] }
        }
        return (flatSS, co)
    }

    /// Rows `start..<start+count` of a column without missing values, as Doubles, written
    /// every `stride` Doubles from `out`.
    private static func load(_ column: Column, _ start: Int, _ count: Int, into out: UnsafeMutablePointer<Double>, stride: Int) {
        switch column.storage {
        case .int64(let v): for t in 0..<count { out[t * stride] = Double(v[start + t]) }
        case .float64(let v): for t in 0..<count { out[t * stride] = v[start + t] }
        case .bool(let v): for t in 0..<count { out[t * stride] = v[start + t] ? 1 : 0 }
        case .string: preconditionFailure("numeric columns only")
        }
    }
}
