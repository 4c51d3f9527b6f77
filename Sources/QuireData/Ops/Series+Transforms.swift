import Foundation

/// pandas' running reductions.
public enum Cumulative: String, Sendable, CaseIterable {
    case cumsum, cumprod, cummax, cummin
}

extension Series {
    /// pandas' `cumsum()`, `cumprod()`, `cummax()`, `cummin()`: missing values stay missing and
    /// are skipped; int columns stay ints (wrapping as numpy does), bools count as 0 and 1.
    public func cumulative(_ op: Cumulative) throws -> Series {
        switch column.storage {
        case .int64(let v) where !column.hasMissing:
            var out = [Int64](repeating: 0, count: v.count)
            var acc: Int64 = 0
            for i in v.indices {
                let x = v[i]
                if i == 0 { acc = x } else {
                    switch op {
                    case .cumsum: acc = acc &+ x
                    case .cumprod: acc = acc &* x
                    case .cummax: acc = Swift.max(acc, x)
                    case .cummin: acc = Swift.min(acc, x)
                    }
                }
                out[i] = acc
            }
            return with(Column(int64: out))
        case .string:
            throw DataError.wrongType(column: name, type: type, operation: op.rawValue)
        default:
            let v = column.doubles!
            var out = [Double](repeating: .nan, count: v.count)
            var acc: Double?
            for i in v.indices where !v[i].isNaN {
                let x = v[i]
                if let a = acc {
                    switch op {
                    case .cumsum: acc = a + x
                    case .cumprod: acc = a * x
                    case .cummax: acc = Swift.max(a, x)
                    case .cummin: acc = Swift.min(a, x)
                    }
                } else {
                    acc = x
                }
                out[i] = acc!
            }
            if case .bool = column.storage, !column.hasMissing, op == .cumsum || op == .cumprod {
                return with(Column(int64: out.map { Int64($0) }))
            }
            return with(Column(float64: out))
        }
    }

    /// pandas' `diff(periods=)`: each value minus the one `periods` rows before (after, for a
    /// negative count), as floats; missing where there is none.
    public func diff(_ periods: Int) throws -> Series {
        let v = try floats(for: "diff")
        return with(Column(float64: shifted(v, periods) { $0 - $1 }))
    }

    /// pandas' `pct_change(periods=)`: the change from `periods` rows before, as a fraction.
    public func pctChange(_ periods: Int) throws -> Series {
        let v = try floats(for: "pct_change")
        return with(Column(float64: shifted(v, periods) { $0 / $1 - 1 }))
    }

    /// pandas' `round(decimals)` (numpy's: half to even on the scaled value); ints and bools
    /// are unchanged for decimals of 0 or more.
    public func rounded(_ decimals: Int) throws -> Series {
        switch column.storage {
        case .float64(let v): return with(Column(float64: v.map { Series.round($0, decimals) }))
        case .int64(let v) where decimals < 0:
            // Values whose rounding leaves the int range stay as they are (no trap).
            return with(Column(int64: v.map { x in
                let r = Series.round(Double(x), decimals)
                return r.magnitude < 9.2e18 ? Int64(r) : x
            }))
        case .string: throw DataError.wrongType(column: name, type: type, operation: "round")
        default: return self
        }
    }

    /// numpy's `around`: `rint(x * 10^d) / 10^d` (or `rint(x / 10^-d) * 10^-d`).
    static func round(_ x: Double, _ decimals: Int) -> Double {
        if decimals >= 0 {
            let f = pow(10.0, Double(decimals))
            return (x * f).rounded(.toNearestOrEven) / f
        }
        let f = pow(10.0, Double(-decimals))
        return (x / f).rounded(.toNearestOrEven) * f
    }

    /// The Series with other values, keeping its name and labels.
    func with(_ c: Column) -> Series { Series(name: name, column: c, index: index) }

    private func floats(for operation: String) throws -> [Double] {
        if case .bool = column.storage { throw DataError.wrongType(column: name, type: type, operation: operation) }
        guard let d = column.doubles else { throw DataError.wrongType(column: name, type: type, operation: operation) }
        return d
    }

    private func shifted(_ v: [Double], _ periods: Int, _ f: (Double, Double) -> Double) -> [Double] {
        var out = [Double](repeating: .nan, count: v.count)
        for i in v.indices {
            let (j, overflow) = i.subtractingReportingOverflow(periods)
            if !overflow && j >= 0 && j < v.count { out[i] = f(v[i], v[j]) }
        }
        return out
    }

    /// `value_counts(normalize=true)`: each value's share of the values that are not missing.
    public func valueShares() -> Series {
        let counts = valueCounts()
        let total = Double(column.validCount)
        guard case .int64(let c) = counts.column.storage else { return counts }
        return Series(name: "proportion", column: Column(float64: c.map { Double($0) / total }), index: counts.index)
    }
}

extension DataFrame {
    /// A transform of every column (text columns are an error naming the operation).
    public func mapColumns(_ transform: (Series) throws -> Series) throws -> DataFrame {
        var out: [Column] = []
        for j in names.indices { out.append(try transform(series(at: j)).column) }
        return DataFrame(names: names, columns: out, index: index)
    }

    /// pandas' `df.round(decimals)`: text columns are left as they are.
    public func rounded(_ decimals: Int) throws -> DataFrame {
        try mapColumns { $0.type == .string ? $0 : try $0.rounded(decimals) }
    }

    /// pandas' `df.quantile(q, numeric_only=)`: one value per numeric column, named `q`.
    public func quantile(_ q: Double, numericOnly: Bool) throws -> Series {
        var kept: [String] = [], values: [Double] = []
        for j in names.indices {
            let s = series(at: j)
            if s.type == .string {
                if numericOnly { continue }
                throw DataError.wrongType(column: names[j], type: s.type, operation: "quantile")
            }
            kept.append(names[j])
            values.append(try s.quantile(q))
        }
        return Series(name: formatScalar(.float(q)), column: Column(float64: values), index: RowIndex(labels: Column(string: kept)))
    }
}
