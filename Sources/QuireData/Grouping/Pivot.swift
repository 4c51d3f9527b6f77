import QuireSupport

/// pandas' `pivot_table` and `crosstab`: one column's values reduced per (row key, column key),
/// rows labelled by the index keys (sorted; a MultiIndex for several), columns by the column
/// key's sorted values, with an "All" row and column for `margins`.
public enum Pivot {
    /// How `crosstab` turns counts into shares.
    public enum Normalize: String, Sendable, CaseIterable {
        case none = "false", all, index, columns
    }

    /// `df.pivot_table(values=, index=, columns=, aggfunc=, fill_value=, margins=)`.
    public static func table(
        _ frame: DataFrame, values: String, index: [String], columns: String, reduction: Reduction,
        fillValue: Scalar? = nil, margins: Bool = false
    ) throws -> DataFrame {
        let valueColumn = try frame.column(values)
        let rows = try GroupBy(frame, by: index), cols = try GroupBy(frame, by: [columns])
        let nr = rows.groupCount, nc = cols.groupCount
        // No pair at all: pandas gives an empty frame, margins or not.
        guard nr > 0 && nc > 0 else { return DataFrame(names: [], columns: [], index: RowIndex(range: 0)) }
        // One group per (row, column) pair; rows with a missing key in either are left out.
        var pairOfRow = [Int](repeating: -1, count: frame.rowCount)
        var occupied = [Bool](repeating: false, count: nr * nc)
        for i in 0..<frame.rowCount where rows.groupOfRow[i] >= 0 && cols.groupOfRow[i] >= 0 {
            let p = rows.groupOfRow[i] * nc + cols.groupOfRow[i]
            pairOfRow[i] = p
            occupied[p] = true
        }
        try Cancellation.check()
        let pairs = GroupBy(frame: frame, keyNames: index + [columns], groupOfRow: pairOfRow, groupCount: nr * nc)
        let cells = try pairs.reduce(valueColumn, reduction)
        // Cells no row fell in are missing (before fill_value), as pandas' unstack leaves them.
        var grid: [[Scalar]] = (0..<nc).map { c in (0..<nr).map { r in occupied[r * nc + c] ? cells[r * nc + c] : .missing } }
        let anyMissing = grid.contains { $0.contains(.missing) }
        if let fillValue {
            grid = grid.map { $0.map { $0 == .missing ? fillValue : $0 } }
        } else if anyMissing {
            // pandas' unstack makes the whole block float when it leaves a hole.
            grid = grid.map { $0.map { $0.double.map(Scalar.float) ?? $0 } }
        }
        var names = cols.keys.labelTexts
        var rowIndex = rows.resultIndex
        if margins {
            let inPairs = { (g: [Int]) in zip(g, pairOfRow).map { $1 < 0 ? -1 : $0 } }
            let byRow = try GroupBy(frame: frame, keyNames: index, groupOfRow: inPairs(rows.groupOfRow), groupCount: nr).reduce(valueColumn, reduction)
            let byColumn = try GroupBy(frame: frame, keyNames: [columns], groupOfRow: inPairs(cols.groupOfRow), groupCount: nc).reduce(valueColumn, reduction)
            let all = GroupBy(frame: frame, keyNames: [], groupOfRow: pairOfRow.map { $0 < 0 ? -1 : 0 }, groupCount: 1)
            let total = try all.reduce(valueColumn, reduction)[0]
            for c in 0..<nc { grid[c].append(byColumn[c]) }
            grid.append((0..<nr).map { byRow[$0] } + [total])
            names.append(allLabel)
            rowIndex = rowIndex.appendingMarginLabel()
        }
        var table = DataFrame(names: names, columns: grid.map { Column(scalars: $0) }, index: rowIndex)
        table.columnsName = columns
        return table
    }

    /// `crosstab(index, columns, normalize=, margins=)`: how often each pair of values occurs.
    public static func crosstab(_ index: Series, _ columns: Series, normalize: Normalize = .none, margins: Bool = false) throws -> DataFrame {
        guard index.count == columns.count else { throw DataError.lengthMismatch(left: index.count, right: columns.count) }
        var rowName = index.name ?? "row_0", colName = columns.name ?? "col_0"
        if rowName == colName { rowName += " (rows)"; colName += " (columns)" }
        let ones = Column(int64: [Int64](repeating: 1, count: index.count))
        let frame = DataFrame(names: [rowName, colName, "__count"], columns: [index.column, columns.column, ones])
        var counts = try table(frame, values: "__count", index: [rowName], columns: colName, reduction: .count,
                               fillValue: .int(0), margins: margins || normalize != .none)
        if counts.rowCount == 0 { return counts }
        if normalize != .none { counts = normalized(counts, normalize, keepMargins: margins) }
        counts.index.name = index.name
        counts.columnsName = columns.name
        return counts
    }

    /// The label of the margins' row and column.
    static let allLabel = "All"

    /// Counts with margins divided by the grand total, the row totals or the column totals
    /// (pandas' `_normalize`; the margin along which it divides is dropped).
    static func normalized(_ t: DataFrame, _ how: Normalize, keepMargins: Bool) -> DataFrame {
        let nr = t.rowCount - 1, nc = t.columnCount - 1
        let grid = t.columns.map { $0.doubles ?? [] }
        let total = grid[nc][nr]
        var out: [[Double]] = []
        for c in 0...nc {
            out.append((0...nr).map { r in
                switch how {
                case .index: grid[c][r] / grid[nc][r]
                case .columns: grid[c][r] / grid[c][nr]
                default: grid[c][r] / total
                }
            })
        }
        var keepRows = Array(0...nr), keepCols = Array(0...nc)
        if !keepMargins || how == .columns { keepRows.removeLast() }
        if !keepMargins || how == .index { keepCols.removeLast() }
        var result = DataFrame(names: keepCols.map { t.names[$0] }, columns: keepCols.map { c in Column(float64: keepRows.map { r in out[c][r] }) },
                               index: t.index.taking(keepRows))
        result.columnsName = t.columnsName
        return result
    }
}

extension Column {
    /// The values as pandas prints labels, one text per value.
    var labelTexts: [String] { CellFormat.cells(self, leadingSpace: false).map { $0.trimmingLeadingSpaces() } }
}

extension RowIndex {
    /// The labels with pandas' "All" row at the end (("All", "", ...) for a MultiIndex).
    func appendingMarginLabel() -> RowIndex {
        if let multi {
            let levels = multi.levels.enumerated().map { l, c in
                Column(scalars: (0..<c.count).map { c[$0] } + [l == 0 ? .string(Pivot.allLabel) : .string("")])
            }
            return RowIndex(multi: MultiIndex(levels: levels, names: multi.names))
        }
        let c = labels
        var r = RowIndex(labels: Column(scalars: (0..<c.count).map { c[$0] } + [.string(Pivot.allLabel)]), name: name)
        r.fromRange = false
        return r
    }
}
