import QuireSupport
/// A table: ordered, named, typed columns of equal length and one row index.
public struct DataFrame: Sendable {
    public private(set) var names: [String]
    public private(set) var columns: [Column]
    public var index: RowIndex
    /// The name of the column labels (the column key of a pivot table), printed above the index.
    public var columnsName: String?
    /// The outer level of two-level column labels (`agg(["mean", "max"])`: the column each
    /// function reduced), printed above `names`; ignored unless it has one entry per column.
    public var columnGroups: [String]?

    /// Makes a frame; every column must have `index.count` rows.
    public init(names: [String], columns: [Column], index: RowIndex? = nil) {
        precondition(names.count == columns.count, "one name per column")
        let rows = index?.count ?? columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rows }, "columns of different lengths")
        self.names = names
        self.columns = columns
        self.index = index ?? RowIndex(range: rows)
    }

    public var rowCount: Int { index.count }
    public var columnCount: Int { columns.count }
    public var shape: (rows: Int, columns: Int) { (rowCount, columnCount) }
    public var dtypes: [String] { columns.map(\.pandasDtype) }

    public func position(of name: String) throws -> Int {
        guard let i = names.firstIndex(of: name) else { throw DataError.noSuchColumn(name: name, columns: names) }
        return i
    }

    /// The column `name` as a Series sharing this frame's index.
    public func column(_ name: String) throws -> Series {
        let i = try position(of: name)
        return Series(name: name, column: columns[i], index: index)
    }

    public func series(at i: Int) -> Series { Series(name: names[i], column: columns[i], index: index) }

    /// The columns `selected`, in that order.
    public func selecting(_ selected: [String]) throws -> DataFrame {
        let positions = try selected.map { try position(of: $0) }
        return DataFrame(names: selected, columns: positions.map { columns[$0] }, index: index)
    }

    /// The frame without the columns `dropped`.
    public func dropping(_ dropped: [String]) throws -> DataFrame {
        for name in dropped { _ = try position(of: name) }
        let kept = names.indices.filter { !dropped.contains(names[$0]) }
        return DataFrame(names: kept.map { names[$0] }, columns: kept.map { columns[$0] }, index: index)
    }

    /// Sets or adds column `name` (added at the end, replaced in place).
    public mutating func setColumn(_ name: String, _ column: Column) throws {
        guard column.count == rowCount || columns.isEmpty else {
            throw DataError.columnLength(name: name, expected: rowCount, got: column.count)
        }
        if columns.isEmpty && index.count != column.count { index = RowIndex(range: column.count) }
        if let i = names.firstIndex(of: name) { columns[i] = column } else {
            names.append(name)
            columns.append(column)
        }
    }

    /// Adds a column at the end even when the name is taken (concat keeps both, as pandas does).
    mutating func appendColumn(_ name: String, _ column: Column) {
        precondition(columns.isEmpty || column.count == rowCount, "a column of the frame's length")
        if columns.isEmpty && index.count != column.count { index = RowIndex(range: column.count) }
        names.append(name)
        columns.append(column)
    }

    public func taking(_ rows: [Int]) -> DataFrame {
        DataFrame(names: names, columns: takingColumns(rows), index: index.taking(rows))
    }

    /// Every column's rows `rows`; a large table's columns are gathered on every core.
    private func takingColumns(_ rows: [Int]) -> [Column] {
        let columns = self.columns
        guard columns.count > 1, rows.count * columns.count >= 1 << 18 else { return columns.map { $0.taking(rows) } }
        let results = ParallelResults<Column>(count: columns.count)
        Parallel.forEach(columns.count, chunks: columns.count) { j, _ in results.set(j, .success(columns[j].taking(rows))) }
        // A stopped loop skips columns; they are gathered here (the caller checks the stop).
        return results.values() ?? columns.map { $0.taking(rows) }
    }

    public func head(_ n: Int = 5) -> DataFrame { taking(Array(0..<headCount(n, rowCount))) }
    public func tail(_ n: Int = 5) -> DataFrame { taking(Array(tailStart(n, rowCount)..<rowCount)) }

    /// The rows where `mask` is true (pandas' `df[mask]`).
    public func filtered(by mask: Series) throws -> DataFrame {
        let selection = try RowSelection(mask: mask, count: rowCount, index: index)
        return DataFrame(names: names, columns: selection.taking(columns), index: selection.taking(index))
    }

    /// A float64 matrix of shape rows x columns, row-major; bools become 0 and 1.
    public func toMatrix() throws -> (rows: Int, columns: Int, values: [Double]) {
        let n = rowCount, m = columnCount
        var values = [Double](repeating: 0, count: n * m)
        for (j, column) in columns.enumerated() {
            guard let d = column.doubles else { throw DataError.notNumeric(column: names[j]) }
            for i in 0..<n { values[i * m + j] = d[i] }
        }
        return (n, m, values)
    }
}
