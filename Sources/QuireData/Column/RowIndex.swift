/// The row labels of a DataFrame or Series: positions 0..<n, or a column of labels (kept row
/// numbers after filtering, group keys after `groupby`, values after `value_counts`).
public struct RowIndex: Sendable {
    public enum Kind: Sendable {
        case range(Int)
        case labels(Column)
    }

    public var kind: Kind
    /// The index's name (the key column after `groupby` or `value_counts`).
    public var name: String?
    /// Labels taken from a range (or set from an int column): pandas 3 keeps these as a
    /// RangeIndex when they are evenly spaced, which only shows in the index's repr.
    public var fromRange = false
    /// The levels when the labels are tuples (a group-by on several keys); `labels` then holds
    /// their texts.
    public var multi: MultiIndex?

    public init(range count: Int) {
        kind = .range(count)
        name = nil
    }

    public init(labels: Column, name: String? = nil) {
        kind = .labels(labels)
        self.name = name
    }

    public var count: Int {
        switch kind {
        case .range(let n): n
        case .labels(let c): c.count
        }
    }

    public var isRange: Bool { if case .range = kind { true } else { false } }

    /// The labels as a column (positions for a range index).
    public var labels: Column {
        switch kind {
        case .range(let n): Column(int64: (0..<n).map { Int64($0) })
        case .labels(let c): c
        }
    }

    public subscript(i: Int) -> Scalar {
        switch kind {
        case .range: .int(Int64(i))
        case .labels(let c): c[i]
        }
    }

    /// The labels of rows `rows`, in that order.
    public func taking(_ rows: [Int]) -> RowIndex {
        switch kind {
        case .range:
            // A leading run 0..<k stays a range, as `head` keeps pandas' RangeIndex.
            if rows.enumerated().allSatisfy({ $0.offset == $0.element }) {
                var r = RowIndex(range: rows.count)
                r.name = name
                return r
            }
            var r = RowIndex(labels: Column(int64: rows.map { Int64($0) }), name: name)
            r.fromRange = true
            return r
        case .labels(let c):
            var r = RowIndex(labels: c.taking(rows), name: name)
            r.fromRange = fromRange
            r.multi = multi?.taking(rows)
            return r
        }
    }
}
