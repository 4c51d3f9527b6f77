import QuireData
import QuireLang

/// `merge` and `concat`, with pandas' names and results.
extension DataBuiltins {
    private static let mergeParameters: [Parameter] = [
        .choice("how", JoinKind.allCases.map(\.rawValue), default: "inner", doc: "which rows to keep: matched only (inner), every left (left), every right (right), or all (outer)"),
        .opt("on", .optional(.oneOf([.string, .sequence])), .none, doc: "key column(s) both frames have"),
        .opt("left_on", .optional(.oneOf([.string, .sequence])), .none, doc: "key column(s) of the left frame"),
        .opt("right_on", .optional(.oneOf([.string, .sequence])), .none, doc: "key column(s) of the right frame"),
        .opt("suffixes", .sequence, .tuple([.string("_x"), .string("_y")]), doc: "added to other column names both frames have"),
    ]

    static let mergeBuiltins: [Builtin] = [
        Builtin("merge", [Parameter("left", .object("DataFrame")), Parameter("right", .object("DataFrame"))] + mergeParameters,
                doc: "Joins two frames on key columns, as pandas' merge (a SQL join).",
                example: "merge(orders, customers, on=\"customer_id\", how=\"left\")") { args in
            let left = try args.object("left", as: DataFrameObject.self, expected: "a DataFrame").frame
            let right = try args.object("right", as: DataFrameObject.self, expected: "a DataFrame").frame
            return try merge(left, right, args)
        },
        Builtin("merge", on: "DataFrame", [Parameter("right", .object("DataFrame"))] + mergeParameters,
                doc: "Joins this frame with another on key columns, as pandas' df.merge.",
                example: "orders.merge(customers, on=\"customer_id\")") { args in
            let right = try args.object("right", as: DataFrameObject.self, expected: "a DataFrame").frame
            return try merge(frame(args), right, args)
        },
        Builtin("concat", [Parameter("objs", .sequence, doc: "a list of DataFrames (or Series)"),
                           .opt("axis", .oneOf([.int, .string]), .int(0), doc: "0 or \"index\": one above another; 1 or \"columns\": side by side"),
                           .opt("ignore_index", .bool, .bool(false), doc: "number the rows 0, 1, ... instead of keeping their labels")],
                doc: "Stacks frames one above another (or side by side with axis=1), as pandas' concat.",
                example: "concat([df.head(2), df.tail(2)])") { args in
            let items: [Value]
            switch args.value("objs") {
            case .list(let l): items = l.items
            case .tuple(let t): items = t
            default: items = []
            }
            guard !items.isEmpty else { throw args.bad("objs", expected: "a list of at least one DataFrame or Series") }
            let frames: [DataFrame] = try items.map { item in
                switch item {
                case .object(let f as DataFrameObject): return f.frame
                case .object(let s as SeriesObject):
                    return DataFrame(names: [s.series.name ?? "0"], columns: [s.series.column], index: s.series.index)
                default: throw args.bad("objs", expected: "a list of DataFrames or Series")
                }
            }
            let axis: Int
            switch args.value("axis") {
            case .int(0), .string("index"), .string("rows"): axis = 0
            case .int(1), .string("columns"): axis = 1
            default: throw args.bad("axis", expected: "0 (\"index\") or 1 (\"columns\")")
            }
            if axis == 1 { return wrap(try DataConversions.run { try DataFrame.concatenatingColumns(frames) }) }
            let ignore = try args.bool("ignore_index")
            // Series stacked by rows stay a Series, as in pandas.
            if items.allSatisfy({ if case .object(_ as SeriesObject) = $0 { true } else { false } }) {
                let stacked = DataFrame.concatenatingRows(frames.map { DataFrame(names: ["v"], columns: $0.columns, index: $0.index) }, ignoreIndex: ignore)
                let names = Set(frames.map { $0.names[0] })
                return wrap(Series(name: names.count == 1 ? frames[0].names[0] : nil, column: stacked.columns[0], index: stacked.index))
            }
            return wrap(DataFrame.concatenatingRows(frames, ignoreIndex: ignore))
        },
    ]

    private static func merge(_ left: DataFrame, _ right: DataFrame, _ args: Arguments) throws -> Value {
        let how = try args.choice("how", as: JoinKind.self)
        var leftOn: [String], rightOn: [String]
        if let on = args.optional("on") {
            guard args.optional("left_on") == nil, args.optional("right_on") == nil else {
                throw QuireError(.value, "give either on= or left_on= and right_on=, not both", hint: "on= names key columns both frames have")
            }
            leftOn = try DataFrameObject.names(on)
            rightOn = leftOn
        } else if let l = args.optional("left_on"), let r = args.optional("right_on") {
            leftOn = try DataFrameObject.names(l)
            rightOn = try DataFrameObject.names(r)
            guard leftOn.count == rightOn.count else {
                throw QuireError(.value, "left_on names \(leftOn.count) columns but right_on \(rightOn.count)", hint: "pair each left key with one right key")
            }
        } else if args.optional("left_on") != nil || args.optional("right_on") != nil {
            throw QuireError(.value, "left_on= and right_on= go together", hint: "give both, or on= for a key column both frames have")
        } else {
            // pandas joins on the columns the frames share.
            leftOn = left.names.filter { right.names.contains($0) }
            rightOn = leftOn
            guard !leftOn.isEmpty else {
                throw QuireError(.value, "the frames have no column in common to join on", hint: "name the keys: on=\"id\", or left_on=\"a\", right_on=\"b\"")
            }
        }
        for name in leftOn where !left.names.contains(name) {
            throw DataConversions.error(.noSuchColumn(name: name, columns: left.names)).located(argument: args.optional("on") != nil ? "on" : "left_on")
        }
        for name in rightOn where !right.names.contains(name) {
            throw DataConversions.error(.noSuchColumn(name: name, columns: right.names)).located(argument: args.optional("on") != nil ? "on" : "right_on")
        }
        let suffixItems: [Value]
        switch args.value("suffixes") {
        case .list(let l): suffixItems = l.items
        case .tuple(let t): suffixItems = t
        default: suffixItems = []
        }
        guard suffixItems.count == 2, case .string(let a) = suffixItems[0], case .string(let b) = suffixItems[1] else {
            throw args.bad("suffixes", expected: "two strings, such as (\"_x\", \"_y\")")
        }
        return wrap(try DataConversions.run { try left.merged(with: right, how: how, leftOn: leftOn, rightOn: rightOn, suffixes: (a, b)) })
    }
}
