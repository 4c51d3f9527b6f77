import QuireData
import QuireLang

/// pandas' method forms of arithmetic (`add`, `sub`, `mul`, `div`, with `fill_value=` and
/// `axis=`) and the index methods (`set_index`, `reset_index`, `sort_index`).
extension DataBuiltins {
    static let arithmeticMethods: [(name: String, op: QuireData.ArithmeticOperator, verb: String)] = [
        ("add", .add, "plus"), ("sub", .subtract, "minus"), ("mul", .multiply, "times"),
        ("div", .divide, "divided by"), ("truediv", .divide, "divided by"),
    ]

    static let fillParameter = Parameter.opt(
        "fill_value", .optional(.number), .none,
        doc: "Stands in for a value missing on one side only (both missing stays missing).")

    static let alignMethods: [Builtin] = arithmeticMethods.flatMap { m in
        [
            Builtin(m.name, on: "Series", [Parameter("other"), fillParameter],
                    doc: "This Series \(m.verb) other, aligned on the labels as pandas does (the operator \(m.op.rawValue) with fill_value).",
                    example: "a.\(m.name)(b, fill_value=0)") { args in
                let operand = try seriesOperand(args)
                let fill = try fillValue(args)
                return wrap(try DataConversions.run { try series(args).arithmetic(m.op, operand, fill: fill) })
            },
            Builtin(m.name, on: "DataFrame", [
                Parameter("other"),
                .opt("axis", .oneOf([.string, .int]), .string("columns"), choices: ["columns", "index"], synonyms: ["rows"],
                     doc: "What a Series lines up with: the column names (\"columns\", 1) or the row labels (\"index\", 0)."),
                fillParameter,
            ], doc: "The frame \(m.verb) other (a number, Series or DataFrame), aligned on labels as pandas does.",
               example: "df.\(m.name)(df.mean(), axis=\"columns\")") { args in
                let fill = try fillValue(args)
                let axis = try frameAxis(args)
                let other = try frameOperand(args)
                return wrap(try DataConversions.run { try frame(args).arithmetic(m.op, other, axis: axis, fill: fill) })
            },
        ]
    } + [
        Builtin("set_index", on: "DataFrame", [Parameter("keys", .string)],
                doc: "The frame with column keys as its row labels (the column is removed).",
                example: "df.set_index(\"id\")") { args in
            let f = frame(args), key = try args.string("keys")
            do {
                return wrap(try DataConversions.run { try f.settingIndex(key) })
            } catch let e as QuireError {
                throw e.located(argument: "keys")
            }
        },
        Builtin("reset_index", on: "DataFrame", [.opt("drop", .bool, .bool(false))],
                doc: "Row labels 0, 1, ...; the old labels become the first column unless drop=true.",
                example: "df.reset_index(drop=true)") { args in
            wrap(try DataConversions.run { try frame(args).resettingIndex(drop: try args.bool("drop")) })
        },
        Builtin("reset_index", on: "Series", [.opt("drop", .bool, .bool(false))],
                doc: "Labels 0, 1, ... with drop=true; otherwise a DataFrame of the labels and the values.",
                example: "s.reset_index(drop=true)") { args in
            let s = series(args)
            if try args.bool("drop") { return wrap(s.droppingIndex()) }
            return wrap(try DataConversions.run { try s.resettingIndex() })
        },
        Builtin("sort_index", on: "DataFrame", [.opt("ascending", .bool, .bool(true))],
                doc: "The rows ordered by their labels.", example: "df.sort_index()") { args in
            wrap(frame(args).sortIndex(ascending: try args.bool("ascending")))
        },
        Builtin("sort_index", on: "Series", [.opt("ascending", .bool, .bool(true))],
                doc: "The values ordered by their labels.", example: "s.sort_index()") { args in
            wrap(series(args).sortIndex(ascending: try args.bool("ascending")))
        },
    ]

    private static func fillValue(_ args: Arguments) throws -> Scalar? {
        guard let v = args.optional("fill_value"), let s = DataConversions.scalar(v) else { return nil }
        return s
    }

    private static func seriesOperand(_ args: Arguments) throws -> Operand {
        let v = args.value("other")
        guard let operand = DataConversions.operand(v) else { throw args.bad("other", expected: "a Series or a number") }
        return operand
    }

    private static func frameAxis(_ args: Arguments) throws -> FrameAxis {
        switch args.value("axis") {
        case .int(0), .string("index"), .string("rows"): return .index
        case .int(1), .string("columns"): return .columns
        default: throw args.bad("axis", expected: "\"columns\" (or 1) or \"index\" (or 0)")
        }
    }

    /// A number, Series or DataFrame as the other side of a frame operation; nil for others.
    static func frameOperand(_ v: Value) -> FrameOperand? {
        switch v {
        case .object(let f as DataFrameObject): return .frame(f.frame)
        case .object(let s as SeriesObject): return .series(s.series)
        default: return DataConversions.scalar(v).map(FrameOperand.scalar)
        }
    }

    private static func frameOperand(_ args: Arguments) throws -> FrameOperand {
        guard let operand = frameOperand(args.value("other")), !operand.isText else {
            throw args.bad("other", expected: "a number, a Series or a DataFrame")
        }
        return operand
    }
}

extension FrameOperand {
    fileprivate var isText: Bool { if case .scalar(.string) = self { true } else { false } }
}
