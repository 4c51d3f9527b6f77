/// How the rows of two labelled sides line up, as pandas' outer join of two indexes: the union
/// of the labels, sorted (pandas sorts an outer join whenever the labels can be ordered), a
/// label held k times on the left and m times on the right giving k x m rows (left-major).
public struct Alignment: Sendable {
    public var index: RowIndex
    /// For each result row, the row of the left side, or -1 where the label is only on the right.
    public var left: [Int]
    /// For each result row, the row of the right side, or -1 where the label is only on the left.
    public var right: [Int]
}

extension RowIndex {
    /// Whether both hold the same labels in the same order, as pandas' `Index.equals` (ints and
    /// floats of equal value are equal, NaN equals NaN); such sides combine by position.
    public func hasSameLabels(as other: RowIndex) -> Bool {
        guard count == other.count else { return false }
        switch (kind, other.kind) {
        case (.range, .range):
            return true
        case (.labels(let c), .range), (.range, .labels(let c)):
            guard case .int64(let v) = c.storage, c.validity == nil else { return Self.sameLabels(c, labels) }
            for i in v.indices where v[i] != Int64(i) { return false }
            return true
        case (.labels(let a), .labels(let b)):
            return Self.sameLabels(a, b)
        }
    }

    private static func sameLabels(_ a: Column, _ b: Column) -> Bool {
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)) where a.validity == nil && b.validity == nil: return x == y
        case (.string(let x), .string(let y)) where a.validity == nil && b.validity == nil: return x == y
        default:
            for i in 0..<a.count {
                let x = a[i], y = b[i]
                if x == y { continue }
                guard let dx = x.double, let dy = y.double, x.isNumber, y.isNumber else { return false }
                if dx != dy && !(dx.isNaN && dy.isNaN) { return false }
            }
            return true
        }
    }

    /// The rows of both sides lined up on their labels; nil when the labels are the same (the
    /// sides then combine by position, pandas' fast path).
    public func aligned(with other: RowIndex) -> Alignment? {
        if hasSameLabels(as: other) { return nil }
        let n = count, m = other.count
        let (joined, sortable) = Column.joining(labels, other.labels)
        let codes = LabelCodes(joined)
        var order = Array(0..<codes.keyCount)
        if sortable {
            if case .int64(let v) = joined.storage, joined.validity == nil {
                // Distinct keys: no ties, so any sort gives the stable order.
                let keys = codes.firstRows.map { v[$0] }
                order.sort { keys[$0] < keys[$1] }
            } else {
                order = Series(name: nil, column: joined.taking(codes.firstRows)).sortOrder(ascending: true)
            }
        }
        var left: [Int] = [], right: [Int] = [], labelRows: [Int] = []
        left.reserveCapacity(n + m)
        right.reserveCapacity(n + m)
        labelRows.reserveCapacity(n + m)
        // The common case, each label at most once per side, without a list of rows per label.
        if let (leftOf, rightOf) = codes.uniqueRows(n, m) {
            for key in order {
                let i = leftOf[key], j = rightOf[key]
                left.append(i)
                right.append(j)
                labelRows.append(i >= 0 ? i : n + j)
            }
        } else {
            var leftRows = [[Int]](repeating: [], count: codes.keyCount)
            var rightRows = [[Int]](repeating: [], count: codes.keyCount)
            for i in 0..<n { leftRows[codes.codes[i]].append(i) }
            for j in 0..<m { rightRows[codes.codes[n + j]].append(j) }
            appendPairs(order, leftRows, rightRows, n, &left, &right, &labelRows)
        }
        let sharedName = name == other.name ? name : nil
        var index = RowIndex(labels: joined.taking(labelRows), name: sharedName)
        index.fromRange = (isRange || fromRange) && (other.isRange || other.fromRange)
        if isRange && other.isRange {
            index = RowIndex(range: labelRows.count)
            index.name = sharedName
        }
        return Alignment(index: index, left: left, right: right)
    }

    /// Rows of each label, k on the left and m on the right giving k x m pairs, left-major.
    private func appendPairs(_ order: [Int], _ leftRows: [[Int]], _ rightRows: [[Int]], _ n: Int,
                             _ left: inout [Int], _ right: inout [Int], _ labelRows: inout [Int]) {
        for key in order {
            let ls = leftRows[key], rs = rightRows[key]
            if rs.isEmpty {
                for i in ls { left.append(i); right.append(-1); labelRows.append(i) }
            } else if ls.isEmpty {
                for j in rs { left.append(-1); right.append(j); labelRows.append(n + j) }
            } else {
                for i in ls { for j in rs { left.append(i); right.append(j); labelRows.append(i) } }
            }
        }
    }

    /// For each label of `target`, the row holding it here (-1 where there is none), as pandas'
    /// `reindex`; nil when a label occurs here more than once (pandas refuses to reindex then).
    public func rows(matching target: RowIndex) -> [Int]? {
        if hasSameLabels(as: target) { return Array(0..<count) }
        let n = count
        let (joined, _) = Column.joining(labels, target.labels)
        let codes = LabelCodes(joined)
        var rowOfKey = [Int](repeating: -1, count: codes.keyCount)
        for i in 0..<n {
            if rowOfKey[codes.codes[i]] >= 0 { return nil }
            rowOfKey[codes.codes[i]] = i
        }
        return (0..<target.count).map { rowOfKey[codes.codes[n + $0]] }
    }

    /// The row order that sorts the labels (stable; missing labels last), for `sort_index`.
    public func sortOrder(ascending: Bool) -> [Int] {
        if case .range(let n) = kind { return ascending ? Array(0..<n) : Array((0..<n).reversed()) }
        return Series(name: nil, column: labels).sortOrder(ascending: ascending)
    }
}

/// A code per label, missing labels sharing one code; `firstRows` holds each code's first row.
private struct LabelCodes {
    var codes: [Int]
    var firstRows: [Int]
    var keyCount: Int { firstRows.count }

    init(_ column: Column) {
        let f = Factorized(column)
        codes = f.codes
        firstRows = f.uniques
        var missingCode = -1
        for i in codes.indices where codes[i] < 0 {
            if missingCode < 0 {
                missingCode = firstRows.count
                firstRows.append(i)
            }
            codes[i] = missingCode
        }
    }
}

extension LabelCodes {
    /// The row of each label on the left (the first `n` codes) and on the right (the next `m`),
    /// -1 where absent; nil when a label repeats on one side.
    func uniqueRows(_ n: Int, _ m: Int) -> (left: [Int], right: [Int])? {
        var leftOf = [Int](repeating: -1, count: keyCount), rightOf = [Int](repeating: -1, count: keyCount)
        for i in 0..<n {
            if leftOf[codes[i]] >= 0 { return nil }
            leftOf[codes[i]] = i
        }
        for j in 0..<m {
            if rightOf[codes[n + j]] >= 0 { return nil }
            rightOf[codes[n + j]] = j
        }
        return (leftOf, rightOf)
    }
}

extension Scalar {
    var isNumber: Bool {
        switch self {
        case .int, .float: true
        default: false
        }
    }
}

extension Column {
    /// One column holding `a`'s values then `b`'s, in a type both fit (ints and floats as
    /// floats, other mixes as text); `sortable` is false for such text mixes, which pandas
    /// cannot order either.
    static func joining(_ a: Column, _ b: Column) -> (column: Column, sortable: Bool) {
        let bothValid = a.validity == nil && b.validity == nil
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)) where bothValid: return (Column(int64: x + y), true)
        case (.string(let x), .string(let y)) where bothValid: return (Column(string: x + y), true)
        case (.float64(let x), .float64(let y)): return (Column(float64: x + y), true)
        default:
            let scalars = (0..<a.count).map { a[$0] } + (0..<b.count).map { b[$0] }
            let numeric = a.type.isNumeric && b.type.isNumeric
            let sortable = a.type == b.type || numeric
            if numeric { return (Column(float64: scalars.map { $0.double ?? .nan }), true) }
            return (Column(scalars: scalars), sortable)
        }
    }

    /// The rows at `rows`, a negative row giving a missing value (NaN in a float column; an int
    /// column with missing values becomes float64, as pandas' reindex makes it).
    public func taking(rowsOrMissing rows: [Int]) -> Column {
        guard rows.contains(where: { $0 < 0 }) else { return taking(rows) }
        let present = rows.map { Swift.max($0, 0) }
        guard count > 0 else { return Column(float64: [Double](repeating: .nan, count: rows.count)) }
        var out = taking(present)
        switch out.storage {
        case .float64(var v):
            for (k, r) in rows.enumerated() where r < 0 { v[k] = .nan }
            out = Column(float64: v)
        default:
            var valid = out.validity ?? Bitmap(count: rows.count)
            for (k, r) in rows.enumerated() where r < 0 { valid[k] = false }
            out = Column(out.storage, validity: valid).withMissingAsFloat()
        }
        return out
    }

    /// A float64 column of `n` missing values.
    static func missing(_ n: Int) -> Column { Column(float64: [Double](repeating: .nan, count: n)) }
}

extension Series {
    /// The Series on another index: row `rows[k]` (or a missing value where it is negative).
    public func reindexed(_ rows: [Int], index: RowIndex) -> Series {
        Series(name: name, column: column.taking(rowsOrMissing: rows), index: index)
    }

    /// Both Series on the union of their labels (pandas' `align`); unchanged when their labels
    /// are the same.
    public func aligned(with other: Series) -> (Series, Series) {
        guard let a = index.aligned(with: other.index) else { return (self, other) }
        return (reindexed(a.left, index: a.index), other.reindexed(a.right, index: a.index))
    }
}
