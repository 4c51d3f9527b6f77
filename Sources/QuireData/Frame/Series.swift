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
        taking(try maskRows(mask, count: count, index: index))
    }
}

func headCount(_ n: Int, _ count: Int) -> Int { n >= 0 ? min(n, count) : max(0, count + n) }
/// Compared rather than negated: `-n` traps for Int.min.
func tailStart(_ n: Int, _ count: Int) -> Int { n >= 0 ? max(0, count - n) : (n <= -count ? count : -n) }

/// The positions where a bool mask is true; missing counts as false. A mask whose labels are
/// the rows' labels in another order is put in the rows' order first (pandas reindexes it);
/// one whose labels differ is an error (pandas: "Unalignable boolean Series").
func maskRows(_ mask: Series, count: Int, index: RowIndex? = nil) throws -> [Int] {
    guard case .bool = mask.column.storage else { throw DataError.notBoolean(column: mask.name) }
    guard mask.count == count else { throw DataError.maskLength(expected: count, got: mask.count) }
    var mask = mask
    if let index, !mask.index.hasSameLabels(as: index) {
        guard let rows = mask.index.rows(matching: index), !rows.contains(where: { $0 < 0 }) else { throw DataError.maskLabels }
        mask = mask.taking(rows)
    }
    guard case .bool(let bits) = mask.column.storage else { throw DataError.notBoolean(column: mask.name) }
    guard let validity = mask.column.validity else {
        // No missing values: every position is written, and the cursor moves on the true ones
        // (no branch to mispredict on a mixed mask).
        return bits.withUnsafeBufferPointer { b in
            Array(unsafeUninitializedCapacity: count) { out, n in
                var k = 0
                for i in 0..<count {
                    out[k] = i
                    k &+= b[i] ? 1 : 0
                }
                n = k
            }
        }
    }
    var rows: [Int] = []
    rows.reserveCapacity(count)
    for i in 0..<count where bits[i] && validity[i] { rows.append(i) }
    return rows
}
