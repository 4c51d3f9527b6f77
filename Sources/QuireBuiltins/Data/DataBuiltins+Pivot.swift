import QuireData
import QuireLang

/// `pivot_table` and `crosstab`, with pandas' names and defaults.
extension DataBuiltins {
    static let pivotBuiltins: [Builtin] = [
        Builtin("pivot_table", on: "DataFrame", [
            .opt("values", .optional(.string), .none, doc: "the column to reduce"),
            .opt("index", .optional(.oneOf([.string, .sequence])), .none, doc: "the column (or columns) whose values label the rows"),
            .opt("columns", .optional(.string), .none, doc: "the column whose values label the columns"),
            .opt("aggfunc", .string, .string("mean"), choices: Reduction.allCases.map(\.rawValue), choiceNoun: "aggregation"),
            .opt("fill_value", .any, .none, doc: "put in cells no row falls in (missing otherwise)"),
            .opt("margins", .bool, .bool(false), doc: "add an \"All\" row and column reducing every row of each column and row"),
        ], doc: "A spreadsheet-style pivot table: values reduced (mean by default) for each pair of index and columns values, as pandas'.",
           example: "df.pivot_table(values=\"ram\", index=\"price_range\", columns=\"four_g\", aggfunc=\"mean\")") { args in
            try pivotTable(args)
        },
        Builtin("crosstab", [
            Parameter("index", .object("Series"), doc: "the values that label the rows"),
            Parameter("columns", .object("Series"), doc: "the values that label the columns"),
            .opt("normalize", .oneOf([.bool, .string]), .bool(false),
                 doc: "false: counts; true or \"all\": shares of all rows; \"index\": of each row; \"columns\": of each column"),
            .opt("margins", .bool, .bool(false), doc: "add \"All\" totals"),
        ], doc: "How often each pair of values occurs (a frequency table), as pandas' crosstab.",
           example: "crosstab(df.price_range, df.four_g, normalize=\"index\")") { args in
            let index = try args.object("index", as: SeriesObject.self, expected: "a Series").series
            let columns = try args.object("columns", as: SeriesObject.self, expected: "a Series").series
            let normalize: Pivot.Normalize
            switch args.value("normalize") {
            case .bool(false): normalize = .none
            case .bool(true), .string("all"): normalize = .all
            case .string("index"), .int(0): normalize = .index
            case .string("columns"), .int(1): normalize = .columns
            default: throw args.bad("normalize", expected: "false, true, \"all\", \"index\" or \"columns\"")
            }
            return wrap(try DataConversions.run { try Pivot.crosstab(index, columns, normalize: normalize, margins: try args.bool("margins")) })
        },
    ]

    static func pivotTable(_ args: Arguments) throws -> Value {
        let df = frame(args)
        guard let values = try args.optionalString("values") else {
            throw args.bad("values", expected: "the name of the column to reduce, e.g. values=\"\(df.names.last ?? "x")\"")
        }
        guard let indexValue = args.optional("index") else { throw args.bad("index", expected: "a column name, or a list of them") }
        let index = try DataFrameObject.names(indexValue)
        guard !index.isEmpty else { throw args.bad("index", expected: "at least one column name") }
        guard let columns = try args.optionalString("columns") else { throw args.bad("columns", expected: "a column name") }
        // Each column argument is checked first, so an unknown name points at its argument.
        for (argument, names) in [("values", [values]), ("index", index), ("columns", [columns])] {
            for name in names where !df.names.contains(name) {
                throw DataConversions.error(.noSuchColumn(name: name, columns: df.names)).located(argument: argument)
            }
        }
        var fill: Scalar?
        if let v = args.optional("fill_value") {
            guard let s = DataConversions.scalar(v) else { throw args.bad("fill_value", expected: "a number, string or bool") }
            fill = s
        }
        let reduction = try GroupByObject.reduction(try args.string("aggfunc"))
        return wrap(try DataConversions.run {
            try Pivot.table(df, values: values, index: index, columns: columns, reduction: reduction, fillValue: fill, margins: try args.bool("margins"))
        })
    }
}
