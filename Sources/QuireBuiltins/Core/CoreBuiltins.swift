import Foundation
import QuireLang

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
        case .string(let s): return s.map { .string(String($0)) }
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
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            guard let n = ndigits else {
                guard d.isFinite else { throw args.bad("x", expected: "a finite number") }
                return .int(Int(d.rounded(.toNearestOrEven)))
            }
            // Python rounds the exact binary value; formatting to n decimals does the same.
            return .double(Double(String(format: "%.\(max(0, n))f", d)) ?? d)
        default: throw args.bad("x", expected: "a number")
        }
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
        return .object(RangeObject(start: start, stop: stop!, step: step))
    }
}

extension QuireError {
    func withHint(_ hint: String?) -> QuireError {
        var copy = self
        if let hint { copy.hint = hint }
        return copy
    }
}
