/// pandas' ways of filling gaps from neighbours (`ffill`, `bfill`, `interpolate`) and its
/// `dropna` options (`how`, `thresh`, `subset`, `axis`).
extension Column {
    /// Each missing value replaced by the last present one before it (`forward`) or the first
    /// after it; at most `limit` in a row when given. Gaps with nothing to copy stay missing.
    public func propagated(forward: Bool, limit: Int? = nil) -> Column {
        guard hasMissing else { return self }
        var source = [Int](repeating: -1, count: count)
        var last = -1, run = 0
        let order = forward ? Array(0..<count) : Array((0..<count).reversed())
        for i in order {
            if !isMissing(i) { last = i; run = 0; source[i] = i; continue }
            run += 1
            if last >= 0 && (limit.map { run <= $0 } ?? true) { source[i] = last }
        }
        return Column(scalars: source.enumerated().map { i, s in s < 0 ? .missing : self[s] }, like: self)
    }

    /// pandas' `interpolate()` (method "linear", limit_direction "forward"): a gap between two
    /// values takes evenly spaced values between them; a gap at the end repeats the last value;
    /// a gap at the start stays missing. Only numbers can be interpolated.
    public func interpolated() throws -> Column {
        guard type.isNumeric else { throw DataError.cannotInterpolate(column: nil, type: type) }
        guard hasMissing, var v = doubles else { return self }
        var previous = -1
        for i in 0..<v.count where !v[i].isNaN {
            if previous >= 0 && i - previous > 1 {
                let step = (v[i] - v[previous]) / Double(i - previous)
                for k in (previous + 1)..<i { v[k] = v[previous] + step * Double(k - previous) }
            }
            previous = i
        }
        if previous >= 0 { for k in (previous + 1)..<v.count { v[k] = v[previous] } }
        return Column(float64: v)
    }

    /// A column of `scalars` that keeps `like`'s type where it can (a filled int column stays int).
    init(scalars: [Scalar], like: Column) {
        let valid = Bitmap(scalars.map { $0 != .missing })
        switch like.storage {
        case .string: self.init(.string(scalars.map { if case .string(let s) = $0 { s } else { "" } }), validity: valid)
        case .bool: self.init(.bool(scalars.map { $0 == .bool(true) }), validity: valid)
        case .int64 where !valid.contains(false): self.init(.int64(scalars.map { if case .int(let i) = $0 { i } else { 0 } }))
        default: self.init(scalars: scalars)
        }
    }
}

extension Bitmap {
    func contains(_ bit: Bool) -> Bool { bit ? setCount > 0 : setCount < count }
}

/// Which rows (or columns) `dropna` removes.
public enum DropRule: Sendable, Equatable {
    /// Any missing value (pandas' default, how="any").
    case any
    /// Only when every value is missing (how="all").
    case all
    /// When fewer than this many values are present (thresh=).
    case fewerPresentThan(Int)

    func drops(present: Int, of total: Int) -> Bool {
        switch self {
        case .any: present < total
        case .all: present == 0 && total > 0
        case .fewerPresentThan(let n): present < n
        }
    }
}

extension Series {
    public func ffill(limit: Int? = nil) -> Series { Series(name: name, column: column.propagated(forward: true, limit: limit), index: index) }
    public func bfill(limit: Int? = nil) -> Series { Series(name: name, column: column.propagated(forward: false, limit: limit), index: index) }

    public func interpolate() throws -> Series {
        do {
            return Series(name: name, column: try column.interpolated(), index: index)
        } catch DataError.cannotInterpolate(_, let type) {
            throw DataError.cannotInterpolate(column: name, type: type)
        }
    }
}

extension DataFrame {
    /// `dropna(how=, thresh=, subset=)`: the rows the rule keeps, judged on the `subset` columns
    /// (all when nil); with `columns` true, the columns it keeps, judged on every row.
    public func dropna(_ rule: DropRule, subset: [String]? = nil, columns byColumn: Bool = false) throws -> DataFrame {
        if byColumn {
            let keep = names.indices.filter { j in !rule.drops(present: columns[j].validCount, of: rowCount) }
            return DataFrame(names: keep.map { names[$0] }, columns: keep.map { columns[$0] }, index: index)
        }
        let judged = try (subset ?? names).map { columns[try position(of: $0)] }
        return taking((0..<rowCount).filter { i in
            !rule.drops(present: judged.reduce(0) { $0 + ($1.isMissing(i) ? 0 : 1) }, of: judged.count)
        })
    }

    /// `fillna({column: value})`: each named column's missing values replaced by its value.
    public func fillna(_ values: [(column: String, value: Scalar)]) throws -> DataFrame {
        var filled = columns
        for (name, value) in values {
            let j = try position(of: name)
            filled[j] = filled[j].filled(with: value)
        }
        return DataFrame(names: names, columns: filled, index: index)
    }

    public func ffill(limit: Int? = nil) -> DataFrame {
        DataFrame(names: names, columns: columns.map { $0.propagated(forward: true, limit: limit) }, index: index)
    }

    public func bfill(limit: Int? = nil) -> DataFrame {
        DataFrame(names: names, columns: columns.map { $0.propagated(forward: false, limit: limit) }, index: index)
    }

    /// `interpolate()` of every column; a column of text or bools is an error, as in pandas.
    public func interpolate() throws -> DataFrame {
        DataFrame(names: names, columns: try names.indices.map { j in
            do { return try columns[j].interpolated() } catch DataError.cannotInterpolate(_, let type) {
                throw DataError.cannotInterpolate(column: names[j], type: type)
            }
        }, index: index)
    }
}
