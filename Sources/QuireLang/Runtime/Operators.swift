import Foundation
import QuireSupport

/// Arithmetic and comparison on built-in values, with Python's semantics: floor division and
/// modulo take the sign of the divisor, `/` always gives a float, ints never overflow silently.
public enum Operators {
    public static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)): return try intOp(op, a, b)
        case (.bool(let a), .bool(let b)) where op == .bitAnd || op == .bitOr:
            return .bool(op == .bitAnd ? a && b : a || b)
        case (.object(let o), _):
            if let v = try o.binary(op, r, reflected: false) { return v }
        case (_, .object(let o)):
            if let v = try o.binary(op, l, reflected: true) { return v }
        default: break
        }
        if let a = numeric(l), let b = numeric(r) {
            if case .int(let x) = a, case .int(let y) = b { return try intOp(op, x, y) }
            return try doubleOp(op, a.asDouble!, b.asDouble!)
        }
        switch (op, l, r) {
        case (.add, .string(let a), .string(let b)): return .string(a + b)
        case (.add, .list(let a), .list(let b)): return .list(ListBox(a.items + b.items))
        case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
        case (.multiply, .string(let s), .int(let n)), (.multiply, .int(let n), .string(let s)):
            guard n > 0, !s.isEmpty else { return .string("") }
            let length = Checked.product(s.count, n) ?? Int.max
            try Memory.check(.string(length: length), count: s.utf8.count, elementSize: n)
            return .string(String(repeating: s, count: n))
        case (.multiply, .list(let xs), .int(let n)), (.multiply, .int(let n), .list(let xs)):
            guard n > 0, !xs.items.isEmpty else { return .list(ListBox([])) }
            let count = Checked.product(xs.items.count, n) ?? Int.max
            try Memory.check(.list(count: count), count: count, elementSize: MemoryLayout<Value>.stride)
            var out: [Value] = []
            out.reserveCapacity(count)
            for _ in 0..<n { out += xs.items }
            return .list(ListBox(out))
        default: break
        }
        var hint: String? = nil
        if op == .add, case .string = l, r.asDouble != nil { hint = "convert the number with str(...), or use an f-string" }
        if op == .add, case .string = r, l.asDouble != nil { hint = "convert the number with str(...), or use an f-string" }
        throw QuireError(.type, "cannot apply \(op.rawValue) to \(l.typeNoun) and \(r.typeNoun)", hint: hint)
    }

    /// Bools take part in arithmetic as 0 and 1, as in Python.
    public static func numeric(_ v: Value) -> Value? {
        switch v {
        case .int, .double: v
        case .bool(let b): .int(b ? 1 : 0)
        default: nil
        }
    }

    public static func overflow(_ op: BinaryOperator) -> QuireError {
        QuireError(.overflow, "integer overflow in \(op.rawValue): the result does not fit in 64 bits", hint: "use floats for very large numbers, e.g. 2.0 ** 100")
    }

    public static func intOp(_ op: BinaryOperator, _ a: Int, _ b: Int) throws -> Value {
        switch op {
        case .add:
            let (r, o) = a.addingReportingOverflow(b)
            if o { throw overflow(op) }
            return .int(r)
        case .subtract:
            let (r, o) = a.subtractingReportingOverflow(b)
            if o { throw overflow(op) }
            return .int(r)
        case .multiply:
            let (r, o) = a.multipliedReportingOverflow(by: b)
            if o { throw overflow(op) }
            return .int(r)
        case .divide:
            if b == 0 { throw divisionByZero() }
            return .double(Double(a) / Double(b))
        case .floorDivide:
            if b == 0 { throw divisionByZero() }
            if a == Int.min && b == -1 { throw overflow(op) }
            let q = a / b
            return .int((a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q)
        case .modulo:
            if b == 0 { throw divisionByZero() }
            if b == -1 { return .int(0) }
            let m = a % b
            return .int(m != 0 && (m < 0) != (b < 0) ? m + b : m)
        case .power:
            if b < 0 {
                if a == 0 { throw zeroToNegativePower() }
                return .double(pow(Double(a), Double(b)))
            }
            var result = 1
            var base = a
            var e = b
            while e > 0 {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { throw overflow(op) }
                    result = r
                }
                e >>= 1
                if e > 0 {
                    let (sq, o) = base.multipliedReportingOverflow(by: base)
                    if o { throw overflow(op) }
                    base = sq
                }
            }
            return .int(result)
        case .bitAnd: return .int(a & b)
        case .bitOr: return .int(a | b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .and, .or, .contains:
            throw QuireError(.type, "cannot apply \(op.rawValue) to an int and an int")
        }
    }

    /// Python's wording for `0 ** -1` and `0.0 ** -1` alike.
    public static func zeroToNegativePower() -> QuireError {
        QuireError(.zeroDivision, "0.0 cannot be raised to a negative power", hint: "a negative power divides by the base, here 0")
    }

    public static func divisionByZero() -> QuireError {
        QuireError(.zeroDivision, "division by zero", hint: "check the divisor before dividing")
    }

    public static func doubleOp(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide:
            if b == 0 { throw divisionByZero() }
            return .double(a / b)
        case .floorDivide:
            if b == 0 { throw divisionByZero() }
            return .double((a / b).rounded(.down))
        case .modulo:
            if b == 0 { throw divisionByZero() }
            let m = fmod(a, b)
            return .double(m != 0 && (m < 0) != (b < 0) ? m + b : m)
        case .power:
            if a < 0 && b != b.rounded() {
                throw QuireError(.value, "a negative number to a fractional power is not a real number")
            }
            if a == 0 && b < 0 { throw zeroToNegativePower() }
            return .double(pow(a, b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .bitAnd, .bitOr, .and, .or, .contains:
            throw QuireError(.type, "cannot apply \(op.rawValue) to floats")
        }
    }

    /// `==` on any two values: numbers by value, containers element by element.
    public static func equal(_ l: Value, _ r: Value) throws -> Bool { try equal(l, r, depth: 0) }

    /// Comparing containers nested deeper than this (a list that contains itself, compared with
    /// another such list) is an error, as Python's RecursionError, not a stack overflow.
    static let maxComparisonDepth = 1000

    static func comparisonTooDeep() -> QuireError {
        QuireError(
            .recursion, "containers are nested too deeply to compare (more than \(maxComparisonDepth) levels)",
            hint: "a list or dict that contains itself cannot be compared with ==, < or in")
    }

    static func equal(_ l: Value, _ r: Value, depth: Int) throws -> Bool {
        switch (l, r) {
        case (.list, .list), (.tuple, .tuple), (.dict, .dict):
            if depth > maxComparisonDepth { throw comparisonTooDeep() }
        default: break
        }
        switch (l, r) {
        case (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.list(let a), .list(let b)):
            if a === b { return true }
            return try sequenceEqual(a.items, b.items, depth: depth + 1)
        case (.tuple(let a), .tuple(let b)): return try sequenceEqual(a, b, depth: depth + 1)
        case (.dict(let a), .dict(let b)):
            if a === b { return true }
            guard a.count == b.count else { return false }
            for (k, v) in zip(a.keys, a.values) {
                guard let w = try b.get(k), try equal(v, w, depth: depth + 1) else { return false }
            }
            return true
        case (.function(let a), .function(let b)): return a === b
        case (.builtin(let a), .builtin(let b)): return a === b
        case (.object(let a), .object(let b)) where a === b: return true
        default:
            if let a = l.asDouble, let b = r.asDouble, !isObject(l), !isObject(r) { return a == b }
            return false
        }
    }

    public static func isObject(_ v: Value) -> Bool {
        if case .object = v { return true }
        return false
    }

    public static func sequenceEqual(_ a: [Value], _ b: [Value], depth: Int = 0) throws -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where !(try equal(x, y, depth: depth)) { return false }
        return true
    }

    /// `<` for sorting and comparisons: numbers, strings, and lists or tuples element by element.
    public static func less(_ l: Value, _ r: Value) throws -> Bool { try less(l, r, depth: 0) }

    static func less(_ l: Value, _ r: Value, depth: Int) throws -> Bool {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a < b
        case (.string(let a), .string(let b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.list(let a), .list(let b)):
            if depth > maxComparisonDepth { throw comparisonTooDeep() }
            return try sequenceLess(a.items, b.items, depth: depth + 1)
        case (.tuple(let a), .tuple(let b)):
            if depth > maxComparisonDepth { throw comparisonTooDeep() }
            return try sequenceLess(a, b, depth: depth + 1)
        default:
            if let a = numeric(l)?.asDouble, let b = numeric(r)?.asDouble { return a < b }
            throw QuireError(.type, "cannot compare \(l.typeNoun) with \(r.typeNoun)")
        }
    }

    public static func sequenceLess(_ a: [Value], _ b: [Value], depth: Int = 0) throws -> Bool {
        for (x, y) in zip(a, b) where !(try equal(x, y, depth: depth)) { return try less(x, y, depth: depth) }
        return a.count < b.count
    }

    /// Comparison of any two values; objects may answer element-wise.
    public static func compare(_ op: BinaryOperator, _ l: Value, _ r: Value) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)): return try intOp(op, a, b)
        case (.double(let a), .double(let b)): return try doubleOp(op, a, b)
        case (.object(let o), _):
            if let v = try o.binary(op, r, reflected: false) { return v }
        case (_, .object(let o)):
            if let v = try o.binary(op, l, reflected: true) { return v }
        default: break
        }
        switch op {
        case .equal: return .bool(try equal(l, r))
        case .notEqual: return .bool(!(try equal(l, r)))
        case .less: return .bool(try less(l, r))
        case .greater: return .bool(try less(r, l))
        case .lessEqual: return .bool(!(try less(r, l)))
        case .greaterEqual: return .bool(!(try less(l, r)))
        case .contains: return .bool(try contains(r, l))
        default: throw QuireError(.type, "cannot compare with \(op.rawValue)")
        }
    }

    /// `item in container`.
    public static func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .list(let l): return try l.items.contains { try equal($0, item) }
        case .tuple(let t): return try t.contains { try equal($0, item) }
        case .dict(let d): return try d.get(item) != nil
        case .string(let s):
            guard case .string(let sub) = item else {
                throw QuireError(.type, "\"in <string>\" needs a string on the left, not \(item.typeNoun)")
            }
            return TextSearch.contains(sub, in: s)
        case .object(let o):
            if let v = try o.binary(.contains, item, reflected: true), case .bool(let b) = v { return b }
            if let elements = try o.elements() { return try elements.contains { try equal($0, item) } }
            throw QuireError(.type, "\"in\" does not work on \(article(o.typeName))")
        default:
            throw QuireError(.type, "\"in\" needs a list, tuple, dict or string on the right, not \(container.typeNoun)")
        }
    }

    /// Python's truth: false, none, zero and empty containers are false; an object decides its own
    /// (a column refuses, saying to use `.any()` or `.all()`).
    public static func truth(_ v: Value) throws -> Bool {
        switch v {
        case .none, .undefined: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count > 0
        case .function, .builtin: return true
        case .object(let o): return try o.truth()
        }
    }
}
