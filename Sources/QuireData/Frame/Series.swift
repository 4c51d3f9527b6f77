/// A named column with row labels, as pandas' Series.
public struct Series: Sendable {
    public var name: String?
    public var column: Column
    public var index: RowIndex
    /// The dtype shown in the footer when it is not the column's own (`object` for `df.dtypes`).
    public var dtypeName: String?

    public init(name: String?, column: Column, index: RowIndex? = nil) {
        self.name = name
        self.column = column
        self.index = index ?? RowIndex(range: column.count)
    }

    public var count: Int { column.count }

    /// The index labels as text, as the repr prints them.
    public var indexLabelTexts: [String] { CellFormat.labels(index) }
    public var type: ColumnType { column.type }

    /// The first `n` rows (the last `-n` dropped when `n` is negative), as pandas' head.
    public func head(_ n: Int = 5) -> Series { taking(Array(0..<headCount(n, count))) }

    /// The last `n` rows, as pandas' tail.
    public func tail(_ n: Int = 5) -> Series { taking(Array(tailStart(n, count)..<count)) }

    public func taking(_ rows: [Int]) -> Series {
        var s = Series(name: name, column: column.taking(rows), index: index.taking(rows))
        s.dtypeName = dtypeName
        return s
    }

    /// The rows where `mask` is true.
    public func filtered(by mask: Series) throws -> Series {
        let selection = try RowSelection(mask: mask, count: count, index: index)
        var s = Series(name: name, column: selection.taking(column), index: selection.taking(index))
        s.dtypeName = dtypeName
        return s
    }
}

func headCount(_ n: Int, _ count: Int) -> Int { n >= 0 ? min(n, count) : max(0, count + n) }
/// Compared rather than negated: `-n` traps for Int.min.
func tailStart(_ n: Int, _ count: Int) -> Int { n >= 0 ? max(0, count - n) : (n <= -count ? count : -n) }
