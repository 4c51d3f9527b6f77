import QuireData
import QuireLang

/// `corr` and `cov` of DataFrames and Series, with pandas' names, defaults and results.
extension DataBuiltins {
    private static let methodParameter = Parameter.choice(
        "method", CorrelationMethod.allCases.map(\.rawValue), doc: "pearson (linear), spearman (of ranks) or kendall (tau-b)")
    private static let minPeriods = Parameter.opt(
        "min_periods", .int, .int(1), doc: "fewest complete pairs of rows for a result (NaN below it)")
    private static let numericOnly = Parameter.opt(
        "numeric_only", .bool, .bool(false), doc: "leave out text columns instead of failing on them")

    static let correlationMethods: [Builtin] = [
        Builtin("corr", on: "DataFrame", [methodParameter, minPeriods, numericOnly],
                doc: "The correlation of each pair of numeric columns, as a table (pandas' df.corr()).",
                example: "df.corr()") { args in
            let method = try args.choice("method", as: CorrelationMethod.self)
            let periods = try positive(args, "min_periods")
            return wrap(try textColumns(args) { try frame(args).correlation(method, minPeriods: periods, numericOnly: try args.bool("numeric_only")) })
        },
        Builtin("cov", on: "DataFrame", [.opt("min_periods", .optional(.int), .none, doc: "fewest complete pairs of rows for a result (NaN below it)"),
                                         .opt("ddof", .int, .int(1), doc: "the divisor is count - ddof"), numericOnly],
                doc: "The covariance of each pair of numeric columns, as a table (pandas' df.cov()).",
                example: "df.cov()") { args in
            let periods = args.optional("min_periods") == nil ? nil : try positive(args, "min_periods")
            let ddof = try args.int("ddof")
            guard ddof >= 0 else { throw args.bad("ddof", expected: "an int of at least 0") }
            return wrap(try textColumns(args) { try frame(args).covariance(minPeriods: periods, ddof: ddof, numericOnly: try args.bool("numeric_only")) })
        },
        Builtin("corr", on: "Series", [Parameter("other", .object("Series")), methodParameter, minPeriods],
                doc: "The correlation with another Series, over the labels both have.",
                example: "df.alcohol.corr(df.color_intensity)") { args in
            let other = try args.object("other", as: SeriesObject.self, expected: "a Series").series
            let method = try args.choice("method", as: CorrelationMethod.self)
            let periods = try positive(args, "min_periods")
            return .double(try DataConversions.run { try series(args).correlation(with: other, method, minPeriods: periods) })
        },
        Builtin("cov", on: "Series", [Parameter("other", .object("Series")), minPeriods, .opt("ddof", .int, .int(1), doc: "the divisor is count - ddof")],
                doc: "The covariance with another Series, over the labels both have.",
                example: "df.alcohol.cov(df.color_intensity)") { args in
            let other = try args.object("other", as: SeriesObject.self, expected: "a Series").series
            let ddof = try args.int("ddof")
            guard ddof >= 0 else { throw args.bad("ddof", expected: "an int of at least 0") }
            return .double(try DataConversions.run { try series(args).covariance(with: other, minPeriods: try positive(args, "min_periods"), ddof: ddof) })
        },
    ]

    private static func positive(_ args: Arguments, _ name: String) throws -> Int {
        let n = try args.int(name)
        guard n >= 1 else { throw args.bad(name, expected: "an int of at least 1") }
        return n
    }

    /// A text column in `corr`/`cov`: pandas fails too, and numeric_only=true is its way out.
    private static func textColumns(_ args: Arguments, _ body: () throws -> DataFrame) throws -> DataFrame {
        do {
            return try body()
        } catch DataError.wrongType(let column?, _, let operation) {
            throw QuireError(.type, "\(operation) needs numbers, but column \"\(column)\" holds text",
                             hint: "pass numeric_only=true to leave text columns out, or drop it: df.drop(\"\(column)\")")
        } catch let e as DataError {
            throw DataConversions.error(e)
        }
    }
}
