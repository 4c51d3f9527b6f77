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
        let (keys, distinct) = try rowCodes(subset ?? names)
        var marks = [Bool](repeating: false, count: rowCount)
        // The codes are dense, so a table indexed by code replaces a hashed set.
        switch keep {
        case .first, .last:
            var seen = [Bool](repeating: false, count: distinct)
            let rows = keep == .first ? Array(0..<rowCount) : Array((0..<rowCount).reversed())
            for i in rows {
                marks[i] = seen[keys[i]]
                seen[keys[i]] = true
            }
        case .none:
            var counts = [Int](repeating: 0, count: distinct)
            for k in keys { counts[k] += 1 }
            for i in 0..<rowCount { marks[i] = counts[keys[i]] > 1 }
        }
        return Series(name: nil, column: Column(bool: marks), index: index)
    }

    /// The rows `duplicated` does not mark (pandas' `drop_duplicates`).
    public func droppingDuplicates(subset: [String]? = nil, keep: KeepDuplicate = .first) throws -> DataFrame {
        let marks = try duplicated(subset: subset, keep: keep)
        guard case .bool(let m) = marks.column.storage else { return self }
        return taking((0..<rowCount).filter { !m[$0] })
    }

    /// One code per row for the values of `keys`: equal codes, equal rows. The codes are dense
    /// (`0..<distinct`), numbered in order of first appearance.
    func rowKeys(_ keys: [String]) throws -> [Int] { try rowCodes(keys).codes }

    /// `rowKeys` with the number of distinct rows. Each column's codes are folded into one
    /// number per row (`code * width + next code`) while that stays below `denseLimit`, and
    /// renumbered densely only when it would not, and once at the end.
    func rowCodes(_ keys: [String]) throws -> (codes: [Int], distinct: Int) {
        let n = rowCount
        let limit = Swift.max(Self.denseLimit, 2 * n)
        var combined = [Int](repeating: 0, count: n)
        var width = 1  // the folded codes lie in 0..<width
        for name in keys {
            try Cancellation.check()
            let (codes, w) = Self.keyCodes(try column(name).column)
            if width.multipliedReportingOverflow(by: w).overflow || width * w > limit {
                width = Self.renumber(&combined, width: width, limit: limit)
            }
            combined.withUnsafeMutableBufferPointer { out in
                codes.withUnsafeBufferPointer { c in
                    for i in 0..<n { out[i] = out[i] &* w &+ c[i] }
                }
            }
            width *= w
        }
        let distinct = Self.renumber(&combined, width: width, limit: limit)
        return (combined, distinct)
    }

    /// Folded codes below this many values are renumbered through a table indexed by code
    /// (or below twice the row count, when that is larger); wider ones through a hash table.
    static let denseLimit = 1 << 20

    /// Codes `0..<width` for a column's values, missing values included as a value of their own.
    /// Ints of a small range are coded by their offset from the smallest (no table needed).
    static func keyCodes(_ column: Column) -> (codes: [Int], width: Int) {
        switch column.storage {
        case .int64(let v) where column.validity == nil:
            if let lo = v.min(), let hi = v.max() {
                let (span, overflow) = hi.subtractingReportingOverflow(lo)
                if !overflow, span < Int64(Factorized.smallRange) {
                    return (v.map { Int($0 &- lo) }, Int(span) + 1)
                }
            }
        case .bool(let v):
            if let validity = column.validity {
                return (v.indices.map { validity[$0] ? (v[$0] ? 1 : 0) : 2 }, 3)
            }
            return (v.map { $0 ? 1 : 0 }, 2)
        default: break
        }
        let f = Factorized(column)
        return (f.codes.map { $0 + 1 }, f.uniques.count + 1)  // missing (-1) becomes a code of its own
    }

    /// Renumbers codes in `0..<width` densely in order of first appearance; returns how many.
    static func renumber(_ codes: inout [Int], width: Int, limit: Int) -> Int {
        if width <= limit {
            var table = [Int](repeating: -1, count: width)
            var next = 0
            codes.withUnsafeMutableBufferPointer { c in
                table.withUnsafeMutableBufferPointer { t in
                    for i in c.indices {
                        var code = t[c[i]]
                        if code < 0 {
                            code = next
                            t[c[i]] = code
                            next += 1
                        }
                        c[i] = code
                    }
                }
            }
            return next
        }
        var table = CodeTable(expected: Swift.min(codes.count, 1 << 16))
        codes.withUnsafeMutableBufferPointer { c in
            for i in c.indices { c[i] = table.code(UInt64(c[i])).code }
        }
        return table.count
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
