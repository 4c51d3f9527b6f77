import QuireSupport
import Dispatch
/// A reduction of a column to one value, by pandas' method name.
public enum Reduction: String, Sendable, CaseIterable {
    case mean, sum, min, max, std, median, count
}

extension Series {
    /// Applies a named reduction.
    public func reduce(_ r: Reduction) throws -> Scalar {
        switch r {
        case .mean: return .float(try mean())
        case .sum: return try sum()
        case .min: return try min()
        case .max: return try max()
        case .std: return .float(try std())
        case .median: return .float(try median())
        case .count: return .int(Int64(countValid()))
        }
    }
}

extension DataFrame {
    /// A reduction of every column, as a Series indexed by column names (pandas' `df.mean()`).
    public func reduce(_ r: Reduction) throws -> Series {
        let values = try names.indices.map { try series(at: $0).reduce(r) }
        return perColumn(r.rawValue, Column(scalars: values))
    }

    /// The statistics pandas' `describe()` gives for each numeric column: count, mean, std,
    /// min, 25%, 50%, 75%, max; for a frame without numbers, count, unique, top and freq.
    public func describe() throws -> DataFrame {
        let numeric = names.indices.filter { columns[$0].type.isNumeric }
        guard !numeric.isEmpty else { return describeText() }
        let labels = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
        let results = ParallelResults<[Double]>(count: numeric.count)
        let frame = self
        // Columns are independent: describe them on every core.
        Parallel.forEach(numeric.count, chunks: numeric.count) { k, _ in
            results.set(k, Result { try frame.describeNumbers(frame.series(at: numeric[k])) })
        }
        // A stop skips columns not yet started: report it before reading their slots.
        try Cancellation.check()
        let out = try results.take().map { Column(float64: try $0.get()) }
        return DataFrame(names: numeric.map { names[$0] }, columns: out, index: RowIndex(labels: Column(string: labels)))
    }

    /// count, mean, std, min, 25%, 50%, 75%, max of one numeric column.
    func describeNumbers(_ s: Series) throws -> [Double] {
        guard !s.column.hasMissing, let d = s.column.doubles, d.count > 1 else {
            var values = try s.numbers(for: "describe")
            let (smallest, quartiles, largest) = Selection.summary(&values, [0.25, 0.5, 0.75])
            return [Double(values.count), try s.mean(), try s.std(), smallest] + quartiles + [largest]
        }
        // One conversion to doubles serves the mean, the deviations and the quartiles.
        let n = Double(d.count)
        let mean = PairwiseSum.pandas(d) / n
        let std = PairwiseSum.pandas(d.map { (mean - $0) * (mean - $0) }) / (n - 1)
        let qs = [0.25, 0.5, 0.75]
        if case .int64(let ints) = s.column.storage, let small = Selection.smallRangeSummary(ints, qs) {
            return [n, mean, std.squareRoot(), small.min] + small.quantiles + [small.max]
        }
        var values = d
        let (smallest, quartiles, largest) = Selection.summary(&values, qs)
        return [n, mean, std.squareRoot(), smallest] + quartiles + [largest]
    }

    /// describe() of text columns: how many values, how many distinct, the most common and its count.
    func describeText() -> DataFrame {
        var out: [Column] = []
        for j in names.indices {
            let counts = series(at: j).valueCounts()
            let top = counts.count > 0 ? counts.index[0] : .missing
            let freq: Scalar = counts.count > 0 ? counts.column[0] : .missing
            let topText: Scalar
            switch top {
            case .string: topText = top
            case .bool(let b): topText = .string(b ? "true" : "false")
            case .missing: topText = .missing
            default: topText = .string(formatScalar(top))
            }
            out.append(Column(scalars: [
                .string(String(columns[j].validCount)), .string(String(counts.count)), topText,
                freq == .missing ? .missing : .string(formatScalar(freq)),
            ]))
        }
        return DataFrame(names: names, columns: out, index: RowIndex(labels: Column(string: ["count", "unique", "top", "freq"])))
    }

    /// The rows ordered by column `by` (stable: equal values keep their order; missing last).
    public func sortValues(by: String, ascending: Bool = true) throws -> DataFrame {
        taking(try column(by).sortOrder(ascending: ascending))
    }
}

extension Series {
    /// The row order that sorts the values, stably, missing values last.
    public func sortOrder(ascending: Bool) -> [Int] {
        let present = (0..<count).filter { !column.isMissing($0) }
        let missing = (0..<count).filter { column.isMissing($0) }
        var sorted: [Int]
        switch column.storage {
        case .int64(let v): sorted = stableSort(present) { v[$0] < v[$1] }
        case .float64(let v): sorted = stableSort(present) { v[$0] < v[$1] }
        case .bool(let v): sorted = stableSort(present) { !v[$0] && v[$1] }
        case .string(let v):
            sorted = stableSort(present) { v[$0].unicodeScalars.lexicographicallyPrecedes(v[$1].unicodeScalars) }
        }
        if !ascending {
            // Descending, equal values still in their original order (pandas reverses twice).
            sorted = stableSort(present.reversed()) { a, b in
                switch column.storage {
                case .int64(let v): v[a] < v[b]
                case .float64(let v): v[a] < v[b]
                case .bool(let v): !v[a] && v[b]
                case .string(let v): v[a].unicodeScalars.lexicographicallyPrecedes(v[b].unicodeScalars)
                }
            }.reversed()
        }
        return sorted + missing
    }

    /// The values sorted (pandas' `sort_values` on a Series).
    public func sortValues(ascending: Bool = true) -> Series { taking(sortOrder(ascending: ascending)) }
}

/// A stable sort of `rows` by `less` (Swift's sort is not documented as stable).
func stableSort(_ rows: [Int], by less: (Int, Int) -> Bool) -> [Int] {
    let positioned = Array(rows.enumerated())
    return positioned.sorted { a, b in
        if less(a.element, b.element) { return true }
        if less(b.element, a.element) { return false }
        return a.offset < b.offset
    }.map(\.element)
}

/// A scalar as pandas writes it in text: `3`, `2.5`, `True`, `abc`, `NaN`.
public func formatScalar(_ s: Scalar) -> String {
    switch s {
    case .int(let i): String(i)
    case .float(let d): d.isNaN ? "NaN" : FloatRepr.python(d)
    case .bool(let b): b ? "True" : "False"
    case .string(let t): t
    case .missing: "NaN"
    }
}
