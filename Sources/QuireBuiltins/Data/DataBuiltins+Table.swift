import QuireData
import QuireLang

extension DataBuiltins {
    static let builtins: [Builtin] =
        functions + frameMethods + seriesMethods + groupByMethods + DataFrameObject.attributes + SeriesObject.attributes
        + alignMethods + correlationMethods + extremeMethods + transformMethods + reshapeMethods + mergeBuiltins + applyMethods + samplingMethods + pivotBuiltins + IndexerObject.attributes + IndexObject.attributes + IndexObject.methods
        + [StringMethodsObject.attribute] + StringMethodsObject.methods + missingMethods + DatetimeMethodsObject.builtins
        + Reduction.allCases.flatMap { r in ["DataFrame", "Series", "GroupBy"].map { reduction(r, on: $0) } }

    static let functions: [Builtin] = [
        Builtin("read_csv", [
            Parameter("path", .string), .opt("sep", .string, .string(",")),
            .opt("header", .optional(.int), .int(0)), .opt("names", .optional(.sequence), .none),
            .opt("max_gzip_ratio", .int, .int(CSVOptions.defaultMaxGzipRatio)),
            .opt("quoting", .oneOf([.string, .int]), .string("minimal"),
                 doc: "\"minimal\" (or 0, csv.QUOTE_MINIMAL): double quotes enclose fields; \"none\" (or 3, csv.QUOTE_NONE): quotes are text."),
            .opt("parse_dates", .optional(.sequence), .none, doc: "columns to read as time stamps (ISO 8601 dates and date-times), as to_datetime"),
            .opt("usecols", .optional(.sequence), .none, doc: "The columns to keep, by name or by position (0 is the first); they keep the file's order."),
            .opt("nrows", .optional(.int), .none, doc: "Read at most this many rows."),
            .opt("na_values", .optional(.oneOf([.string, .sequence, .dict])), .none,
                 doc: "More values that read as missing, added to pandas' defaults (\"NA\", \"\", \"NaN\", ...): a list for every column, or a dict of lists by column."),
            .opt("encoding", .string, .string("utf-8"), choices: CSVEncoding.allCases.map(\.rawValue), synonyms: DataBuiltins.encodingSynonyms.map(\.key),
                 doc: "\"utf-8\" (a byte order mark is skipped) or \"latin-1\" (ISO-8859-1, often what Windows and Excel save)."),
            .opt("skiprows", .optional(.int), .none, doc: "Lines at the start of the file to skip, before the header."),
        ], doc: "Reads a CSV file (or .csv.gz) into a DataFrame, inferring column types as pandas does; a .gz file may grow at most max_gzip_ratio times its size (plus 1 MB) when decompressed.",
           example: "df = read_csv(\"data/mobile_price_train.csv\")", body: readCSV),
        Builtin("write_csv", [
            Parameter("df", .object("DataFrame")), Parameter("path", .string), .opt("index", .bool, .bool(true)),
        ], doc: "Writes a DataFrame as CSV, as pandas' to_csv does (atomically: all or nothing).",
           example: "write_csv(df, \"clean.csv\", index=false)"
        ) { args in
            try writeCSV(args, frame: try args.object("df", as: DataFrameObject.self, expected: "a DataFrame").frame)
        },
    ]

    static let frameMethods: [Builtin] = [
        Builtin("head", on: "DataFrame", [.opt("n", .int, .int(5))], doc: "The first n rows.", example: "df.head()") { args in
            wrap(frame(args).head(try args.int("n")))
        },
        Builtin("tail", on: "DataFrame", [.opt("n", .int, .int(5))], doc: "The last n rows.", example: "df.tail(3)") { args in
            wrap(frame(args).tail(try args.int("n")))
        },
        Builtin("info", on: "DataFrame", doc: "Prints the index, each column's non-null count and dtype, and memory use.",
                example: "df.info()") { args in
            args.context.write(frame(args).infoText() + "\n")
            return .none
        },
        Builtin("describe", on: "DataFrame", doc: "Count, mean, std, min, quartiles and max of each numeric column.",
                example: "df.describe()") { args in
            wrap(try DataConversions.run { try frame(args).describe() })
        },
        Builtin("drop", on: "DataFrame", [Parameter("columns", .oneOf([.string, .sequence]))],
                doc: "The frame without the named column or columns.", example: "X = df.drop(\"price_range\")") { args in
            let names = try DataFrameObject.names(args.value("columns"))
            return wrap(try DataConversions.run { try frame(args).dropping(names) })
        },
        Builtin("isna", on: "DataFrame", doc: "A frame of bools: true where a value is missing.", example: "df.isna().any()") { args in
            wrap(frame(args).isna())
        },
        Builtin("any", on: "DataFrame", doc: "For each column, whether any value is true.", example: "df.isna().any()") { args in
            wrap(frame(args).any())
        },
        Builtin("all", on: "DataFrame", doc: "For each column, whether every value is true.", example: "(df > 0).all()") { args in
            wrap(frame(args).all())
        },
        Builtin("sort_values", on: "DataFrame", [Parameter("by", .oneOf([.string, .sequence])), .opt("ascending", .oneOf([.bool, .sequence]), .bool(true))],
                doc: "The rows sorted by a column, or by several (the first deciding first; ascending may be one bool per column); stable, missing values last.",
                example: "df.sort_values([\"price_range\", \"ram\"], ascending=[true, false])") { args in
            let keys = try DataFrameObject.names(args.value("by"))
            let ascending = try directions(args, count: keys.count)
            return wrap(try DataConversions.run { try frame(args).sortValues(by: keys, ascending: ascending) })
        },
        Builtin("groupby", on: "DataFrame", [
            Parameter("by", .oneOf([.string, .sequence]), doc: "a column name, or a list of them (the result is then labelled by tuples, a MultiIndex)"),
            .opt("as_index", .bool, .bool(true), doc: "false: the keys become columns of the result instead of its labels"),
        ], doc: "Groups rows by a column's values (or several columns'), sorted by key; follow with .mean(), .agg(...) and the like.",
           example: "df.groupby([\"price_range\", \"four_g\"]).mean()") { args in
            try groupBy(args)
        },
        Builtin("to_array", on: "DataFrame", doc: "The table as a float64 2-D array (rows x columns), for models.",
                example: "X = df.drop(\"price_range\").to_array()") { args in
            .object(ArrayObject(try args.receiver(as: DataFrameObject.self).toNDArray()))
        },
        Builtin("to_csv", on: "DataFrame", [Parameter("path", .string), .opt("index", .bool, .bool(true))],
                doc: "Writes the frame as CSV (see write_csv).", example: "df.to_csv(\"clean.csv\", index=false)") { args in
            try writeCSV(args, frame: frame(args))
        },
        Builtin("copy", on: "DataFrame", doc: "An independent copy (new columns added to it do not touch the original).",
                example: "df2 = df.copy()") { args in
            wrap(frame(args))
        },
        Builtin("nunique", on: "DataFrame", doc: "For each column, the number of distinct values.", example: "df.nunique()") { args in
            let f = frame(args)
            let counts = f.names.indices.map { Int64(f.series(at: $0).nunique()) }
            return wrap(Series(name: nil, column: Column(int64: counts), index: RowIndex(labels: Column(string: f.names))))
        },
    ]

    static let seriesMethods: [Builtin] = [
        Builtin("head", on: "Series", [.opt("n", .int, .int(5))], doc: "The first n values.", example: "df.ram.head()") { args in
            wrap(series(args).head(try args.int("n")))
        },
        Builtin("tail", on: "Series", [.opt("n", .int, .int(5))], doc: "The last n values.", example: "df.ram.tail()") { args in
            wrap(series(args).tail(try args.int("n")))
        },
        Builtin("value_counts", on: "Series", [.opt("normalize", .bool, .bool(false), doc: "shares of the total instead of counts")],
                doc: "How often each value occurs, most frequent first (ties in order of appearance).",
                example: "df.price_range.value_counts()") { args in
            try args.bool("normalize") ? wrap(series(args).valueShares()) : wrap(series(args).valueCounts())
        },
        Builtin("unique", on: "Series", doc: "The distinct values, in order of first appearance.", example: "df.n_cores.unique()") { args in
            let c = series(args).unique()
            return .list(ListBox((0..<c.count).map { DataConversions.value(c[$0]) }))
        },
        Builtin("nunique", on: "Series", doc: "The number of distinct values (missing not counted).", example: "df.n_cores.nunique()") { args in
            .int(series(args).nunique())
        },
        Builtin("isna", on: "Series", doc: "Bools: true where a value is missing.", example: "df.ram.isna().any()") { args in
            wrap(series(args).isna())
        },
        Builtin("notna", on: "Series", doc: "Bools: true where a value is present.", example: "df[df.ram.notna()]") { args in
            wrap(series(args).notna())
        },
        Builtin("any", on: "Series", doc: "Whether any value is true.", example: "(df.sc_w == 0).any()") { args in
            .bool(series(args).any())
        },
        Builtin("all", on: "Series", doc: "Whether every value is true.", example: "(df.ram > 0).all()") { args in
            .bool(series(args).all())
        },
        Builtin("sort_values", on: "Series", [.opt("ascending", .bool, .bool(true))], doc: "The values sorted (stable; missing last).",
                example: "df.ram.sort_values(ascending=false)") { args in
            wrap(series(args).sortValues(ascending: try args.bool("ascending")))
        },
        Builtin("describe", on: "Series", doc: "Count, mean, std, min, quartiles and max.", example: "df.ram.describe()") { args in
            let s = series(args)
            let d = try DataConversions.run { try DataFrame(names: [s.name ?? "0"], columns: [s.column]).describe() }
            var out = d.series(at: 0)
            out.name = s.name
            return wrap(out)
        },
        Builtin("to_array", on: "Series", doc: "The values as a 1-D array.", example: "y = df.price_range.to_array()") { args in
            .object(ArrayObject(try args.receiver(as: SeriesObject.self).toNDArray()))
        },
        Builtin("to_list", on: "Series", doc: "The values as a list.", example: "df.ram.head().to_list()") { args in
            .list(ListBox(try args.receiver(as: SeriesObject.self).elements() ?? []))
        },
    ]

    static let groupByMethods: [Builtin] = [
        Builtin("size", on: "GroupBy", doc: "The number of rows in each group.", example: "df.groupby(\"price_range\").size()") { args in
            wrap(args.receiver(as: GroupByObject.self).groups.size())
        },
        Builtin("agg", on: "GroupBy", [.opt("spec", .optional(.oneOf([.dict, .sequence, .string])), .none), Parameter("columns", .any, .keywords)],
                doc: "Reduces columns per group: agg({\"ram\": \"mean\", \"sc_w\": \"max\"}), agg(ram=\"mean\"), several functions agg([\"mean\", \"max\"]) or {\"ram\": [\"sum\", \"max\"]}, or named outputs agg(total=(\"ram\", \"sum\")).",
                example: "df.groupby(\"price_range\").agg({\"ram\": \"mean\"})") { args in
            if let several = try severalFunctions(args) { return several }
            var specs: [(String, String)] = []
            if case .dict(let d) = args.value("spec") {
                for (k, v) in zip(d.keys, d.values) {
                    guard case .string(let column) = k, case .string(let how) = v else {
                        throw args.bad("spec", expected: "a dict of column names to \"mean\", \"sum\", ...")
                    }
                    specs.append((column, how))
                }
            }
            if let named = try namedAggregations(args) { return try args.receiver(as: GroupByObject.self).aggregate(named: named) }
            for (name, v) in args.keywords {
                guard case .string(let how) = v else { throw QuireError(.type, "agg(\(name)=...) expects a name such as \"mean\", got \(v.typeNoun)") }
                specs.append((name, how))
            }
            guard !specs.isEmpty else { throw args.bad("spec", expected: "at least one column, e.g. {\"ram\": \"mean\"}") }
            return try args.receiver(as: GroupByObject.self).aggregate(specs)
        },
    ]
}
