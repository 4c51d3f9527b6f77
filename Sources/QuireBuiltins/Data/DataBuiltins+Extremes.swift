import QuireData
import QuireLang

/// `nlargest`/`nsmallest` of DataFrames and Series, and the directions of a multi-key sort.
extension DataBuiltins {
    private static let keep = Parameter.choice(
        "keep", KeepTies.allCases.map(\.rawValue), doc: "which of equal values to keep at the cut: the first, the last, or all")

    static let extremeMethods: [Builtin] = [true, false].flatMap { largest -> [Builtin] in
        let name = largest ? "nlargest" : "nsmallest"
        let word = largest ? "largest" : "smallest"
        return [
            Builtin(name, on: "DataFrame", [Parameter("n", .int), Parameter("columns", .oneOf([.string, .sequence])), keep],
                    doc: "The n rows with the \(word) values of a column (or several: later ones break ties), in that order.",
                    example: "df.\(name)(3, \"alcohol\")") { args in
                let n = try count(args)
                let keys = try DataFrameObject.names(args.value("columns"))
                let keep = try args.choice("keep", as: KeepTies.self)
                return wrap(try DataConversions.run { try frame(args).extremes(n, columns: keys, largest: largest, keep: keep) })
            },
            Builtin(name, on: "Series", [.opt("n", .int, .int(5)), keep],
                    doc: "The n \(word) values, in that order, with their labels.",
                    example: "df.alcohol.\(name)(3)") { args in
                let n = try count(args)
                let keep = try args.choice("keep", as: KeepTies.self)
                return wrap(try DataConversions.run { try series(args).extremes(n, largest: largest, keep: keep) })
            },
        ]
    }

    private static func count(_ args: Arguments) throws -> Int {
        let n = try args.int("n")
        guard n >= 0 else { throw args.bad("n", expected: "an int of at least 0") }
        return n
    }

    /// `ascending=`: one bool for every key, or a list of one bool per key.
    static func directions(_ args: Arguments, count: Int) throws -> [Bool] {
        switch args.value("ascending") {
        case .bool(let b): return [Bool](repeating: b, count: count)
        case .list(let box):
            return try directions(box.items, count: count, args)
        case .tuple(let items):
            return try directions(items, count: count, args)
        default:
            throw args.bad("ascending", expected: "a bool, or a list of bools (one per column)")
        }
    }

    private static func directions(_ items: [Value], count: Int, _ args: Arguments) throws -> [Bool] {
        let bools = items.compactMap { v -> Bool? in if case .bool(let b) = v { b } else { nil } }
        guard bools.count == items.count else { throw args.bad("ascending", expected: "a bool, or a list of bools (one per column)") }
        guard bools.count == count else {
            throw QuireError(.value, "ascending gives \(bools.count) direction\(bools.count == 1 ? "" : "s") for \(count) sort columns",
                             hint: "give one bool per column in by, or a single bool for all", argument: "ascending")
        }
        return bools
    }
}
