import Foundation
import QuireSupport

/// The rows of a frame split by the values of one key column or several; groups are sorted by
/// key (the first key deciding first) and rows with a missing key are left out, as pandas'
/// `groupby` does by default.
public struct GroupBy: Sendable {
    public let frame: DataFrame
    public let keyNames: [String]
    /// For each row, its group's position among the sorted keys; -1 for a missing key.
    let groupOfRow: [Int]
    /// Each key's value per group, in the groups' order.
    public private(set) var keyColumns: [Column]

    /// The first key (the only one for a group-by on one column).
    public var key: String { keyNames[0] }
    /// The sorted key values of a one-key group-by, as the result's index.
    public var keys: Column { keyColumns[0] }

    public init(_ frame: DataFrame, by key: String) throws {
        try self.init(frame, by: [key])
    }

    public init(_ frame: DataFrame, by keys: [String]) throws {
        guard !keys.isEmpty else { throw GroupingError.noKeys }
        self.frame = frame
        self.keyNames = keys
        let columns = try keys.map { try frame.column($0).column }
        // Each key's values ranked in sorted order; a row's group is its ranks read as one number
        // (mixed radix, the first key most significant), so sorting codes sorts tuples.
        var ranks: [[Int]] = [], firstRows: [[Int]] = [], radix: [Int] = []
        for c in columns {
            try Cancellation.check()
            let f = Factorized(c)
            let sortedCodes = f.uniques.indices.sorted { c[f.uniques[$0]] < c[f.uniques[$1]] }
            var rank = [Int](repeating: 0, count: f.uniques.count)
            for (r, code) in sortedCodes.enumerated() { rank[code] = r }
            ranks.append(f.codes.map { $0 < 0 ? -1 : rank[$0] })
            firstRows.append(sortedCodes.map { f.uniques[$0] })
            radix.append(max(f.uniques.count, 1))
        }
        let n = frame.rowCount
        var composite = ranks[0]
        var space = radix[0]
        for k in 1..<ranks.count {
            let (product, overflow) = space.multipliedReportingOverflow(by: radix[k])
            guard !overflow else { throw GroupingError.tooManyGroups }
            space = product
            let r = ranks[k], base = radix[k]
            for i in 0..<n where composite[i] >= 0 { composite[i] = r[i] < 0 ? -1 : composite[i] * base + r[i] }
        }
        // Number the groups that occur, in code order: a table when the code space is small,
        // else a sort of the distinct codes.
        var groupOfCode: [Int: Int] = [:]
        var occurring: [Int] = []
        var groupOfRow = [Int](repeating: -1, count: n)
        if space <= max(n, 1 << 16) {
            var table = [Int](repeating: -1, count: space)
            for c in composite where c >= 0 { table[c] = 0 }
            for c in 0..<space where table[c] == 0 {
                table[c] = occurring.count
                occurring.append(c)
            }
            for i in 0..<n where composite[i] >= 0 { groupOfRow[i] = table[composite[i]] }
        } else {
            for c in composite where c >= 0 { groupOfCode[c] = 0 }
            occurring = groupOfCode.keys.sorted()
            for (g, c) in occurring.enumerated() { groupOfCode[c] = g }
            for i in 0..<n where composite[i] >= 0 { groupOfRow[i] = groupOfCode[composite[i]]! }
        }
        self.groupOfRow = groupOfRow
        // Decode each group's ranks back into key values.
        var keyColumns: [Column] = []
        var divisor = space
        for k in 0..<columns.count {
            divisor /= radix[k]
            let rows = occurring.map { firstRows[k][($0 / divisor) % radix[k]] }
            keyColumns.append(columns[k].taking(rows))
        }
        self.keyColumns = keyColumns
        groupCount = occurring.count
    }

    /// The same groups over the keys and `columns` only (pandas' `grouped[["a", "b"]]`).
    public func selecting(_ columns: [String]) throws -> GroupBy {
        let kept = keyNames + columns.filter { !keyNames.contains($0) }
        var copy = GroupBy(frame: try frame.selecting(kept), keyNames: keyNames, groupOfRow: groupOfRow, groupCount: groupCount)
        copy.keyColumns = keyColumns
        return copy
    }

    /// Groups already numbered (the cells of a pivot table, its margins); no key values.
    init(frame: DataFrame, keyNames: [String], groupOfRow: [Int], groupCount: Int) {
        self.frame = frame
        self.keyNames = keyNames
        self.groupOfRow = groupOfRow
        self.groupCount = groupCount
        keyColumns = []
    }

    public let groupCount: Int
    /// The result's row labels: the key values (a MultiIndex for several keys).
    public var resultIndex: RowIndex {
        if keyNames.count == 1 { return RowIndex(labels: keys, name: key) }
        return RowIndex(multi: MultiIndex(levels: keyColumns, names: keyNames))
    }
    /// The columns aggregated by `mean()`, `sum()` and the like: all but the keys.
    public var valueColumns: [String] { frame.names.filter { !keyNames.contains($0) } }

    /// The number of rows in each group (pandas' `size()`).
    public func size() -> Series {
        var sizes = [Int64](repeating: 0, count: groupCount)
        for g in groupOfRow where g >= 0 { sizes[g] += 1 }
        return Series(name: nil, column: Column(int64: sizes), index: resultIndex)
    }

    /// One reduction applied to every value column.
    public func aggregate(_ r: Reduction) throws -> DataFrame {
        try aggregate(valueColumns.map { ($0, r) })
    }

    /// Each named column reduced per group, in the order given (pandas' `agg({...})`).
    public func aggregate(_ specs: [(column: String, reduction: Reduction)]) throws -> DataFrame {
        var columns: [Column] = []
        for (name, r) in specs {
            try Cancellation.check()
            columns.append(try reduce(try frame.column(name), r))
        }
        return DataFrame(names: specs.map(\.column), columns: columns, index: resultIndex)
    }

    /// Several reductions of each column (pandas' `agg(["mean", "max"])` and `agg({"x": ["sum",
    /// "mean"]})`): columns labelled by function, under their column's name.
    public func aggregate(grouped specs: [(column: String, reductions: [Reduction])]) throws -> DataFrame {
        var names: [String] = [], groups: [String] = [], columns: [Column] = []
        for (name, reductions) in specs {
            let s = try frame.column(name)
            for r in reductions {
                try Cancellation.check()
                columns.append(try reduce(s, r))
                names.append(r.rawValue)
                groups.append(name)
            }
        }
        var result = DataFrame(names: names, columns: columns, index: resultIndex)
        result.columnGroups = groups
        return result
    }

    /// Named outputs, each one column reduced (pandas' `agg(total=("x", "sum"), ...)`).
    public func aggregate(named specs: [(output: String, column: String, reduction: Reduction)]) throws -> DataFrame {
        var seen = Set<String>()
        for spec in specs where !seen.insert(spec.output).inserted { throw GroupingError.duplicateOutput(name: spec.output) }
        let f = try aggregate(specs.map { ($0.column, $0.reduction) })
        return DataFrame(names: specs.map(\.output), columns: f.columns, index: f.index)
    }

    /// min or max per group of an int column without missing values, or of a float column,
    /// on the typed buffer (no Scalar per row); nil for other columns.
    func extremes(_ c: Column, max: Bool) -> Column? {
        let n = groupCount
        switch c.storage {
        case .int64(let v) where c.validity == nil:
            var best = [Int64](repeating: max ? .min : .max, count: n), seen = [Bool](repeating: false, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 {
                seen[g] = true
                best[g] = max ? Swift.max(best[g], v[i]) : Swift.min(best[g], v[i])
            }
            guard seen.allSatisfy({ $0 }) else { return Column(scalars: (0..<n).map { seen[$0] ? .int(best[$0]) : .missing }) }
            return Column(int64: best)
        case .float64(let v):
            var best = [Double](repeating: .nan, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !v[i].isNaN {
                if best[g].isNaN || (max ? v[i] > best[g] : v[i] < best[g]) { best[g] = v[i] }
            }
            return Column(float64: best)
        default:
            return nil
        }
    }

    func reduce(_ s: Series, _ r: Reduction) throws -> Column {
        let c = s.column
        let n = groupCount
        if r == .count {
            var counts = [Int64](repeating: 0, count: n)
            if c.validity == nil, c.type != .float64 {
                for g in groupOfRow where g >= 0 { counts[g] += 1 }
            } else {
                for (i, g) in groupOfRow.enumerated() where g >= 0 && !c.isMissing(i) { counts[g] += 1 }
            }
            return Column(int64: counts)
        }
        if r == .min || r == .max, let fast = extremes(c, max: r == .max) { return fast }
        if r == .min || r == .max {
            var best = [Scalar](repeating: .missing, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !c.isMissing(i) {
                let v = c[i]
                if best[g] == .missing || (r == .min ? v < best[g] : v > best[g]) { best[g] = v }
            }
            return Column(scalars: best)
        }
        guard let values = c.doubles else { throw DataError.wrongType(column: s.name, type: c.type, operation: r.rawValue) }
        switch r {
        case .sum where c.type != .float64:
            var sums = [Int64](repeating: 0, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !c.isMissing(i) { sums[g] &+= Int64(values[i]) }
            return Column(int64: sums)
        case .sum, .mean:
            var sums = [PairwiseSum.Kahan](repeating: .init(), count: n)
            var counts = [Int](repeating: 0, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !values[i].isNaN {
                sums[g].add(values[i])
                counts[g] += 1
            }
            if r == .sum { return Column(float64: sums.map(\.sum)) }
            return Column(float64: (0..<n).map { counts[$0] == 0 ? .nan : sums[$0].sum / Double(counts[$0]) })
        case .std:
            var acc = [Summation.Welford](repeating: .init(), count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !values[i].isNaN { acc[g].add(values[i]) }
            return Column(float64: acc.map { sqrt($0.variance(ddof: 1)) })
        default:
            var groups = [[Double]](repeating: [], count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !values[i].isNaN { groups[g].append(values[i]) }
            return Column(float64: groups.map { medianOfSorted($0.sorted()) })
        }
    }
}

extension DataFrame {
    /// Groups the rows by the values of `key`.
    public func groupBy(_ key: String) throws -> GroupBy { try GroupBy(self, by: key) }

    /// Groups the rows by the values of several keys (pandas' `groupby(["a", "b"])`).
    public func groupBy(_ keys: [String]) throws -> GroupBy { try GroupBy(self, by: keys) }
}
