import Foundation
import QuireLang
import QuireSupport

/// The language's own builtins: printing, numbers, conversions and sequences.
enum CoreBuiltins {
    /// `sqrt(a)`, `abs(s)`, `sum(col)`: a native object answers with its own method of that name.
    static func forward(_ args: Arguments, _ name: String, _ param: String, _ extra: [Value] = []) throws -> Value? {
        guard case .object(let o) = args.value(param), args.context.registry.method(name, on: o.typeName) != nil else { return nil }
        return try args.context.callMethod(args.value(param), name, extra)
    }

    static func number(_ args: Arguments, _ name: String) throws -> Double {
        guard let d = args.value(name).asDouble else { throw args.bad(name, expected: "a number") }
        return d
    }

    /// The items of any iterable value (list, tuple, string, dict keys, range, Series...).
    static func items(_ args: Arguments, _ name: String) throws -> [Value] {
        try iterable(args.value(name), args, name)
    }

    static func iterable(_ v: Value, _ args: Arguments, _ name: String) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .string(let s): return CodePoints.items(s)
        case .dict(let d): return d.keys
        case .object(let o):
            if let e = try o.elements() { return e }
        default: break
        }
        throw Arguments.badArgument(name, to: args.builtin.qualifiedName, expected: "a list, tuple, string, dict or range", got: v)
    }

    static func sortedValues(_ values: [Value], key: Value?, reverse: Bool, context: any CallContext) throws -> [Value] {
        let keys = try key.map { k in try values.map { try context.call(k, [$0]) } } ?? values
        var order = Array(values.indices)
        try order.sort { a, b in
            reverse ? try Operators.less(keys[b], keys[a]) : try Operators.less(keys[a], keys[b])
        }
        return order.map { values[$0] }
    }

    static func extreme(_ args: Arguments, _ name: String, wantMax: Bool) throws -> Value {
        let candidates: [Value]
        if args.rest.count == 1 {
            let only = args.rest[0]
            if case .object(let o) = only, args.context.registry.method(name, on: o.typeName) != nil {
                return try args.context.callMethod(only, name, [])
            }
            candidates = try iterable(only, args, "values")
        } else {
            candidates = args.rest
        }
        guard var best = candidates.first else {
            if let d = args.optional("default") { return d }
            throw QuireError(.value, "\(name)() of an empty sequence", hint: "pass default= for empty input", argument: "values")
        }
        let key = args.optional("key")
        var bestKey = try key.map { try args.context.call($0, [best]) } ?? best
        for c in candidates.dropFirst() {
            let k = try key.map { try args.context.call($0, [c]) } ?? c
            if wantMax ? try Operators.less(bestKey, k) : try Operators.less(k, bestKey) {
                best = c
                bestKey = k
            }
        }
        return best
    }

    static func toInt(_ args: Arguments) throws -> Value {
        switch args.value("x") {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            guard d.isFinite, abs(d) < 9.2e18 else { throw args.bad("x", expected: "a finite number that fits in 64 bits") }
            return .int(Int(d))
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            guard let i = Int(t) else {
                throw args.bad("x", expected: "a string of digits").withHint(Double(t) != nil ? "for a decimal, use int(float(x))" : nil)
            }
            return .int(i)
        default: throw args.bad("x", expected: "a number or a string of digits")
        }
    }

    static func toFloat(_ args: Arguments) throws -> Value {
        switch args.value("x") {
        case .string(let s):
            let t = s.trimmingCharacters(in: .whitespaces).lowercased()
            if let d = Double(t) { return .double(d) }
            if ["nan", "inf", "-inf", "infinity", "-infinity"].contains(t) { return .double(Double(t.replacingOccurrences(of: "infinity", with: "inf")) ?? .nan) }
            throw args.bad("x", expected: "a string holding a number")
        case let v:
            guard let d = v.asDouble else { throw args.bad("x", expected: "a number or a string") }
            return .double(d)
        }
    }

    static func round(_ args: Arguments) throws -> Value {
        if let forwarded = try forward(args, "round", "x", args.has("ndigits") ? [args.value("ndigits")] : []) { return forwarded }
        let ndigits = try args.optionalInt("ndigits")
        switch args.value("x") {
        case .int(let i): return .int(try roundInt(i, ndigits ?? 0))
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            guard let n = ndigits else {
                guard d.isFinite else { throw args.bad("x", expected: "a finite number") }
                guard let i = Checked.int(d.rounded(.toNearestOrEven)) else {
                    throw QuireError(.overflow, "round(\(Printer.formatDouble(d))) does not fit in a 64-bit int", hint: "use round(x, 0) to keep a float")
                }
                return .int(i)
            }
            guard d.isFinite else { return .double(d) }
            if n < 0 {
                // Whole tens, hundreds...: past 10**308 every finite double rounds to 0.
                let scale = pow(10.0, Double(min(n.magnitude, 400)))  // magnitude: -Int.min traps
                return .double(scale.isFinite ? (d / scale).rounded(.toNearestOrEven) * scale : 0 * d)
            }
            // Python rounds the exact binary value; formatting to n decimals does the same. A
            // double has at most 1074 digits after the point, so more change nothing.
            if n > maxRoundDigits { return .double(d) }
            return .double(Double(String(format: "%.\(n)f", d)) ?? d)
        default: throw args.bad("x", expected: "a number")
        }
    }

    /// More decimals than any double has (its last one is at 2**-1074).
    static let maxRoundDigits = 1100

    /// `round(i, ndigits)` for an int, as Python: negative ndigits round to tens, hundreds...
    /// with halves to even (`round(250, -2)` is 200).
    static func roundInt(_ i: Int, _ ndigits: Int) throws -> Int {
        guard ndigits < 0 else { return i }
        // 10**19 exceeds every Int: the result is 0.
        guard -ndigits <= 18 else { return 0 }
        var p = 1
        for _ in 0..<(-ndigits) { p *= 10 }
        var q = i / p, r = i % p
        if r < 0 { q -= 1; r += p }  // floor division, as Python's divmod
        if 2 * r > p || (2 * r == p && q % 2 != 0) { q += 1 }
        guard let result = Checked.product(q, p) else {
            throw QuireError(.overflow, "round(\(i), \(ndigits)) does not fit in 64 bits")
        }
        return result
    }

    static func range(_ args: Arguments) throws -> Value {
        var start = try args.int("start")
        var stop = try args.optionalInt("stop")
        let step = try args.int("step")
        if step == 0 { throw args.bad("step", expected: "a non-zero int") }
        if stop == nil {
            stop = start
            start = 0
        }
        return .object(try RangeObject(start: start, stop: stop!, step: step))
    }
}

extension QuireError {
    func withHint(_ hint: String?) -> QuireError {
        var copy = self
        if let hint { copy.hint = hint }
        return copy
    }
}
