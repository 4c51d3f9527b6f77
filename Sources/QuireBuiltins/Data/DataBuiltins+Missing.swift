import QuireData
import QuireLang

/// Missing values with pandas' names and options: `dropna`, `fillna`, `ffill`, `bfill`,
/// `interpolate`.
extension DataBuiltins {
    private static let limit = Parameter.opt("limit", .optional(.int), .none, doc: "fill at most this many missing values in a row")
    /// pandas 3 removed `fillna(method=...)`; the parameter stays only to point to its replacements.
    private static let fillMethod = Parameter.opt("method", .optional(.string), .none, doc: "removed in pandas 3: use ffill() or bfill()")

    private static func fillValue(_ args: Arguments, dictAllowed: Bool) throws -> Value {
        if args.optional("method") != nil {
            let backward = ["bfill", "backfill"].contains(try args.optionalString("method") ?? "")
            throw QuireError(.type, "fillna(method=...) was removed in pandas 3",
                             hint: backward ? "use .bfill()" : "use .ffill() (or .bfill())").located(argument: "method")
        }
        guard args.has("value") else { throw args.bad("value", expected: dictAllowed ? "a value or a dict of column names to values" : "a number, string or bool") }
        return args.value("value")
    }

    private static func limitValue(_ args: Arguments) throws -> Int? {
        guard let n = try args.optionalInt("limit") else { return nil }
        guard n > 0 else { throw args.bad("limit", expected: "an int of at least 1") }
        return n
    }

    private static func scalarValue(_ args: Arguments, _ v: Value, dictAllowed: Bool) throws -> Scalar {
        guard let s = DataConversions.scalar(v) else {
            throw args.bad("value", expected: dictAllowed ? "a number, string or bool, or a dict of column names to values" : "a number, string or bool")
        }
        return s
    }

    static let missingMethods: [Builtin] = [
        Builtin("dropna", on: "DataFrame", [
            .opt("axis", .oneOf([.int, .string]), .int(0), doc: "0 or \"index\": drop rows; 1 or \"columns\": drop columns"),
            .opt("how", .optional(.string), .none, choices: ["any", "all"], doc: "\"any\" (the default): drop where any value is missing; \"all\": only where all are"),
            .opt("thresh", .optional(.int), .none, doc: "keep rows with at least this many values present"),
            .opt("subset", .optional(.oneOf([.string, .sequence])), .none, doc: "look only at these columns"),
            .opt("ignore_index", .bool, .bool(false), doc: "number the kept rows 0, 1, ... again"),
        ], doc: "The rows (or columns, axis=1) without missing values, with pandas' how, thresh and subset.",
           example: "df.dropna(subset=[\"price\"])") { args in
            if args.optional("how") != nil && args.optional("thresh") != nil {
                throw QuireError(.type, "dropna takes how= or thresh=, not both", hint: "thresh=n keeps rows with at least n values present").located(argument: "thresh")
            }
            var rule = DropRule.any
            if try args.optionalString("how") == "all" { rule = .all }
            if let n = try args.optionalInt("thresh") { rule = .fewerPresentThan(n) }
            let byColumn: Bool
            switch args.value("axis") {
            case .int(0), .string("index"), .string("rows"): byColumn = false
            case .int(1), .string("columns"): byColumn = true
            default: throw args.bad("axis", expected: "0 or \"index\" (rows), 1 or \"columns\"")
            }
            let subset = try args.optional("subset").map { try DataFrameObject.names($0) }
            var out = try DataConversions.run { try frame(args).dropna(rule, subset: subset, columns: byColumn) }
            if try args.bool("ignore_index") { out.index = RowIndex(range: out.rowCount) }
            return wrap(out)
        },
        Builtin("fillna", on: "DataFrame", [.opt("value", .any, .none), fillMethod],
                doc: "Missing values replaced by value, or per column by a dict {column: value}.", example: "df.fillna({\"price\": 0, \"name\": \"?\"})") { args in
            let value = try fillValue(args, dictAllowed: true)
            if case .dict(let d) = value {
                let pairs = try zip(d.keys, d.values).map { k, v -> (column: String, value: Scalar) in
                    guard case .string(let name) = k else { throw args.bad("value", expected: "a dict whose keys are column names") }
                    return (name, try scalarValue(args, v, dictAllowed: true))
                }
                return wrap(try DataConversions.run { try frame(args).fillna(pairs) })
            }
            return wrap(frame(args).fillna(try scalarValue(args, value, dictAllowed: true)))
        },
        Builtin("fillna", on: "Series", [.opt("value", .any, .none), fillMethod],
                doc: "Missing values replaced by value.", example: "df.ratio.fillna(0)") { args in
            let value = try fillValue(args, dictAllowed: false)
            return wrap(series(args).fillna(try scalarValue(args, value, dictAllowed: false)))
        },
        Builtin("dropna", on: "Series", [.opt("ignore_index", .bool, .bool(false), doc: "number the kept values 0, 1, ... again")],
                doc: "The values that are not missing.", example: "df.ratio.dropna()") { args in
            var out = series(args).dropna()
            if try args.bool("ignore_index") { out.index = RowIndex(range: out.count) }
            return wrap(out)
        },
        Builtin("ffill", on: "Series", [limit], doc: "Each missing value replaced by the last value before it.", example: "df.price.ffill()") { args in
            wrap(series(args).ffill(limit: try limitValue(args)))
        },
        Builtin("bfill", on: "Series", [limit], doc: "Each missing value replaced by the next value after it.", example: "df.price.bfill()") { args in
            wrap(series(args).bfill(limit: try limitValue(args)))
        },
        Builtin("ffill", on: "DataFrame", [limit], doc: "ffill() of each column.", example: "df.ffill()") { args in
            wrap(frame(args).ffill(limit: try limitValue(args)))
        },
        Builtin("bfill", on: "DataFrame", [limit], doc: "bfill() of each column.", example: "df.bfill()") { args in
            wrap(frame(args).bfill(limit: try limitValue(args)))
        },
        Builtin("interpolate", on: "Series", [.choice("method", ["linear"], default: "linear")],
                doc: "Missing values filled on a straight line between their neighbours (a gap at the end repeats the last value; one at the start stays).",
                example: "df.temperature.interpolate()") { args in
            wrap(try DataConversions.run { try series(args).interpolate() })
        },
        Builtin("interpolate", on: "DataFrame", [.choice("method", ["linear"], default: "linear")],
                doc: "interpolate() of each column (every column must hold numbers).", example: "df.interpolate()") { args in
            wrap(try DataConversions.run { try frame(args).interpolate() })
        },
    ]
}
