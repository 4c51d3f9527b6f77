import QuireData
import QuireLang

/// pandas' `Series.str`: text methods applied to every string of a Series (`df.name.str.lower()`,
/// `s.str.contains("ab")`, `s.str[0:3]`). Handed out only for a Series of strings, as pandas
/// refuses the accessor on other values.
final class StringMethodsObject: NativeObject {
    let series: Series

    init(_ series: Series) { self.series = series }

    var typeName: String { "Series.str" }
    func displayText() -> String { "<Series.str accessor: use .str.lower(), .str.contains(\"x\"), .str[0:3] ...>" }

    /// `s.str[a:b]` (a slice of each string) and `s.str[i]` (one character of each).
    func subscriptGet(_ index: Value) throws -> Value {
        switch index {
        case .object(let slice as SliceValue):
            return .object(SeriesObject(try DataConversions.run { try series.strSlice(start: slice.start, stop: slice.stop, step: slice.step) }))
        case .int(let i):
            return .object(SeriesObject(try DataConversions.run { try series.strGet(i) }))
        default:
            throw QuireError(.type, "Series.str is indexed by a position or a slice (s.str[0], s.str[0:3]), not \(index.typeNoun)")
        }
    }

    static let attribute = Builtin(
        attribute: "str", on: "Series",
        doc: "Text methods applied to each string, as pandas' .str: lower, upper, contains, startswith, endswith, len, split, replace, strip, slice, s.str[0:3].",
        example: "df.name.str.lower()"
    ) { args in
        let s = args.receiver(as: SeriesObject.self).series
        _ = try DataConversions.run { try s.texts() }
        return .object(StringMethodsObject(s))
    }

    private static func text(_ args: Arguments) -> Series { args.receiver(as: StringMethodsObject.self).series }
    private static func wrap(_ body: () throws -> Series) throws -> Value { .object(SeriesObject(try DataConversions.run(body))) }

    private static let caseParameter = Parameter.opt("case", .bool, .bool(true), doc: "false: ignore the difference between capitals and small letters")
    private static let naParameter = Parameter.opt("na", .optional(.bool), .bool(false), doc: "the result for a missing value (none: stays missing)")

    private static func na(_ args: Arguments) -> Scalar { args.optional("na").flatMap(DataConversions.scalar) ?? .missing }

    /// The prefixes or suffixes: one string, or a list or tuple of them (any of them matches).
    private static func patterns(_ args: Arguments, _ name: String) throws -> [String] {
        switch args.value(name) {
        case .string(let s): return [s]
        case .list, .tuple:
            return try args.sequence(name).map { v in
                guard case .string(let s) = v else { throw args.bad(name, expected: "a string or a tuple of strings") }
                return s
            }
        default: throw args.bad(name, expected: "a string or a tuple of strings")
        }
    }

    static let methods: [Builtin] = [
        Builtin("lower", on: "Series.str", doc: "Each string in small letters (missing values stay missing).", example: "df.name.str.lower()") { args in
            try wrap { try text(args).strLower() }
        },
        Builtin("upper", on: "Series.str", doc: "Each string in capitals.", example: "df.name.str.upper()") { args in
            try wrap { try text(args).strUpper() }
        },
        Builtin("len", on: "Series.str", doc: "The length of each string in characters (floats when some are missing, as pandas).", example: "df.name.str.len()") { args in
            try wrap { try text(args).strLength() }
        },
        Builtin("contains", on: "Series.str", [
            Parameter("pat", .string), caseParameter, naParameter,
            .opt("regex", .bool, .bool(true), doc: "true: pat is a regular expression; false: plain text"),
        ], doc: "Bools: whether pat (a regular expression by default, as pandas) occurs in each string.",
           example: "df[df.name.str.contains(\"^ch\", case=false)]") { args in
            let pat = try args.string("pat"), caseSensitive = try args.bool("case"), regex = try args.bool("regex")
            return try wrap { try text(args).strContains(pat, caseSensitive: caseSensitive, regex: regex, na: na(args)) }
        },
        Builtin("startswith", on: "Series.str", [Parameter("pat", .oneOf([.string, .sequence])), naParameter],
                doc: "Bools: whether each string starts with pat (or with any of a tuple of them).", example: "df.name.str.startswith(\"a\")") { args in
            let p = try patterns(args, "pat")
            return try wrap { try text(args).strStartsWith(p, na: na(args)) }
        },
        Builtin("endswith", on: "Series.str", [Parameter("pat", .oneOf([.string, .sequence])), naParameter],
                doc: "Bools: whether each string ends with pat (or with any of a tuple of them).", example: "df.file.str.endswith(\".csv\")") { args in
            let p = try patterns(args, "pat")
            return try wrap { try text(args).strEndsWith(p, na: na(args)) }
        },
        Builtin("replace", on: "Series.str", [
            Parameter("pat", .string), Parameter("repl", .string),
            .opt("n", .int, .int(-1), doc: "how many replacements per string (-1: all)"),
            .opt("case", .optional(.bool), .none, doc: "false: ignore capitals when matching"),
            .opt("regex", .bool, .bool(false), doc: "true: pat is a regular expression (pandas 2's default is false)"),
        ], doc: "Each string with occurrences of pat replaced by repl (taken as it is).", example: "df.price.str.replace(\",\", \"\")") { args in
            let pat = try args.string("pat"), repl = try args.string("repl"), n = try args.int("n"), regex = try args.bool("regex")
            let caseSensitive = try args.optional("case") == nil ? true : args.bool("case")
            return try wrap { try text(args).strReplace(pat, repl, count: n, caseSensitive: caseSensitive, regex: regex) }
        },
        strip("strip", leading: true, trailing: true, "both ends"),
        strip("lstrip", leading: true, trailing: false, "the start"),
        strip("rstrip", leading: false, trailing: true, "the end"),
        Builtin("slice", on: "Series.str", [
            .opt("start", .optional(.int), .none), .opt("stop", .optional(.int), .none), .opt("step", .optional(.int), .none),
        ], doc: "Characters start to stop of each string, as Python slices (s.str[start:stop] is the same).", example: "df.code.str.slice(0, 3)") { args in
            let start = try args.optionalInt("start"), stop = try args.optionalInt("stop"), step = try args.optionalInt("step")
            return try wrap { try text(args).strSlice(start: start, stop: stop, step: step) }
        },
        Builtin("get", on: "Series.str", [Parameter("i", .int)],
                doc: "The character at position i of each string (negative from the end; missing when too short).", example: "df.name.str.get(0)") { args in
            let i = try args.int("i")
            return try wrap { try text(args).strGet(i) }
        },
        Builtin("split", on: "Series.str", [
            .opt("pat", .optional(.string), .none, doc: "the separator (none: runs of white space); longer than one character, a regular expression"),
            .opt("n", .int, .int(-1), doc: "split at most n times (-1: no limit)"),
            .opt("expand", .bool, .bool(false), doc: "true: a DataFrame with one column per part"),
            .opt("regex", .optional(.bool), .none, doc: "whether pat is a regular expression (none: pandas' rule by length)"),
        ], doc: "The parts of each string: a list of lists (none for a missing string), or with expand=true a DataFrame of columns 0, 1, ...",
           example: "df.name.str.split(\" \", expand=true)") { args in
            let pat = try args.optionalString("pat"), n = try args.int("n")
            let regex: Bool? = args.optional("regex") == nil ? nil : try args.bool("regex")
            let s = text(args)
            if try args.bool("expand") {
                return .object(DataFrameObject(try DataConversions.run { try s.strSplitExpanded(pat, limit: n, regex: regex) }))
            }
            let parts = try DataConversions.run { try s.strSplit(pat, limit: n, regex: regex) }
            return .list(ListBox(parts.map { p in p.map { .list(ListBox($0.map(Value.string))) } ?? .none }))
        },
    ]

    private static func strip(_ name: String, leading: Bool, trailing: Bool, _ where_: String) -> Builtin {
        Builtin(name, on: "Series.str", [.opt("to_strip", .optional(.string), .none, doc: "the characters to remove (none: white space)")],
                doc: "Each string without white space (or the given characters) at \(where_).", example: "df.name.str.\(name)()") { args in
            let chars = try args.optionalString("to_strip")
            return try wrap { try text(args).strStrip(chars, leading: leading, trailing: trailing) }
        }
    }
}
