import Foundation
import QuireSupport

/// The correlation coefficients pandas' `corr` computes.
public enum CorrelationMethod: String, Sendable, CaseIterable {
    case pearson, spearman, kendall
}

extension DataFrame {
    /// pandas' `df.corr(method=, min_periods=, numeric_only=)`: the pairwise correlation of the
    /// numeric columns (bools count as 0 and 1), over the rows where both values are present; NaN
    /// where fewer than `minPeriods` rows remain or a column is constant. A text column is an
    /// error unless `numericOnly` drops it.
    public func correlation(_ method: CorrelationMethod = .pearson, minPeriods: Int = 1, numericOnly: Bool = false) throws -> DataFrame {
        if method == .pearson, let fast = try completePearson(minPeriods: minPeriods, numericOnly: numericOnly) { return fast }
        let (kept, values) = try numericColumns(for: "corr", numericOnly: numericOnly)
        let k = kept.count
        var result = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        // Spearman ranks each column once when it has no missing value (pandas does too).
        let ranked: [[Double]?] = method == .spearman ? values.map { $0.contains(where: \.isNaN) ? nil : Ranking.average($0) } : []
        // The pairs are independent: computed on every core, each by the same sums as alone.
        let pairs = (0..<k).flatMap { i in (0...i).map { (i, $0) } }
        let results = ParallelResults<Double>(count: pairs.count)
        Parallel.forEach(pairs.count) { _, range in
            for p in range {
                if Cancellation.isCancelled { return }
                let (i, j) = pairs[p]
                let value: Double
                switch method {
                case .pearson: value = Correlation.pearson(values[i], values[j], minPeriods: minPeriods)
                case .spearman: value = Correlation.spearman(values[i], values[j], ranked[i], ranked[j], minPeriods: minPeriods)
                case .kendall: value = i == j ? Correlation.kendallSelf(values[i], minPeriods: minPeriods) : Correlation.kendall(values[i], values[j], minPeriods: minPeriods)
                }
                results.set(p, .success(value))
            }
        }
        try Cancellation.check()
        guard let computed = results.values() else { throw Cancelled(.interrupt) }
        for (p, (i, j)) in pairs.enumerated() {
            result[i][j] = computed[p]
            result[j][i] = computed[p]
        }
        let names = kept.map { self.names[$0] }
        return DataFrame(names: names, columns: result.map { Column(float64: $0) }, index: RowIndex(labels: Column(string: names)))
    }

    /// Pearson's matrix when no numeric column has a missing value: every pair's sums at once
    /// (`WelfordPairs`), the same numbers as pair by pair. Nil when a value is missing.
    private func completePearson(minPeriods: Int, numericOnly: Bool) throws -> DataFrame? {
        var kept: [Int] = []
        for j in names.indices {
            let c = columns[j]
            if c.type == .string {
                if numericOnly { continue }
                throw DataError.wrongType(column: names[j], type: c.type, operation: "corr")
            }
            if c.hasMissing { return nil }
            kept.append(j)
        }
        guard rowCount >= Swift.max(1, minPeriods), !kept.isEmpty else { return nil }
        guard let sums = WelfordPairs.sums(kept.map { columns[$0] }) else { throw Cancelled(.interrupt) }
        try Cancellation.check()
        let k = kept.count, n = Double(rowCount)
        var result = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                let value = Correlation.pearson((n, sums.ss[i], sums.ss[j], sums.co[i][j]), minPeriods: minPeriods)
                result[i][j] = value
                result[j][i] = value
            }
        }
        let names = kept.map { self.names[$0] }
        return DataFrame(names: names, columns: result.map { Column(float64: $0) }, index: RowIndex(labels: Column(string: names)))
    }

    /// pandas' `df.cov(min_periods=, ddof=, numeric_only=)`: the pairwise covariance of the numeric
    /// columns over the rows where both are present, divided by `count - ddof`.
    public func covariance(minPeriods: Int? = nil, ddof: Int = 1, numericOnly: Bool = false) throws -> DataFrame {
        let (kept, values) = try numericColumns(for: "cov", numericOnly: numericOnly)
        let k = kept.count
        var result = [[Double]](repeating: [Double](repeating: .nan, count: k), count: k)
        for i in 0..<k {
            try Cancellation.check()
            for j in 0...i {
                let value = Correlation.covariance(values[i], values[j], minPeriods: minPeriods ?? 1, ddof: ddof)
                result[i][j] = value
                result[j][i] = value
            }
        }
        let names = kept.map { self.names[$0] }
        return DataFrame(names: names, columns: result.map { Column(float64: $0) }, index: RowIndex(labels: Column(string: names)))
    }

    /// The positions and values (missing as NaN) of the columns `corr`/`cov` use.
    private func numericColumns(for operation: String, numericOnly: Bool) throws -> ([Int], [[Double]]) {
        var kept: [Int] = [], values: [[Double]] = []
        for j in names.indices {
            if let d = columns[j].doubles {
                kept.append(j)
                values.append(d)
            } else if !numericOnly {
                throw DataError.wrongType(column: names[j], type: columns[j].type, operation: operation)
            }
        }
        return (kept, values)
    }
}

extension Series {
    /// pandas' `s.corr(other, method=, min_periods=)`: the correlation of two Series over the
    /// labels they share where both values are present.
    public func correlation(with other: Series, _ method: CorrelationMethod = .pearson, minPeriods: Int = 1) throws -> Double {
        let (a, b) = try Series.sharedValues(self, other, for: "corr")
        switch method {
        case .pearson: return Correlation.pearson(a, b, minPeriods: minPeriods)
        case .spearman: return Correlation.spearman(a, b, nil, nil, minPeriods: minPeriods)
        case .kendall: return Correlation.kendall(a, b, minPeriods: minPeriods)
        }
    }

    /// pandas' `s.cov(other, min_periods=, ddof=)`.
    public func covariance(with other: Series, minPeriods: Int = 1, ddof: Int = 1) throws -> Double {
        let (a, b) = try Series.sharedValues(self, other, for: "cov")
        return Correlation.covariance(a, b, minPeriods: minPeriods, ddof: ddof)
    }

    /// The values of both Series as Doubles (missing as NaN), lined up by label as pandas
    /// aligns them; rows missing on either side are skipped by the coefficients.
    static func sharedValues(_ x: Series, _ y: Series, for operation: String) throws -> ([Double], [Double]) {
        let (l, r) = x.aligned(with: y)
        guard let a = l.column.doubles else { throw DataError.wrongType(column: x.name, type: x.type, operation: operation) }
        guard let b = r.column.doubles else { throw DataError.wrongType(column: y.name, type: y.type, operation: operation) }
        return (a, b)
    }
}

/// The coefficients, on columns of Doubles with NaN for missing values, computed as pandas does.
enum Correlation {
    /// Welford's running sums over the complete pairs, as pandas' `nancorr` keeps them: the
    /// count, the sums of squared deviations of x and of y, and of their co-deviations.
    static func runningSums(_ x: [Double], _ y: [Double]) -> (n: Double, ssX: Double, ssY: Double, cov: Double) {
        var n = 0.0, meanX = 0.0, meanY = 0.0, ssX = 0.0, ssY = 0.0, cov = 0.0
        for i in 0..<min(x.count, y.count) {
            let vx = x[i], vy = y[i]
            if vx.isNaN || vy.isNaN { continue }
            n += 1
            let dx = vx - meanX, dy = vy - meanY
            meanX += dx / n
            meanY += dy / n
            ssX += (vx - meanX) * dx
            ssY += (vy - meanY) * dy
            cov += (vx - meanX) * dy
        }
        return (n, ssX, ssY, cov)
    }

    /// Pearson's r over complete pairs (pandas' `nancorr`).
    static func pearson(_ x: [Double], _ y: [Double], minPeriods: Int) -> Double {
        pearson(runningSums(x, y), minPeriods: minPeriods)
    }

    /// Pearson's r from Welford's sums.
    static func pearson(_ s: (n: Double, ssX: Double, ssY: Double, cov: Double), minPeriods: Int) -> Double {
        guard s.n >= Double(max(1, minPeriods)) else { return .nan }
        let divisor = (s.ssX * s.ssY).squareRoot()
        guard divisor != 0 else { return .nan }
        return Swift.min(1, Swift.max(-1, s.cov / divisor))
    }

    /// The covariance over complete pairs, divided by n - ddof.
    static func covariance(_ x: [Double], _ y: [Double], minPeriods: Int, ddof: Int) -> Double {
        let s = runningSums(x, y)
        guard s.n >= Double(max(1, minPeriods)), s.n - Double(ddof) > 0 else { return .nan }
        return s.cov / (s.n - Double(ddof))
    }

    /// Spearman's rho: Pearson's r of the average ranks of the complete pairs (ranks given are
    /// reused when both columns are complete).
    static func spearman(_ x: [Double], _ y: [Double], _ rx: [Double]?, _ ry: [Double]?, minPeriods: Int) -> Double {
        var a: [Double], b: [Double]
        if let rx, let ry {
            (a, b) = (rx, ry)
        } else {
            var px: [Double] = [], py: [Double] = []
            for i in 0..<min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
                px.append(x[i])
                py.append(y[i])
            }
            (a, b) = (Ranking.average(px), Ranking.average(py))
        }
        let n = a.count
        guard n >= max(1, minPeriods), n > 0 else { return .nan }
        // Ranks 1...n average (n + 1) / 2, whatever the ties.
        let mean = Double(n + 1) / 2
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = a[i] - mean, dy = b[i] - mean
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        let divisor = (sxx * syy).squareRoot()
        guard divisor != 0 else { return .nan }
        return Swift.min(1, Swift.max(-1, sxy / divisor))
    }

    /// A column's Kendall tau with itself: 1, or NaN when it is constant or too short.
    static func kendallSelf(_ x: [Double], minPeriods: Int) -> Double {
        let present = x.filter { !$0.isNaN }
        guard present.count >= max(2, minPeriods), Set(present).count > 1 else { return .nan }
        return 1
    }

    /// Kendall's tau-b (scipy's `kendalltau`, which pandas calls) over complete pairs, in
    /// O(n log n): sort by x then y, count tied pairs, then count the discordant pairs as the
    /// swaps of a merge sort of y.
    static func kendall(_ x: [Double], _ y: [Double], minPeriods: Int) -> Double {
        var px: [Double] = [], py: [Double] = []
        for i in 0..<min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
            px.append(x[i])
            py.append(y[i])
        }
        let n = px.count
        guard n >= max(2, minPeriods) else { return .nan }
        var order = Array(0..<n)
        order.sort { px[$0] != px[$1] ? px[$0] < px[$1] : py[$0] < py[$1] }
        var xs = order.map { px[$0] }, ys = order.map { py[$0] }
        // Pairs tied in x, and tied in both.
        func tiedPairs(_ runsEqual: (Int) -> Bool) -> Double {
            var total = 0.0, run = 1.0
            for i in 1..<n {
                if runsEqual(i) { run += 1 } else { total += run * (run - 1) / 2; run = 1 }
            }
            return total + run * (run - 1) / 2
        }
        let xTies = tiedPairs { xs[$0] == xs[$0 - 1] }
        let bothTies = tiedPairs { xs[$0] == xs[$0 - 1] && ys[$0] == ys[$0 - 1] }
        // Discordant pairs: inversions of y in this order (a stable merge sort counts them).
        var buffer = ys
        let discordant = Double(Ranking.countInversions(&ys, &buffer, 0, n))
        xs = ys  // now y sorted: count ties in y
        let yTies = tiedPairs { xs[$0] == xs[$0 - 1] }
        let total = Double(n) * Double(n - 1) / 2
        guard total - xTies > 0, total - yTies > 0 else { return .nan }
        let concordantMinusDiscordant = total - xTies - yTies + bothTies - 2 * discordant
        let tau = concordantMinusDiscordant / (total - xTies).squareRoot() / (total - yTies).squareRoot()
        return Swift.min(1, Swift.max(-1, tau))
    }
}

/// Ranks as pandas' and scipy's `rankdata(method="average")` give them.
enum Ranking {
    /// 1-based ranks, ties sharing the mean of their positions.
    static func average(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: v.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && v[order[end]] == v[order[start]] { end += 1 }
            let rank = Double(start + 1 + end) / 2  // mean of start+1 ... end
            for p in start..<end { ranks[order[p]] = rank }
            start = end
        }
        return ranks
    }

    /// Sorts `a[lo..<hi]` ascending (stable) and returns how many pairs were out of order
    /// (strictly greater before smaller).
    static func countInversions(_ a: inout [Double], _ tmp: inout [Double], _ lo: Int, _ hi: Int) -> Int {
        guard hi - lo > 1 else { return 0 }
        let mid = (lo + hi) / 2
        var count = countInversions(&a, &tmp, lo, mid) + countInversions(&a, &tmp, mid, hi)
        var i = lo, j = mid, k = lo
        while i < mid && j < hi {
            if a[j] < a[i] {
                tmp[k] = a[j]; j += 1
                count += mid - i
            } else {
                tmp[k] = a[i]; i += 1
            }
            k += 1
        }
        while i < mid { tmp[k] = a[i]; i += 1; k += 1 }
        while j < hi { tmp[k] = a[j]; j += 1; k += 1 }
        for p in lo..<hi { a[p] = tmp[p] }
        return count
    }
}
