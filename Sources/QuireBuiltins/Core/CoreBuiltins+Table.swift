import Foundation
import QuireLang

extension CoreBuiltins {
    static let builtins: [Builtin] = [
        Builtin("print", [Parameter("values", .any, .variadic), .opt("sep", .string, .string(" ")), .opt("end", .string, .string("\n"))],
            doc: "Writes the values separated by spaces, then a newline.", example: "print(\"accuracy:\", 0.91)"
        ) { args in
            let text = args.rest.map(Printer.str).joined(separator: try args.string("sep")) + (try args.string("end"))
            args.context.write(text)
            return .none
        },
        Builtin("show", [.opt("value", .any, .none)],
            doc: "Shows a value now, as a cell's result is shown; show() shows the figures drawn and not yet shown, as matplotlib's plt.show().",
            example: "show(bar(counts))"
        ) { args in
            let value = args.value("value")
            let shown: [Value]
            if case .none = value { shown = args.context.figures.takePending() } else { shown = [value] }
            for v in shown {
                args.context.display(v)
                args.context.figures.settle(v)
            }
            return .none
        },
        Builtin("len", [Parameter("x")], doc: "The number of items in a list, tuple, string, dict, table or array.", example: "len([1, 2, 3])") { args in
            switch args.value("x") {
            case .list(let l): return .int(l.items.count)
            case .tuple(let t): return .int(t.count)
            case .string(let s): return .int(CodePoints.count(s))
            case .dict(let d): return .int(d.count)
            case .object(let o): if let n = o.length { return .int(n) }
            default: break
            }
            throw args.bad("x", expected: "a list, tuple, string, dict or table")
        },
        Builtin("range", [Parameter("start", .int), .opt("stop", .optional(.int), .none), .opt("step", .int, .int(1))],
            doc: "The ints from start up to (not including) stop; range(n) counts from 0.", example: "for i in range(3) { print(i) }",
            body: range),
        Builtin("str", [.opt("x", .any, .string(""))], doc: "The value as text, as print writes it.", example: "str(3.5)") { args in
            .string(Printer.str(args.value("x")))
        },
        Builtin("input", [.opt("prompt", .string, .string(""))],
            doc: "Shows the prompt and returns the line the user types (in Jupyter, a box under the cell).",
            example: "name = input(\"your name: \")", body: readInputLine),
        Builtin("repr", [Parameter("x")], doc: "The value as it is displayed (strings quoted).", example: "repr(\"a\")") { args in
            .string(Printer.repr(args.value("x")))
        },
        Builtin("int", [.opt("x", .any, .int(0))], doc: "Converts to an int, cutting off any fraction.", example: "int(\"42\")", body: toInt),
        Builtin("float", [.opt("x", .any, .double(0))], doc: "Converts to a float.", example: "float(\"2.5\")", body: toFloat),
        Builtin("bool", [.opt("x", .any, .bool(false))], doc: "The truth of a value: 0, empty and none are false.", example: "bool([])") { args in
            .bool(try Operators.truth(args.value("x")))
        },
        Builtin("abs", [Parameter("x")], doc: "The absolute value of a number (or of each element).", example: "abs(-3)") { args in
            if let forwarded = try forward(args, "abs", "x") { return forwarded }
            switch args.value("x") {
            case .int(let i):
                if i == Int.min { throw QuireError(.overflow, "integer overflow in abs") }
                return .int(abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d): return .double(abs(d))
            default: throw args.bad("x", expected: "a number")
            }
        },
        Builtin("sqrt", [Parameter("x")], doc: "The square root of a number (or of each element).", example: "sqrt(16)") { args in
            if let forwarded = try forward(args, "sqrt", "x") { return forwarded }
            let d = try number(args, "x")
            if d < 0 { throw args.bad("x", expected: "a number that is not negative") }
            return .double(d.squareRoot())
        },
        Builtin("min", [Parameter("values", .any, .variadic), .opt("key", .optional(.function), .none), .opt("default", .any, .none)],
            doc: "The smallest of several values, or of one list.", example: "min([3, 1, 2])"
        ) { args in try extreme(args, "min", wantMax: false) },
        Builtin("max", [Parameter("values", .any, .variadic), .opt("key", .optional(.function), .none), .opt("default", .any, .none)],
            doc: "The largest of several values, or of one list.", example: "max(3, 7)"
        ) { args in try extreme(args, "max", wantMax: true) },
        Builtin("sum", [Parameter("values"), .opt("start", .number, .int(0))], doc: "The sum of a list of numbers (or of a column).", example: "sum([1, 2, 3])") { args in
            if let forwarded = try forward(args, "sum", "values") { return forwarded }
            var total = args.value("start")
            for v in try items(args, "values") { total = try Operators.binary(.add, total, v) }
            return total
        },
        Builtin("round", [Parameter("x"), .opt("ndigits", .optional(.int), .none)],
            doc: "Rounds half to even, as Python does; with ndigits, to that many decimals.", example: "round(2.675, 2)", body: round),
        Builtin("sorted", [Parameter("values"), .opt("key", .optional(.function), .none), .opt("reverse", .bool, .bool(false))],
            doc: "A new sorted list; key= sorts by a function of each item; stable.", example: "sorted([3, 1, 2], reverse=true)"
        ) { args in
            .list(ListBox(try sortedValues(try items(args, "values"), key: args.optional("key"), reverse: try args.bool("reverse"), context: args.context)))
        },
        Builtin("reversed", [Parameter("values")], doc: "A new list with the items in reverse order.", example: "reversed([1, 2, 3])") { args in
            .list(ListBox(try items(args, "values").reversed()))
        },
        Builtin("enumerate", [Parameter("values"), .opt("start", .int, .int(0))], doc: "Pairs (index, item) for each item.", example: "for i, x in enumerate([\"a\", \"b\"]) { print(i, x) }") { args in
            let start = try args.int("start")
            return .list(ListBox(try items(args, "values").enumerated().map { .tuple([.int($0.offset + start), $0.element]) }))
        },
        Builtin("zip", [Parameter("sequences", .any, .variadic)], doc: "Tuples of the items at the same position in each sequence.", example: "zip([1, 2], [\"a\", \"b\"])") { args in
            var lists: [[Value]] = []
            for v in args.rest {
                switch v {
                case .list(let l): lists.append(l.items)
                case .tuple(let t): lists.append(t)
                case .string(let s): lists.append(CodePoints.items(s))
                case .object(let o): lists.append(try o.elements() ?? [])
                default: throw Arguments.badArgument("sequences", to: "zip", expected: "lists or tuples", got: v)
                }
            }
            let n = lists.map(\.count).min() ?? 0
            return .list(ListBox((0..<n).map { i in .tuple(lists.map { $0[i] }) }))
        },
        Builtin("type", [Parameter("x")], doc: "The name of the value's type.", example: "type(3.5)") { args in
            .string(args.value("x").typeName)
        },
        Builtin("list", [.opt("values", .any, .none)], doc: "A new list of the items of any sequence.", example: "list(range(3))") { args in
            if args.optional("values") == nil { return .list(ListBox([])) }
            return .list(ListBox(try items(args, "values")))
        },
        Builtin("tuple", [.opt("values", .any, .none)], doc: "A tuple of the items of any sequence.", example: "tuple([1, 2])") { args in
            if args.optional("values") == nil { return .tuple([]) }
            return .tuple(try items(args, "values"))
        },
        Builtin("dict", [.opt("pairs", .any, .none), Parameter("entries", .any, .keywords)],
            doc: "A new dict from (key, value) pairs or keyword arguments.", example: "dict(a=1, b=2)"
        ) { args in
            let d = DictBox()
            if case .dict(let other) = args.value("pairs") {
                for (k, v) in zip(other.keys, other.values) { try d.set(k, v) }
            } else if args.optional("pairs") != nil {
                for pair in try items(args, "pairs") {
                    guard case .tuple(let kv) = pair, kv.count == 2 else { throw args.bad("pairs", expected: "a list of (key, value) pairs") }
                    try d.set(kv[0], kv[1])
                }
            }
            for (k, v) in args.keywords { try d.set(.string(k), v) }
            return .dict(d)
        },
        Builtin("any", [Parameter("values")], doc: "True when some item is true.", example: "any([false, true])") { args in
            if let forwarded = try forward(args, "any", "values") { return forwarded }
            for v in try items(args, "values") { if case .bool(false) = v { continue }; if try truthOf(v) { return .bool(true) } }
            return .bool(false)
        },
        Builtin("all", [Parameter("values")], doc: "True when every item is true.", example: "all([true, 1])") { args in
            if let forwarded = try forward(args, "all", "values") { return forwarded }
            for v in try items(args, "values") where !(try truthOf(v)) { return .bool(false) }
            return .bool(true)
        },
        Builtin("format", [Parameter("value"), .opt("spec", .string, .string(""))], doc: "Formats a value by a format spec, as in f-strings.", example: "format(3.14159, \".2f\")") { args in
            .string(try Format.apply(try args.string("spec"), to: args.value("value")))
        },
        Builtin("clock", [], doc: "Seconds since an arbitrary moment, for timing code.", example: "t = clock(); work(); print(clock() - t)") { _ in
            .double(Date().timeIntervalSinceReferenceDate)
        },
        Builtin("help", [.opt("name", .any, .none)], doc: "Describes a builtin: its signature, what it does and an example.", example: "help(\"read_csv\")") { args in
            args.context.write(Help.text(for: args.value("name"), registry: args.context.registry) + "\n")
            return .none
        },
        Builtin("error", [Parameter("message", .string)], doc: "Stops the program with an error message.", example: "error(\"no data\")") { args in
            throw QuireError(.runtime, try args.string("message"))
        },
    ]

    static func truthOf(_ v: Value) throws -> Bool { try Operators.truth(v) }
}
