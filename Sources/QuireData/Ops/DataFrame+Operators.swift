/// The other side of an operation on a DataFrame.
public enum FrameOperand: Sendable {
    case frame(DataFrame)
    case series(Series)
    case scalar(Scalar)
}

/// Which labels of a DataFrame a Series lines up with: its column names (pandas' default,
/// `axis="columns"`) or its row labels (`axis="index"`).
public enum FrameAxis: String, Sendable {
    case index, columns
}

extension DataFrame {
    /// `self op other`, column by column, as pandas computes it: a DataFrame is aligned on both
    /// row labels and column names, a Series on the column names (or on the row labels with
    /// `axis: .index`); a name or label on one side only gives missing values unless `fill`
    /// stands in for the missing side.
    public func arithmetic(_ op: ArithmeticOperator, _ other: FrameOperand, axis: FrameAxis = .columns,
                           fill: Scalar? = nil, reflected: Bool = false) throws -> DataFrame {
        switch other {
        case .scalar(let x):
            let out = try columns.indices.map { try series(at: $0).arithmetic(op, .scalar(x), reflected: reflected, fill: fill).column }
            return DataFrame(names: names, columns: out, index: index)
        case .frame(let f):
            return try combined(with: f, op: op, fill: fill, reflected: reflected)
        case .series(let s):
            return try combined(with: try broadcast(s, axis: axis), op: op, fill: fill, reflected: reflected)
        }
    }

    /// `self op value` for each column, as a frame of bools; a DataFrame must have the same row
    /// labels and column names (pandas refuses to compare others).
    public func compare(_ op: ComparisonOperator, _ other: FrameOperand, reflected: Bool = false) throws -> DataFrame {
        switch other {
        case .scalar(let x):
            let out = try columns.indices.map { try series(at: $0).compare(op, .scalar(x), reflected: reflected).column }
            return DataFrame(names: names, columns: out, index: index)
        case .frame(let f):
            guard f.names == names, index.hasSameLabels(as: f.index) else { throw DataError.differentLabels }
            let out = try columns.indices.map {
                try series(at: $0).compare(op, .series(Series(name: nil, column: f.columns[$0], index: index)), reflected: reflected).column
            }
            return DataFrame(names: names, columns: out, index: index)
        case .series(let s):
            // pandas compares a Series with the columns only when its labels are the column names.
            guard RowIndex(labels: Column(string: names)).hasSameLabels(as: s.index) else { throw DataError.differentLabels }
            let out = try columns.indices.map { try series(at: $0).compare(op, .scalar(s.column[$0]), reflected: reflected).column }
            return DataFrame(names: names, columns: out, index: index)
        }
    }

    /// A Series spread into a frame shaped like its labels: each column holding the Series'
    /// value for that column name, or every column the Series itself (`axis: .index`).
    private func broadcast(_ s: Series, axis: FrameAxis) throws -> DataFrame {
        switch axis {
        case .index:
            return DataFrame(names: names, columns: names.map { _ in s.column }, index: s.index)
        case .columns:
            guard s.count == 0 || s.index.labels.type == .string else { throw DataError.labelsNotColumnNames }
            let labels = s.index.labels
            let columnNames = (0..<s.count).map { labels[$0] == .missing ? "NaN" : formatScalar(labels[$0]) }
            // Reindexed to the union of names, the Series gets missing values (int becomes float)
            // when a column has no value in it.
            var values = s.column
            if !Set(names).isSubset(of: columnNames), let d = values.doubles, values.type != .bool { values = Column(float64: d) }
            let columns = (0..<s.count).map { i in
                Column(scalars: [Scalar](repeating: values[i], count: rowCount)).keepingFloat(values)
            }
            return DataFrame(names: columnNames, columns: columns, index: index)
        }
    }

    /// Both frames aligned on rows and columns, then combined column by column.
    private func combined(with other: DataFrame, op: ArithmeticOperator, fill: Scalar?, reflected: Bool) throws -> DataFrame {
        let rows = index.aligned(with: other.index)
        let resultIndex = rows?.index ?? index
        let n = resultIndex.count
        let cols = RowIndex(labels: Column(string: names)).aligned(with: RowIndex(labels: Column(string: other.names)))
        let resultNames = cols.map { a in (0..<a.index.count).map { formatScalar(a.index[$0]) } } ?? names
        var out: [Column] = []
        for k in resultNames.indices {
            let li = cols?.left[k] ?? k, ri = cols?.right[k] ?? k
            func side(_ frame: DataFrame, _ j: Int, _ rowMap: [Int]?) -> Series {
                guard j >= 0 else { return Series(name: nil, column: .missing(n), index: resultIndex) }
                let column = rowMap.map { frame.columns[j].taking(rowsOrMissing: $0) } ?? frame.columns[j]
                return Series(name: nil, column: column, index: resultIndex)
            }
            let a = side(self, li, rows?.left), b = side(other, ri, rows?.right)
            out.append(try a.arithmetic(op, .series(b), reflected: reflected, fill: fill).column)
        }
        return DataFrame(names: resultNames, columns: out, index: resultIndex)
    }

    /// Sets column `name` from a Series, aligned on this frame's row labels (missing where the
    /// Series has no such label), as pandas' `df["c"] = s`.
    public mutating func setColumn(_ name: String, aligning s: Series) throws {
        if columns.isEmpty || index.hasSameLabels(as: s.index) {
            if columns.isEmpty { index = s.index }
            return try setColumn(name, s.column)
        }
        guard let rows = s.index.rows(matching: index) else { throw DataError.duplicateLabels(name: s.name) }
        try setColumn(name, s.column.taking(rowsOrMissing: rows))
    }

    /// Column `name` as the row labels, without that column (pandas' `set_index`).
    public func settingIndex(_ name: String) throws -> DataFrame {
        let i = try position(of: name)
        var f = try dropping([name])
        f.index = RowIndex(labels: columns[i], name: name)
        f.index.fromRange = columns[i].type == .int64
        return f
    }

    /// Row labels 0, 1, ...; the old labels become the first column unless `drop` (pandas'
    /// `reset_index`, which names that column after the index, or "index").
    public func resettingIndex(drop: Bool) throws -> DataFrame {
        if drop { return DataFrame(names: names, columns: columns, index: RowIndex(range: rowCount)) }
        if let multi = index.multi { return try multi.columnsBefore(names: names, columns: columns) }
        let label = index.name ?? (names.contains("index") ? "level_0" : "index")
        guard !names.contains(label) else { throw DataError.columnExists(name: label) }
        return DataFrame(names: [label] + names, columns: [index.labels] + columns, index: RowIndex(range: rowCount))
    }

    /// The rows ordered by their labels (pandas' `sort_index`).
    public func sortIndex(ascending: Bool = true) -> DataFrame { taking(index.sortOrder(ascending: ascending)) }
}

extension Series {
    /// The values ordered by their labels (pandas' `sort_index`).
    public func sortIndex(ascending: Bool = true) -> Series { taking(index.sortOrder(ascending: ascending)) }

    /// The Series with labels 0, 1, ... (pandas' `reset_index(drop=True)`).
    public func droppingIndex() -> Series {
        var s = self
        s.index = RowIndex(range: count)
        return s
    }

    /// A frame of the labels and the values (pandas' `reset_index()`).
    public func resettingIndex() throws -> DataFrame {
        let valueName = name ?? "0"
        if let multi = index.multi { return try multi.columnsBefore(names: [valueName], columns: [column]) }
        let label = index.name ?? (valueName == "index" ? "level_0" : "index")
        guard label != valueName else { throw DataError.columnExists(name: label) }
        return DataFrame(names: [label, valueName], columns: [index.labels, column], index: RowIndex(range: count))
    }
}
