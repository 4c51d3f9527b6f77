import QuireData
import QuireLang

/// `sample`, and the group-by, `pivot_table` and `crosstab` rows, with pandas' names and defaults.
extension DataBuiltins {
    static let samplingMethods: [Builtin] = ["DataFrame", "Series"].map { receiver in
        Builtin("sample", on: receiver, [
            .opt("n", .optional(.int), .none, doc: "how many rows (one when neither n nor frac is given)"),
            .opt("frac", .optional(.number), .none, doc: "the share of rows instead, rounded half to even"),
            .opt("replace", .bool, .bool(false), doc: "draw with replacement (a row may come more than once)"),
            .opt("random_state", .optional(.int), .none, doc: "numpy's seed: the same rows as pandas for the same seed"),
        ], doc: "Rows drawn at random, as pandas' sample (numpy's RandomState, so a seed picks the rows pandas picks).",
           example: receiver == "DataFrame" ? "df.sample(5, random_state=0)" : "df.ram.sample(frac=0.01, random_state=1)") { args in
            let n = try args.optionalInt("n"), frac = try args.optionalDouble("frac")
            let replace = try args.bool("replace")
            let seed = try LearnBuiltins.seed(args)
            return try DataConversions.run {
                if receiver == "Series" { return wrap(try series(args).sample(n: n, frac: frac, replace: replace, seed: seed)) }
                return wrap(try frame(args).sample(n: n, frac: frac, replace: replace, seed: seed))
            }
        }
    }

    /// `df.groupby(by, as_index=)`: one key or several.
    static func groupBy(_ args: Arguments) throws -> Value {
        let keys = try DataFrameObject.names(args.value("by"))
        let df = frame(args)
        let groups: GroupBy
        do {
            groups = try DataConversions.run { try df.groupBy(keys) }
        } catch let e as QuireError {
            throw e.located(argument: "by")
        }
        return .object(GroupByObject(groups, asIndex: try args.bool("as_index")))
    }

    /// `agg(total=("x", "sum"), n=("y", "count"))`: nil when the keywords are not such pairs.
    static func namedAggregations(_ args: Arguments) throws -> [(output: String, column: String, how: String)]? {
        guard let first = args.keywords.first, case .tuple = first.1 else { return nil }
        return try args.keywords.map { name, v in
            guard case .tuple(let pair) = v, pair.count == 2, case .string(let column) = pair[0], case .string(let how) = pair[1] else {
                throw QuireError(.type, "agg(\(name)=...) expects a pair (column, aggregation) such as (\"ram\", \"sum\"), got \(Printer.repr(v))",
                                 hint: "give every output the same form: total=(\"ram\", \"sum\"), n=(\"ram\", \"count\")")
            }
            return (name, column, how)
        }
    }

    /// `agg("mean")`, `agg(["mean", "max"])`, `agg({"x": ["sum", "mean"]})`: nil for the other forms.
    static func severalFunctions(_ args: Arguments) throws -> Value? {
        let g = args.receiver(as: GroupByObject.self)
        func functions(_ v: Value) throws -> [String] {
            do {
                return try DataFrameObject.names(v)
            } catch {
                throw args.bad("spec", expected: "an aggregation name, a list of them, or a dict of column names to them")
            }
        }
        switch args.value("spec") {
        case .string(let how):
            return try g.aggregate(try GroupByObject.reduction(how))
        case .list, .tuple:
            let hows = try functions(args.value("spec"))
            guard !hows.isEmpty else { throw args.bad("spec", expected: "at least one aggregation, e.g. [\"mean\", \"max\"]") }
            return try g.aggregate(several: hows)
        case .dict(let d):
            guard d.values.contains(where: { if case .list = $0 { true } else if case .tuple = $0 { true } else { false } }) else { return nil }
            var specs: [(String, [String])] = []
            for (k, v) in zip(d.keys, d.values) {
                guard case .string(let column) = k else { throw args.bad("spec", expected: "a dict of column names to aggregations") }
                specs.append((column, try functions(v)))
            }
            return try g.aggregate(grouped: specs)
        default:
            return nil
        }
    }
}
