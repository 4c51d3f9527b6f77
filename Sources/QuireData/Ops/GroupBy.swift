import QuireSupport
import Foundation
import QuireSupport

/// The rows of a frame split by the values of one key column; groups are sorted by key and
/// rows with a missing key are left out, as pandas' `groupby` does by default.
public struct GroupBy: Sendable {
    public let frame: DataFrame
    public let key: String
    /// For each row, its group's position among the sorted keys; -1 for a missing key.
    let groupOfRow: [Int]
    /// The sorted key values, as the result's index.
    public let keys: Column

    public init(_ frame: DataFrame, by key: String) throws {
        self.frame = frame
        self.key = key
        let keyColumn = try frame.column(key).column
        let f = Factorized(keyColumn)
        let sortedCodes = f.uniques.indices.sorted { keyColumn[f.uniques[$0]] < keyColumn[f.uniques[$1]] }
        var rank = [Int](repeating: 0, count: f.uniques.count)
        for (r, code) in sortedCodes.enumerated() { rank[code] = r }
        groupOfRow = f.codes.map { $0 < 0 ? -1 : rank[$0] }
        keys = keyColumn.taking(sortedCodes.map { f.uniques[$0] })
    }

    public var groupCount: Int { keys.count }
    var resultIndex: RowIndex { RowIndex(labels: keys, name: key) }
    /// The columns aggregated by `mean()`, `sum()` and the like: all but the key.
    public var valueColumns: [String] { frame.names.filter { $0 != key } }

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

    func reduce(_ s: Series, _ r: Reduction) throws -> Column {
        let c = s.column
        let n = groupCount
        if r == .count {
            var counts = [Int64](repeating: 0, count: n)
            for (i, g) in groupOfRow.enumerated() where g >= 0 && !c.isMissing(i) { counts[g] += 1 }
            return Column(int64: counts)
        }
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
}
