import QuireData
import QuireLang

/// `df.groupby("key")`, optionally narrowed to one column with `["col"]`.
final class GroupByObject: NativeObject {
    let groups: GroupBy
    /// The column chosen with `grouped["col"]`: results are then a Series.
    let selected: String?

    init(_ groups: GroupBy, selected: String? = nil) {
        self.groups = groups
        self.selected = selected
    }

    var typeName: String { "GroupBy" }
    func displayText() -> String { "<GroupBy by \"\(groups.key)\": \(groups.groupCount) groups>" }

    func subscriptGet(_ index: Value) throws -> Value {
        guard case .string(let name) = index else {
            throw QuireError(.type, "a GroupBy is indexed by a column name, not \(index.typeNoun)")
        }
        _ = try DataConversions.run { try groups.frame.column(name) }
        return .object(GroupByObject(groups, selected: name))
    }

    /// `grouped.col`, as pandas: the same as `grouped["col"]`.
    func member(_ name: String) throws -> Value? {
        guard selected == nil, name != groups.key, groups.frame.names.contains(name) else { return nil }
        return .object(GroupByObject(groups, selected: name))
    }

    var memberNames: [String] { selected == nil ? groups.frame.names.filter { $0 != groups.key } : [] }

    /// One reduction of every value column (or of the selected one, as a Series).
    func aggregate(_ r: Reduction) throws -> Value {
        try DataConversions.run {
            if let selected {
                let frame = try groups.aggregate([(selected, r)])
                return .object(SeriesObject(frame.series(at: 0)))
            }
            return .object(DataFrameObject(try groups.aggregate(r)))
        }
    }

    /// `agg({"col": "mean", ...})` or `agg(col="mean")`.
    func aggregate(_ specs: [(String, String)]) throws -> Value {
        try DataConversions.run {
            let known = Reduction.allCases.map(\.rawValue)
            let parsed = try specs.map { column, name in
                guard let r = Reduction(rawValue: name) else { throw DataError.unknownAggregation(name: name, known: known) }
                return (column: column, reduction: r)
            }
            return .object(DataFrameObject(try groups.aggregate(parsed)))
        }
    }
}
