import QuireData
import QuireLang

/// `df.groupby("key")`, optionally narrowed to one column with `["col"]`.
final class GroupByObject: NativeObject {
    let groups: GroupBy
    /// The column chosen with `grouped["col"]`: results are then a Series.
    let selected: String?
    /// pandas' `as_index`: false puts the keys in columns of the result instead of its labels.
    let asIndex: Bool

    init(_ groups: GroupBy, selected: String? = nil, asIndex: Bool = true) {
        self.groups = groups
        self.selected = selected
        self.asIndex = asIndex
    }

    var typeName: String { "GroupBy" }
    func displayText() -> String {
        "<GroupBy by " + groups.keyNames.map { "\"\($0)\"" }.joined(separator: ", ") + ": \(groups.groupCount) groups>"
    }

    /// A result with the keys as labels, or as columns when `as_index=false`.
    func result(_ f: DataFrame) throws -> Value {
        .object(DataFrameObject(asIndex ? f : try DataConversions.run { try f.resettingIndex(drop: false) }))
    }

    func result(_ s: Series) throws -> Value {
        asIndex ? .object(SeriesObject(s)) : .object(DataFrameObject(try DataConversions.run { try s.resettingIndex() }))
    }

    func subscriptGet(_ index: Value) throws -> Value {
        if case .list(let l) = index {
            let names = try DataFrameObject.names(.list(l))
            return .object(GroupByObject(try DataConversions.run { try groups.selecting(names) }, asIndex: asIndex))
        }
        guard case .string(let name) = index else {
            throw QuireError(.type, "a GroupBy is indexed by a column name or a list of them, not \(index.typeNoun)")
        }
        _ = try DataConversions.run { try groups.frame.column(name) }
        return .object(GroupByObject(groups, selected: name, asIndex: asIndex))
    }

    /// `grouped.col`, as pandas: the same as `grouped["col"]`.
    func member(_ name: String) throws -> Value? {
        guard selected == nil, !groups.keyNames.contains(name), groups.frame.names.contains(name) else { return nil }
        return .object(GroupByObject(groups, selected: name, asIndex: asIndex))
    }

    var memberNames: [String] { selected == nil ? groups.valueColumns : [] }

    /// One reduction of every value column (or of the selected one, as a Series).
    func aggregate(_ r: Reduction) throws -> Value {
        try DataConversions.run {
            if let selected { return try result(try groups.aggregate([(selected, r)]).series(at: 0)) }
            return try result(try groups.aggregate(r))
        }
    }

    /// `agg({"col": "mean", ...})` or `agg(col="mean")`.
    func aggregate(_ specs: [(String, String)]) throws -> Value {
        try DataConversions.run {
            let parsed = try specs.map { column, name in (column: column, reduction: try Self.reduction(name)) }
            return try result(try groups.aggregate(parsed))
        }
    }

    /// `agg(["mean", "max"])`: each function of the selected column (columns named by function),
    /// or of every value column (two-level column labels).
    func aggregate(several hows: [String]) throws -> Value {
        let reductions = try DataConversions.run { try hows.map { try Self.reduction($0) } }
        if let selected {
            return try DataConversions.run {
                let f = try groups.aggregate(grouped: [(selected, reductions)])
                return try result(DataFrame(names: f.names, columns: f.columns, index: f.index))
            }
        }
        return try aggregate(grouped: groups.valueColumns.map { ($0, hows) })
    }

    /// `agg({"x": ["sum", "mean"], "y": "max"})`: two-level column labels.
    func aggregate(grouped specs: [(String, [String])]) throws -> Value {
        try DataConversions.run {
            let parsed = try specs.map { column, hows in (column: column, reductions: try hows.map { try Self.reduction($0) }) }
            return try result(try groups.aggregate(grouped: parsed))
        }
    }

    /// `agg(total=("x", "sum"), n=("y", "count"))`: named outputs.
    func aggregate(named specs: [(output: String, column: String, how: String)]) throws -> Value {
        try DataConversions.run {
            let parsed = try specs.map { (output: $0.output, column: $0.column, reduction: try Self.reduction($0.how)) }
            return try result(try groups.aggregate(named: parsed))
        }
    }

    /// An aggregation's name as a Reduction, or pandas' error with the known names.
    static func reduction(_ name: String) throws -> Reduction {
        guard let r = Reduction(rawValue: name) else {
            throw DataError.unknownAggregation(name: name, known: Reduction.allCases.map(\.rawValue))
        }
        return r
    }
}
