import QuireData
import QuireLang

/// Running sums, differences, rounding and quantiles of Series and DataFrames, with pandas'
/// names and results.
extension DataBuiltins {
    private static let periods = Parameter.opt("periods", .int, .int(1), doc: "how many rows back to compare with (negative: ahead)")

    static let transformMethods: [Builtin] =
        Cumulative.allCases.flatMap { op -> [Builtin] in
            let what: String
            switch op {
            case .cumsum: what = "running sum"
            case .cumprod: what = "running product"
            case .cummax: what = "running maximum"
            case .cummin: what = "running minimum"
            }
            return [
                Builtin(op.rawValue, on: "Series", doc: "The \(what) (missing values stay missing and are skipped).",
                        example: "df.alcohol.\(op.rawValue)()") { args in
                    wrap(try DataConversions.run { try series(args).cumulative(op) })
                },
                Builtin(op.rawValue, on: "DataFrame", doc: "The \(what) of each column.", example: "df.\(op.rawValue)()") { args in
                    wrap(try DataConversions.run { try frame(args).mapColumns { try $0.cumulative(op) } })
                },
            ]
        } + [
            Builtin("diff", on: "Series", [periods], doc: "Each value minus the one periods rows before (missing for the first).",
                    example: "df.price.diff()") { args in
                let p = try args.int("periods")
                return wrap(try DataConversions.run { try series(args).diff(p) })
            },
            Builtin("diff", on: "DataFrame", [periods], doc: "diff() of each column.", example: "df.diff()") { args in
                let p = try args.int("periods")
                return wrap(try DataConversions.run { try frame(args).mapColumns { try $0.diff(p) } })
            },
            Builtin("pct_change", on: "Series", [periods], doc: "The change from periods rows before, as a fraction (0.1 is 10%).",
                    example: "df.price.pct_change()") { args in
                let p = try args.int("periods")
                return wrap(try DataConversions.run { try series(args).pctChange(p) })
            },
            Builtin("pct_change", on: "DataFrame", [periods], doc: "pct_change() of each column.", example: "df.pct_change()") { args in
                let p = try args.int("periods")
                return wrap(try DataConversions.run { try frame(args).mapColumns { try $0.pctChange(p) } })
            },
            Builtin("round", on: "Series", [.opt("decimals", .int, .int(0), doc: "digits after the point (negative: tens, hundreds...)")],
                    doc: "The values rounded to decimals digits (halves to even, as numpy).", example: "df.alcohol.round(1)") { args in
                let d = try args.int("decimals")
                return wrap(try DataConversions.run { try series(args).rounded(d) })
            },
            Builtin("round", on: "DataFrame", [.opt("decimals", .int, .int(0), doc: "digits after the point (negative: tens, hundreds...)")],
                    doc: "Every numeric column rounded (text columns unchanged).", example: "df.describe().round(2)") { args in
                let d = try args.int("decimals")
                return wrap(try DataConversions.run { try frame(args).rounded(d) })
            },
            Builtin("quantile", on: "Series", [.opt("q", .any, .double(0.5), doc: "a fraction between 0 and 1, or a list of them")],
                    doc: "The q-quantile (linear interpolation, as pandas); a list of q gives a Series indexed by q.",
                    example: "df.alcohol.quantile(0.9)") { args in
                let s = series(args)
                switch args.value("q") {
                case .list(let l):
                    let qs = try l.items.map { try fraction($0, args) }
                    let values = try DataConversions.run { try qs.map { try s.quantile($0) } }
                    return wrap(Series(name: s.name, column: Column(float64: values), index: RowIndex(labels: Column(float64: qs))))
                default:
                    let q = try fraction(args.value("q"), args)
                    return .double(try DataConversions.run { try s.quantile(q) })
                }
            },
            Builtin("quantile", on: "DataFrame", [.opt("q", .number, .double(0.5), doc: "a fraction between 0 and 1"),
                                                  .opt("numeric_only", .bool, .bool(false), doc: "leave out text columns instead of failing on them")],
                    doc: "The q-quantile of each numeric column, as a Series named q.", example: "df.quantile(0.75)") { args in
                let q = try fraction(args.value("q"), args)
                let numericOnly = try args.bool("numeric_only")
                return wrap(try DataConversions.run { try frame(args).quantile(q, numericOnly: numericOnly) })
            },
        ]

    private static func fraction(_ v: Value, _ args: Arguments) throws -> Double {
        let q: Double
        switch v {
        case .int(let i): q = Double(i)
        case .double(let d): q = d
        default: throw args.bad("q", expected: "a number between 0 and 1, or a list of them")
        }
        guard q >= 0, q <= 1 else { throw args.bad("q", expected: "a number between 0 and 1, or a list of them") }
        return q
    }
}
