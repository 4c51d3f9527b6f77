import Foundation
import QuireLang
import QuireSupport

/// Methods of lists, dicts and strings.
enum CollectionMethods {
    static func list(_ args: Arguments) -> ListBox {
        guard case .list(let l) = args.receiver else { preconditionFailure("list method on a non-list") }
        return l
    }

    static func dict(_ args: Arguments) -> DictBox {
        guard case .dict(let d) = args.receiver else { preconditionFailure("dict method on a non-dict") }
        return d
    }

    static func string(_ args: Arguments) -> String {
        guard case .string(let s) = args.receiver else { preconditionFailure("str method on a non-string") }
        return s
    }

    static let builtins: [Builtin] = listMethods + dictMethods + stringMethods

    static let listMethods: [Builtin] = [
        Builtin("append", on: "list", [Parameter("item")], doc: "Adds an item at the end.", example: "xs.append(4)") { args in
            try list(args).items.appendChecked(args.value("item"))
            return .none
        },
        Builtin("extend", on: "list", [Parameter("items")], doc: "Adds every item of another sequence at the end.", example: "xs.extend([5, 6])") { args in
            list(args).items += try CoreBuiltins.items(args, "items")
            return .none
        },
        Builtin("insert", on: "list", [Parameter("index", .int), Parameter("item")], doc: "Inserts an item before the index.", example: "xs.insert(0, \"first\")") { args in
            let l = list(args)
            var i = try args.int("index")
            if i < 0 { i += l.items.count }
            l.items.insert(args.value("item"), at: min(max(i, 0), l.items.count))
            return .none
        },
        Builtin("pop", on: "list", [.opt("index", .int, .int(-1))], doc: "Removes and returns the item at the index (the last by default).", example: "last = xs.pop()") { args in
            let l = list(args)
            guard !l.items.isEmpty else { throw QuireError(.index, "pop from an empty list") }
            var i = try args.int("index")
            if i < 0 { i += l.items.count }
            guard i >= 0, i < l.items.count else { throw QuireError(.index, "pop index \(try args.int("index")) is out of range (length \(l.items.count))", argument: "index") }
            return l.items.remove(at: i)
        },
        Builtin("remove", on: "list", [Parameter("item")], doc: "Removes the first item equal to the value.", example: "xs.remove(3)") { args in
            let l = list(args)
            guard let i = try l.items.firstIndex(where: { try Operators.equal($0, args.value("item")) }) else {
                throw QuireError(.value, "\(Printer.shortRepr(args.value("item"))) is not in the list", argument: "item")
            }
            l.items.remove(at: i)
            return .none
        },
        Builtin("clear", on: "list", [], doc: "Removes every item.", example: "xs.clear()") { args in
            list(args).items.removeAll()
            return .none
        },
        Builtin("index", on: "list", [Parameter("item")], doc: "The position of the first item equal to the value.", example: "[\"a\", \"b\"].index(\"b\")") { args in
            guard let i = try list(args).items.firstIndex(where: { try Operators.equal($0, args.value("item")) }) else {
                throw QuireError(.value, "\(Printer.shortRepr(args.value("item"))) is not in the list", argument: "item")
            }
            return .int(i)
        },
        Builtin("count", on: "list", [Parameter("item")], doc: "How many items equal the value.", example: "[1, 2, 1].count(1)") { args in
            .int(try list(args).items.filter { try Operators.equal($0, args.value("item")) }.count)
        },
        Builtin("sort", on: "list", [.opt("key", .optional(.function), .none), .opt("reverse", .bool, .bool(false))],
            doc: "Sorts the list in place (stable).", example: "xs.sort(reverse=true)"
        ) { args in
            let l = list(args)
            l.items = try CoreBuiltins.sortedValues(l.items, key: args.optional("key"), reverse: try args.bool("reverse"), context: args.context)
            return .none
        },
        Builtin("reverse", on: "list", [], doc: "Reverses the list in place.", example: "xs.reverse()") { args in
            list(args).items.reverse()
            return .none
        },
        Builtin("copy", on: "list", [], doc: "A shallow copy of the list.", example: "ys = xs.copy()") { args in
            .list(ListBox(list(args).items))
        },
        Builtin("map", on: "list", [Parameter("f", .function)], doc: "A new list of f applied to each item.", example: "[1, 2, 3].map(fn(x) { x * 2 })") { args in
            let f = args.value("f")
            return .list(ListBox(try list(args).items.map { try args.context.call(f, [$0]) }))
        },
        Builtin("filter", on: "list", [Parameter("f", .function)], doc: "A new list of the items for which f is true.", example: "[1, 2, 3].filter(fn(x) { x > 1 })") { args in
            let f = args.value("f")
            return .list(ListBox(try list(args).items.filter { try CoreBuiltins.truthOf(try args.context.call(f, [$0])) }))
        },
    ]

    static let dictMethods: [Builtin] = [
        Builtin("keys", on: "dict", [], doc: "The keys, in insertion order.", example: "d.keys()") { args in .list(ListBox(dict(args).keys)) },
        Builtin("values", on: "dict", [], doc: "The values, in insertion order.", example: "d.values()") { args in .list(ListBox(dict(args).values)) },
        Builtin("items", on: "dict", [], doc: "(key, value) pairs, in insertion order.", example: "for k, v in d.items() { print(k, v) }") { args in
            let d = dict(args)
            return .list(ListBox(zip(d.keys, d.values).map { .tuple([$0, $1]) }))
        },
        Builtin("get", on: "dict", [Parameter("key"), .opt("default", .any, .none)], doc: "The value for a key, or the default when it is missing.", example: "d.get(\"x\", 0)") { args in
            try dict(args).get(args.value("key")) ?? args.value("default")
        },
        Builtin("pop", on: "dict", [Parameter("key"), .opt("default", .any, .undefined)], doc: "Removes a key and returns its value.", example: "d.pop(\"x\")") { args in
            if let v = try dict(args).remove(args.value("key")) { return v }
            if case .undefined = args.value("default") {
                throw QuireError(.key, "no key \(Printer.shortRepr(args.value("key"))) in this dict", argument: "key")
            }
            return args.value("default")
        },
        Builtin("update", on: "dict", [Parameter("other", .dict)], doc: "Adds or replaces the entries of another dict.", example: "d.update({\"y\": 2})") { args in
            guard case .dict(let other) = args.value("other") else { return .none }
            for (k, v) in zip(other.keys, other.values) { try dict(args).set(k, v) }
            return .none
        },
        Builtin("copy", on: "dict", [], doc: "A shallow copy of the dict.", example: "e = d.copy()") { args in
            let d = dict(args)
            return .dict(try DictBox(Array(zip(d.keys, d.values))))
        },
    ]

    static let stringMethods: [Builtin] = [
        Builtin("upper", on: "str", [], doc: "The string in capitals.", example: "\"abc\".upper()") { args in .string(string(args).uppercased()) },
        Builtin("lower", on: "str", [], doc: "The string in small letters.", example: "\"ABC\".lower()") { args in .string(string(args).lowercased()) },
        Builtin("title", on: "str", [], doc: "Each word capitalised.", example: "\"mobile price\".title()") { args in .string(string(args).capitalized) },
        Builtin("strip", on: "str", [], doc: "The string without leading and trailing white space.", example: "\"  x \".strip()") { args in
            .string(string(args).trimmingCharacters(in: .whitespacesAndNewlines))
        },
        Builtin("split", on: "str", [.opt("sep", .optional(.string), .none)], doc: "The parts between separators (white space by default).", example: "\"a,b\".split(\",\")") { args in
            let s = string(args)
            guard let sep = try args.optionalString("sep") else {
                return .list(ListBox(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }))
            }
            guard !sep.isEmpty else { throw args.bad("sep", expected: "a non-empty string") }
            return .list(ListBox(TextSearch.split(s, on: sep).map { .string($0) }))
        },
        Builtin("join", on: "str", [Parameter("items")], doc: "The items (strings) joined with this string between them.", example: "\", \".join([\"a\", \"b\"])") { args in
            let parts = try CoreBuiltins.items(args, "items").map { v -> String in
                guard case .string(let s) = v else { throw args.bad("items", expected: "a list of strings") }
                return s
            }
            let separator = string(args)
            // The separator repeats between every two items: a long one over many items is the
            // product of two sizes, checked before it is built.
            let separators = Checked.product(separator.utf8.count, max(parts.count - 1, 0)) ?? Int.max
            let length = parts.reduce(separators) { Checked.sum($0, $1.utf8.count) ?? Int.max }
            try Memory.check(.string(length: length), count: length, elementSize: 1)
            return .string(parts.joined(separator: separator))
        },
        Builtin("replace", on: "str", [Parameter("old", .string), Parameter("new", .string)], doc: "The string with every occurrence of old replaced by new.", example: "\"a-b\".replace(\"-\", \"+\")") { args in
            let old = try args.string("old")
            guard !old.isEmpty else { throw args.bad("old", expected: "a non-empty string") }
            let (s, new) = (string(args), try args.string("new"))
            try checkReplacementSize(s, old, new)
            return .string(s.replacingOccurrences(of: old, with: new))
        },
        Builtin("startswith", on: "str", [Parameter("prefix", .string)], doc: "True when the string starts with the prefix.", example: "\"quire\".startswith(\"q\")") { args in
            .bool(string(args).utf8.starts(with: try args.string("prefix").utf8))
        },
        Builtin("endswith", on: "str", [Parameter("suffix", .string)], doc: "True when the string ends with the suffix.", example: "\"a.csv\".endswith(\".csv\")") { args in
            .bool(string(args).utf8.reversed().starts(with: try args.string("suffix").utf8.reversed()))
        },
        Builtin("find", on: "str", [Parameter("sub", .string)], doc: "The position of the first occurrence, or -1.", example: "\"hello\".find(\"l\")") { args in
            .int(TextSearch.find(try args.string("sub"), in: string(args)) ?? -1)
        },
        Builtin("count", on: "str", [Parameter("sub", .string)], doc: "How many times sub occurs, not overlapping.", example: "\"banana\".count(\"a\")") { args in
            let sub = try args.string("sub")
            guard !sub.isEmpty else { return .int(CodePoints.count(string(args)) + 1) }
            return .int(TextSearch.count(of: sub, in: string(args)))
        },
    ]

    /// Refuses a replacement whose result would not fit in memory: each occurrence of `old`
    /// grows the string by the difference, so the result is a product of two sizes.
    private static func checkReplacementSize(_ s: String, _ old: String, _ new: String) throws {
        let growth = new.utf8.count - old.utf8.count
        guard growth > 0 else { return }
        let most = (s.utf8.count / old.utf8.count) * growth
        guard most >= Memory.checkThreshold else { return }
        var occurrences = 0
        var rest = s.startIndex..<s.endIndex
        while let found = s.range(of: old, range: rest) {
            occurrences += 1
            rest = found.upperBound..<s.endIndex
        }
        let length = Checked.sum(s.utf8.count, Checked.product(occurrences, growth) ?? Int.max) ?? Int.max
        try Memory.check(.string(length: length), count: length, elementSize: 1)
    }

}

import Foundation
