import QuireData
import QuireLang

/// `duplicated`, `drop_duplicates`, `rename`, `astype` and `T`, with pandas' names.
extension DataBuiltins {
    private static let subset = Parameter.opt("subset", .optional(.oneOf([.string, .sequence])), .none,
                                              doc: "the columns that decide whether rows repeat (all, by default)")
    private static let keepDuplicate = Parameter.opt("keep", .oneOf([.string, .bool]), .string("first"),
                                                     doc: "\"first\" or \"last\" occurrence is not marked; false marks every repeat")
    private static let dtype = Parameter("dtype", .any, doc: "\"float64\", \"int64\", \"bool\" or \"str\" (or float, int, bool, str)")

    static let reshapeMethods: [Builtin] = [
        Builtin("duplicated", on: "DataFrame", [subset, keepDuplicate],
                doc: "Bools: true for a row that repeats another's values (after the first, by default).",
                example: "df.duplicated().sum()") { args in
            let keep = try keepOption(args)
            let columns = try args.optional("subset").map(DataFrameObject.names)
            return wrap(try DataConversions.run { try frame(args).duplicated(subset: columns, keep: keep) })
        },
        Builtin("drop_duplicates", on: "DataFrame", [subset, keepDuplicate],
                doc: "The rows without repeats (the first of each kept, by default).",
                example: "df.drop_duplicates(subset=[\"name\"])") { args in
            let keep = try keepOption(args)
            let columns = try args.optional("subset").map(DataFrameObject.names)
            return wrap(try DataConversions.run { try frame(args).droppingDuplicates(subset: columns, keep: keep) })
        },
        Builtin("duplicated", on: "Series", [keepDuplicate],
                doc: "Bools: true for a value seen before (by default).", example: "df.name.duplicated()") { args in
            let keep = try keepOption(args)
            let s = series(args)
            var out = try DataConversions.run { try DataFrame(names: ["v"], columns: [s.column], index: s.index).duplicated(keep: keep) }
            out.name = s.name
            return wrap(out)
        },
        Builtin("drop_duplicates", on: "Series", [keepDuplicate],
                doc: "The values without repeats, with their labels.", example: "df.name.drop_duplicates()") { args in
            let keep = try keepOption(args)
            let s = series(args)
            let kept = try DataConversions.run { try DataFrame(names: ["v"], columns: [s.column], index: s.index).droppingDuplicates(keep: keep) }
            return wrap(Series(name: s.name, column: kept.columns[0], index: kept.index))
        },
        Builtin("rename", on: "DataFrame", [Parameter("columns", .dict, doc: "a dict of old name to new name")],
                doc: "The frame with columns renamed (names not in the dict stay).",
                example: "df.rename(columns={\"od280/od315_of_diluted_wines\": \"od280\"})") { args in
            guard case .dict(let box) = args.value("columns") else { throw args.bad("columns", expected: "a dict of old name to new name") }
            let f = frame(args)
            var mapping: [String: String] = [:]
            for (key, value) in zip(box.keys, box.values) {
                guard case .string(let old) = key, case .string(let new) = value else {
                    throw args.bad("columns", expected: "a dict of names (strings) to names")
                }
                guard f.names.contains(old) else {
                    // pandas ignores unknown names silently; a typo here is almost always a mistake.
                    throw DataConversions.error(.noSuchColumn(name: old, columns: f.names)).located(argument: "columns")
                }
                mapping[old] = new
            }
            return wrap(f.renamingColumns(mapping))
        },
        Builtin("astype", on: "Series", [dtype], doc: "The values converted to another type.", example: "df.target.astype(\"str\")") { args in
            let to = try cast(args.value("dtype"), args)
            return wrap(try DataConversions.run { try series(args).cast(to) })
        },
        Builtin("astype", on: "DataFrame", [dtype], doc: "Every column converted to a type, or {column: type} for some.",
                example: "df.astype({\"target\": \"str\"})") { args in
            var f = frame(args)
            if case .dict(let box) = args.value("dtype") {
                for (key, value) in zip(box.keys, box.values) {
                    guard case .string(let name) = key else { throw args.bad("dtype", expected: "a type, or a dict of column name to type") }
                    let to = try cast(value, args)
                    let converted = try DataConversions.run { try f.column(name).cast(to) }
                    try DataConversions.run { try f.setColumn(name, converted.column) }
                }
                return wrap(f)
            }
            let to = try cast(args.value("dtype"), args)
            return wrap(try DataConversions.run { try f.mapColumns { try $0.cast(to) } })
        },
        Builtin(attribute: "T", on: "DataFrame", doc: "The frame transposed: rows become columns.", example: "df.head(3).T") { args in
            wrap(frame(args).transposed())
        },
    ]

    private static func keepOption(_ args: Arguments) throws -> KeepDuplicate {
        switch args.value("keep") {
        case .string("first"): return .first
        case .string("last"): return .last
        case .bool(false): return .none
        default: throw args.bad("keep", expected: "\"first\", \"last\" or false")
        }
    }

    /// A type named as pandas names it, or by Python's conversion functions.
    private static func cast(_ v: Value, _ args: Arguments) throws -> ColumnCast {
        var name: String?
        switch v {
        case .string(let s): name = s
        case .builtin(let b): name = b.builtin.name
        default: break
        }
        switch name {
        case "float64", "float", "double": return .float64
        case "int64", "int": return .int64
        case "bool": return .bool
        case "str", "string", "object": return .str
        default:
            throw args.bad("dtype", expected: "\"float64\", \"int64\", \"bool\" or \"str\" (or float, int, bool, str)")
        }
    }
}
