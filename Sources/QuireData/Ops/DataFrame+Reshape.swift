import Foundation
import QuireSupport

/// Which of repeated rows `duplicated` and `drop_duplicates` leave unmarked.
public enum KeepDuplicate: Sendable {
    case first, last, none
}

/// Column types `astype` converts to, by pandas' names.
public enum ColumnCast: String, Sendable, CaseIterable {
    case int64, float64, bool, str
}

extension DataFrame {
    /// pandas' `duplicated(subset=, keep=)`: true for a row whose values in `subset` (every column
    /// when nil) repeat an earlier row's (`.first`), a later row's (`.last`), or any other's
    /// (`.none`). Missing values equal each other here, as in pandas.
    public func duplicated(subset: [String]? = nil, keep: KeepDuplicate = .first) throws -> Series {
        let keys = try rowKeys(subset ?? names)
        var marks = [Bool](repeating: false, count: rowCount)
        switch keep {
        case .first:
            var seen = Set<Int>()
            for i in 0..<rowCount { marks[i] = !seen.insert(keys[i]).inserted }
        case .last:
            var seen = Set<Int>()
            for i in (0..<rowCount).reversed() { marks[i] = !seen.insert(keys[i]).inserted }
        case .none:
            var counts: [Int: Int] = [:]
            for k in keys { counts[k, default: 0] += 1 }
            for i in 0..<rowCount { marks[i] = counts[keys[i]]! > 1 }
        }
        return Series(name: nil, column: Column(bool: marks), index: index)
    }

    /// The rows `duplicated` does not mark (pandas' `drop_duplicates`).
    public func droppingDuplicates(subset: [String]? = nil, keep: KeepDuplicate = .first) throws -> DataFrame {
        let marks = try duplicated(subset: subset, keep: keep)
        guard case .bool(let m) = marks.column.storage else { return self }
        return taking((0..<rowCount).filter { !m[$0] })
    }

    /// One code per row for the values of `keys`: equal codes, equal rows.
    func rowKeys(_ keys: [String]) throws -> [Int] {
        var combined = [Int](repeating: 0, count: rowCount)
        for (k, name) in keys.enumerated() {
            let f = Factorized(try column(name).column)
            let width = f.uniques.count + 1
            if k == 0 {
                combined = f.codes.map { $0 + 1 }  // missing (-1) becomes a code of its own
                continue
            }
            // Renumber the pairs (code so far, this column's code) densely, so codes stay small.
            var table: [Int: Int] = [:]
            for i in 0..<rowCount {
                let pair = combined[i] * width + (f.codes[i] + 1)
                if let c = table[pair] { combined[i] = c } else {
                    let c = table.count
                    table[pair] = c
                    combined[i] = c
                }
            }
        }
        return combined
    }

    /// pandas' `rename(columns={old: new})`: names not in the mapping stay.
    public func renamingColumns(_ mapping: [String: String]) -> DataFrame {
        DataFrame(names: names.map { mapping[$0] ?? $0 }, columns: columns, index: index)
    }

    /// pandas' `df.T`: rows become columns (named by the row labels) and columns rows; each new
    /// column takes the type that holds its values.
    public func transposed() -> DataFrame {
        let newNames = (0..<rowCount).map { formatLabel(index[$0]) }
        let newColumns = (0..<rowCount).map { i in Column(scalars: columns.map { $0[i] }) }
        return DataFrame(names: newNames, columns: newColumns, index: RowIndex(labels: Column(string: names)))
    }

    private func formatLabel(_ s: Scalar) -> String {
        if case .string(let t) = s { return t }
        return formatScalar(s)
    }
}

extension Series {
    /// pandas' `astype`: ints from floats truncate toward zero (missing or infinite values
    /// cannot become ints); text parses as numbers; numbers become text as Python writes them;
    /// bools are true for values other than zero (and text other than "").
    public func cast(_ to: ColumnCast) throws -> Series {
        let n = count
        switch to {
        case .float64:
            switch column.storage {
            case .string(let v):
                var out = [Double](repeating: .nan, count: n)
                for i in 0..<n where !column.isMissing(i) {
                    guard let d = Double(v[i].trimmingCharacters(in: .whitespaces)) else {
                        throw DataError.castFailed(value: v[i], to: to.rawValue)
                    }
                    out[i] = d
                }
                return with(Column(float64: out))
            default:
                return with(Column(float64: column.doubles!))
            }
        case .int64:
            switch column.storage {
            case .int64 where !column.hasMissing: return self
            case .string(let v):
                var out = [Int64](repeating: 0, count: n)
                for i in 0..<n {
                    guard !column.isMissing(i), let x = Int64(v[i].trimmingCharacters(in: .whitespaces)) else {
                        throw DataError.castFailed(value: column.isMissing(i) ? "NaN" : v[i], to: to.rawValue)
                    }
                    out[i] = x
                }
                return with(Column(int64: out))
            default:
                let d = column.doubles!
                var out = [Int64](repeating: 0, count: n)
                for i in 0..<n {
                    guard d[i].isFinite, abs(d[i]) < 9.2e18 else {
                        throw DataError.castFailed(value: d[i].isNaN ? "NaN" : formatScalar(.float(d[i])), to: to.rawValue)
                    }
                    out[i] = Int64(d[i].rounded(.towardZero))
                }
                return with(Column(int64: out))
            }
        case .bool:
            switch column.storage {
            case .bool where !column.hasMissing: return self
            case .string(let v): return with(Column(bool: (0..<n).map { column.isMissing($0) || !v[$0].isEmpty }))
            default: return with(Column(bool: column.doubles!.map { $0 != 0 }))  // NaN is true, as in numpy
            }
        case .str:
            if case .string = column.storage { return self }
            let text = (0..<n).map { i -> String in
                switch column[i] {
                case .bool(let b): b ? "True" : "False"
                default: formatScalar(column[i])
                }
            }
            return with(Column(string: text))
        }
    }
}
