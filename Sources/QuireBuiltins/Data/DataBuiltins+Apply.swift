import QuireData
import QuireLang
import QuireSupport

/// `map` and `apply`: a Quire function (or a dict) applied to values, rows or columns, as pandas'.
/// Each call goes through the interpreter, which checks Ctrl-C and the cell's time limit on every
/// call; an error inside the function says which value, row or column it failed on.
extension DataBuiltins {
    static let applyMethods: [Builtin] = [
        Builtin("map", on: "Series", [Parameter("arg", .any, doc: "a function of one value, or a dict (values not in it become missing)")],
                doc: "Each value passed through a function, or looked up in a dict, as pandas' Series.map.",
                example: "df.price_range.map({0: \"low\", 1: \"medium\", 2: \"high\", 3: \"very high\"})") { args in
            let s = series(args)
            if case .dict(let d) = args.value("arg") { return wrap(try mapped(s, through: d)) }
            return wrap(try mapped(s, args, "arg", what: "Series.map"))
        },
        Builtin("apply", on: "Series", [Parameter("func", .any, doc: "a function of one value")],
                doc: "Each value passed through a function, as pandas' Series.apply.",
                example: "df.ram.apply(fn(v) { v / 1024 })") { args in
            wrap(try mapped(series(args), args, "func", what: "Series.apply"))
        },
        Builtin("map", on: "DataFrame", [Parameter("func", .any, doc: "a function of one value")],
                doc: "Every cell passed through a function (pandas 2.1's DataFrame.map, formerly applymap).",
                example: "df[[\"ram\", \"battery_power\"]].map(fn(v) { v * 2 })") { args in
            let f = frame(args)
            var columns: [Column] = []
            for j in 0..<f.columnCount {
                let s = try mapped(f.series(at: j), args, "func", what: "DataFrame.map", column: f.names[j])
                columns.append(s.column)
            }
            return wrap(DataFrame(names: f.names, columns: columns, index: f.index))
        },
        Builtin("apply", on: "DataFrame", [
            Parameter("func", .any, doc: "a function of one Series (a column, or a row with axis=1)"),
            .opt("axis", .oneOf([.int, .string]), .int(0),
                 doc: "0 or \"index\": each column in turn; 1 or \"columns\": each row, as a Series labelled by the column names"),
        ], doc: "A function applied to each column (or each row with axis=1); one value per call gives a Series, a Series per call a DataFrame.",
           example: "df.apply(fn(row) { row[\"ram\"] / row[\"battery_power\"] }, axis=1)") { args in
            try appliedToFrame(args)
        },
    ]

    /// The function argument `name`, checked to be callable.
    static func function(_ args: Arguments, _ name: String, expected: String = "a function such as fn(v) { v * 2 }") throws -> Value {
        let f = args.value(name)
        switch f {
        case .function, .builtin: return f
        default: throw args.bad(name, expected: expected)
        }
    }

    /// `s.map(f)` / `s.apply(f)`: f of each value; the results make a column as pandas infers it.
    static func mapped(_ s: Series, _ args: Arguments, _ name: String, what: String, column: String? = nil) throws -> Series {
        let f = try function(args, name, expected: what == "Series.map" ? "a function such as fn(v) { v * 2 }, or a dict" : "a function such as fn(v) { v * 2 }")
        // Nothing to call: pandas keeps the dtype.
        if s.count == 0 { return s }
        var cells: [Scalar] = []
        cells.reserveCapacity(s.count)
        for i in 0..<s.count {
            let place = column.map { "column \"\($0)\", row \(label(s.index[i]))" } ?? "the value at label \(label(s.index[i]))"
            let result = try calling(f, [DataConversions.value(s.column[i])], args, what: what, at: place)
            cells.append(try cell(result, what: what, at: place))
        }
        var out = Series(name: s.name, column: Column(scalars: cells), index: s.index)
        out.dtypeName = nil
        return out
    }

    /// `s.map(dict)`: each value looked up; a value not in the dict becomes missing.
    static func mapped(_ s: Series, through d: DictBox) throws -> Series {
        var cells: [Scalar] = []
        cells.reserveCapacity(s.count)
        for i in 0..<s.count {
            if i & 0xFFF == 0 { try Cancellation.check() }
            let key = DataConversions.value(s.column[i])
            guard let v = try? d.get(key) else {
                cells.append(.missing)
                continue
            }
            cells.append(try cell(v, what: "Series.map", at: "the dict's value for \(Printer.repr(key))"))
        }
        return Series(name: s.name, column: Column(scalars: cells), index: s.index)
    }

    /// `df.apply(f, axis=)`: f of each column or row.
    static func appliedToFrame(_ args: Arguments) throws -> Value {
        let df = frame(args)
        let f = try function(args, "func")
        let byRow: Bool
        switch args.value("axis") {
        case .int(0), .string("index"), .string("rows"): byRow = false
        case .int(1), .string("columns"): byRow = true
        default: throw args.bad("axis", expected: "0 (\"index\") or 1 (\"columns\")")
        }
        let count = byRow ? df.rowCount : df.columnCount
        var results: [Value] = []
        results.reserveCapacity(count)
        for k in 0..<count {
            let place = byRow ? "row \(label(df.index[k]))" : "column \"\(df.names[k])\""
            let argument: Value = byRow ? rowSeries(df, k) : .object(SeriesObject(df.series(at: k)))
            results.append(try calling(f, [argument], args, what: "DataFrame.apply", at: place))
        }
        let outer = byRow ? df.index : RowIndex(labels: Column(string: df.names))
        // One Series per call: a DataFrame (pandas puts column results side by side and row results one per row).
        let series = results.compactMap { v -> Series? in if case .object(let s as SeriesObject) = v { s.series } else { nil } }
        if !results.isEmpty && series.count == results.count {
            return try combined(series, outer: outer, byRow: byRow, names: byRow ? nil : df.names)
        }
        var cells: [Scalar] = []
        for (k, v) in results.enumerated() {
            cells.append(try cell(v, what: "DataFrame.apply", at: byRow ? "row \(label(df.index[k]))" : "column \"\(df.names[k])\""))
        }
        return wrap(Series(name: nil, column: Column(scalars: cells), index: outer))
    }

    /// Series returned by `apply`'s function, as one frame.
    private static func combined(_ series: [Series], outer: RowIndex, byRow: Bool, names: [String]?) throws -> Value {
        let inner = series[0].index
        let innerLabels = series[0].indexLabelTexts
        guard series.allSatisfy({ $0.count == inner.count && $0.indexLabelTexts == innerLabels }) else {
            throw QuireError(.value, "DataFrame.apply's function returned Series with different labels",
                             hint: "return one value per call, or Series with the same labels each time")
        }
        if !byRow, let names {
            return wrap(DataFrame(names: names, columns: series.map(\.column), index: inner))
        }
        // Each call gave one row: transpose.
        var columns: [Column] = []
        for j in 0..<inner.count {
            columns.append(Column(scalars: series.map { $0.column[j] }))
        }
        return wrap(DataFrame(names: innerLabels, columns: columns, index: outer))
    }

    /// Row `k` as a Series labelled by the column names, named by the row's label (pandas'
    /// `df.iloc[k]`); cells of mixed kinds keep their own kind when read by label.
    static func rowSeries(_ df: DataFrame, _ k: Int) -> Value {
        let cells = df.columns.map { $0[k] }
        let s = Series(name: label(df.index[k]), column: Column(scalars: cells), index: RowIndex(labels: Column(string: df.names)))
        let object = SeriesObject(s)
        if Set(df.columns.map { $0.type == .string }).count > 1 { object.rowCells = cells.map(DataConversions.value) }
        return .object(object)
    }

    /// Calls f, adding to an error where it happened.
    static func calling(_ f: Value, _ arguments: [Value], _ args: Arguments, what: String, at place: String) throws -> Value {
        do {
            return try args.context.call(f, arguments)
        } catch var e as QuireError where e.kind != .interrupted && e.kind != .timeout {
            e.message += " (in the function given to \(what), at \(place))"
            throw e
        }
    }

    /// One result of the function as a cell.
    static func cell(_ v: Value, what: String, at place: String) throws -> Scalar {
        guard let s = DataConversions.scalar(v) else {
            throw QuireError(.type, "the function given to \(what) returned \(v.typeNoun) at \(place), but a column holds numbers, text or bools",
                             hint: "return one number, string or bool per value")
        }
        return s
    }

    /// A label as the messages show it.
    static func label(_ s: Scalar) -> String {
        switch s {
        case .string(let t): t
        default: Printer.repr(DataConversions.value(s))
        }
    }
}
