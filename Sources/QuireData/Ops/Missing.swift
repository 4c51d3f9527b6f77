extension Column {
    /// One bool per row: true where the value is missing.
    public func isna() -> Column { Column(bool: (0..<count).map { isMissing($0) }) }

    /// Missing values replaced by `value`; the column widens (int to float, anything to string)
    /// when the value does not fit its type, as pandas does.
    public func filled(with value: Scalar) -> Column {
        guard hasMissing, value != .missing else { return self }
        switch (storage, value) {
        case (.float64(let v), _) where value.double != nil && !isBoolValue(value):
            return Column(float64: v.map { $0.isNaN ? value.double! : $0 })
        case (.int64(let v), .int(let x)):
            return Column(int64: v.indices.map { isMissing($0) ? x : v[$0] })
        case (.bool(let v), .bool(let x)):
            return Column(bool: v.indices.map { isMissing($0) ? x : v[$0] })
        case (.string(let v), .string(let x)):
            return Column(string: v.indices.map { isMissing($0) ? x : v[$0] })
        default:
            return Column(scalars: (0..<count).map { isMissing($0) ? value : self[$0] })
        }
    }

    private func isBoolValue(_ s: Scalar) -> Bool { if case .bool = s { true } else { false } }
}

extension Series {
    public func isna() -> Series { Series(name: name, column: column.isna(), index: index) }
    public func notna() -> Series { Series(name: name, column: Column(bool: (0..<count).map { !column.isMissing($0) }), index: index) }
    public func dropna() -> Series { taking((0..<count).filter { !column.isMissing($0) }) }
    public func fillna(_ value: Scalar) -> Series { Series(name: name, column: column.filled(with: value), index: index) }
}

extension DataFrame {
    /// A frame of bools, true where a value is missing.
    public func isna() -> DataFrame { DataFrame(names: names, columns: columns.map { $0.isna() }, index: index) }

    /// The rows without any missing value.
    public func dropna() -> DataFrame {
        taking((0..<rowCount).filter { i in !columns.contains { $0.isMissing(i) } })
    }

    /// Every missing value replaced by `value`.
    public func fillna(_ value: Scalar) -> DataFrame {
        DataFrame(names: names, columns: columns.map { $0.filled(with: value) }, index: index)
    }

    /// Per column: whether any value is true (pandas' `df.any()`).
    public func any() -> Series { perColumn("any", Column(bool: names.indices.map { series(at: $0).any() })) }

    /// Per column: whether every value is true (pandas' `df.all()`).
    public func all() -> Series { perColumn("all", Column(bool: names.indices.map { series(at: $0).all() })) }

    /// A Series indexed by column names.
    func perColumn(_ operation: String, _ values: Column) -> Series {
        Series(name: nil, column: values, index: RowIndex(labels: Column(string: names)))
    }
}
