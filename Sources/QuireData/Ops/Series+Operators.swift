import Foundation

/// Element-wise arithmetic, as pandas and numpy compute it.
public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
}

/// Element-wise comparisons; a missing value compares false (and `!=` true), as in pandas.
public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// The other side of an element-wise operation.
public enum Operand: Sendable {
    case series(Series)
    case scalar(Scalar)
}

/// One side of an operation, broadcast to the rows: its values as numbers or text.
private struct Side {
    var name: String?
    var type: ColumnType
    var count: Int?  // nil for a scalar
    let at: (Int) -> Scalar

    init(_ s: Series) {
        name = s.name
        type = s.type
        count = s.count
        let c = s.column
        at = { c[$0] }
    }

    init(_ v: Scalar) {
        name = nil
        switch v {
        case .int: type = .int64
        case .float, .missing: type = .float64
        case .bool: type = .bool
        case .string: type = .string
        }
        count = nil
        at = { _ in v }
    }

    init(_ o: Operand) {
        switch o {
        case .series(let s): self.init(s)
        case .scalar(let v): self.init(v)
        }
    }
}

extension Series {
    private func sides(_ other: Operand, reflected: Bool) throws -> (Side, Side, Int) {
        let me = Side(self), them = Side(other)
        if let n = them.count, n != count { throw DataError.lengthMismatch(left: reflected ? n : count, right: reflected ? count : n) }
        return reflected ? (them, me, count) : (me, them, count)
    }

    private func resultName(_ other: Operand) -> String? {
        if case .series(let s) = other { return s.name == name ? name : nil }
        return name
    }

    /// `self op other` element by element (`other op self` when `reflected`). Two Series are
    /// first aligned on their labels as pandas aligns them; `fill` stands in for a value missing
    /// on one side only (pandas' `fill_value`).
    public func arithmetic(_ op: ArithmeticOperator, _ other: Operand, reflected: Bool = false, fill: Scalar? = nil) throws -> Series {
        if case .series(let s) = other, !index.hasSameLabels(as: s.index) {
            let (l, r) = aligned(with: s)
            return try l.arithmetic(op, .series(r), reflected: reflected, fill: fill)
        }
        if let fill, fill != .missing {
            switch other {
            case .series(let s):
                let (l, r) = Self.filled(self, s, with: fill)
                return try l.arithmetic(op, .series(r), reflected: reflected)
            case .scalar:
                return try fillna(fill).arithmetic(op, other, reflected: reflected)
            }
        }
        let (a, b, n) = try sides(other, reflected: reflected)
        if let fast = fastArithmetic(op, other, reflected: reflected) {
            return Series(name: resultName(other), column: fast, index: index)
        }
        for side in [a, b] where side.type == .string {
            guard op == .add, a.type == .string, b.type == .string else {
                throw DataError.wrongType(column: side.name ?? name, type: .string, operation: op.rawValue)
            }
        }
        let column: Column
        if a.type == .string {
            column = Column(scalars: (0..<n).map { i in
                if case .string(let x) = a.at(i), case .string(let y) = b.at(i) { return .string(x + y) }
                return .missing
            })
        } else {
            column = Self.numeric(op, a, b, n)
        }
        return Series(name: resultName(other), column: column, index: index)
    }

    private static func numeric(_ op: ArithmeticOperator, _ a: Side, _ b: Side, _ n: Int) -> Column {
        let integral = a.type != .float64 && b.type != .float64 && op != .divide
        if integral {
            var out = [Int64](repeating: 0, count: n)
            var valid = Bitmap(count: n)
            var ok = true
            for i in 0..<n {
                guard let x = a.at(i).double.map({ Int64($0) }), let y = b.at(i).double.map({ Int64($0) }) else {
                    valid[i] = false
                    continue
                }
                switch op {
                case .add: out[i] = x &+ y
                case .subtract: out[i] = x &- y
                case .multiply: out[i] = x &* y
                case .floorDivide, .modulo:
                    if y == 0 { ok = false; break }
                    var q = x / y, r = x % y
                    if r != 0 && (r < 0) != (y < 0) { q -= 1; r += y }
                    out[i] = op == .floorDivide ? q : r
                case .power:
                    if y < 0 { ok = false; break }
                    out[i] = integerPower(x, y)
                case .divide: break
                }
            }
            if ok { return Column(.int64(out), validity: valid).withMissingAsFloat() }
        }
        return Column(float64: (0..<n).map { i in
            let x = a.at(i).double ?? .nan, y = b.at(i).double ?? .nan
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            case .floorDivide: return pythonDivMod(x, y).quotient
            case .modulo: return pythonDivMod(x, y).remainder
            case .power: return pow(x, y)
            }
        })
    }

    /// Where exactly one side is missing, `fill` in its place (pandas' `fill_binop`).
    static func filled(_ a: Series, _ b: Series, with fill: Scalar) -> (Series, Series) {
        let n = a.count
        var x = a, y = b
        let aMissing = (0..<n).map { a.column.isMissing($0) }, bMissing = (0..<n).map { b.column.isMissing($0) }
        guard (0..<n).contains(where: { aMissing[$0] != bMissing[$0] }) else { return (a, b) }
        x.column = Column(scalars: (0..<n).map { aMissing[$0] && !bMissing[$0] ? fill : a.column[$0] }).keepingFloat(a.column)
        y.column = Column(scalars: (0..<n).map { bMissing[$0] && !aMissing[$0] ? fill : b.column[$0] }).keepingFloat(b.column)
        return (x, y)
    }

    /// `self op other` as a bool Series; comparing text with numbers is an error, and so is
    /// comparing two Series whose labels differ (pandas refuses too).
    public func compare(_ op: ComparisonOperator, _ other: Operand, reflected: Bool = false) throws -> Series {
        // A time stamp column compares with a date written as text (pandas: df[df.date > "2023-01-01"]).
        if column.isDatetime, case .scalar(.string(let t)) = other {
            guard let ns = DateTime.parseISO(t) else { throw DataError.badDate(value: t, row: "", format: nil) }
            return try compare(op, .scalar(.int(ns)), reflected: reflected)
        }
        if case .series(let s) = other, !index.hasSameLabels(as: s.index) { throw DataError.differentLabels }
        let (a, b, n) = try sides(other, reflected: reflected)
        if (a.type == .string) != (b.type == .string) {
            let textSide = a.type == .string ? a : b
            if case .scalar(.missing) = other {} else {
                throw DataError.wrongType(column: textSide.name ?? name, type: .string, operation: op.rawValue)
            }
        }
        if let fast = fastCompare(op, other, reflected: reflected) {
            return Series(name: resultName(other), column: fast, index: index)
        }
        let bits = (0..<n).map { i -> Bool in
            let x = a.at(i), y = b.at(i)
            if x == .missing || y == .missing { return op == .notEqual }
            if case .float(let d) = x, d.isNaN { return op == .notEqual }
            if case .float(let d) = y, d.isNaN { return op == .notEqual }
            let less = x < y, greater = y < x
            let equal: Bool
            if let dx = x.double, let dy = y.double {
                if case .int(let ix) = x, case .int(let iy) = y { equal = ix == iy } else { equal = dx == dy }
            } else {
                equal = !less && !greater
            }
            switch op {
            case .equal: return equal
            case .notEqual: return !equal
            case .less: return less && !equal
            case .lessEqual: return less || equal
            case .greater: return greater && !equal
            case .greaterEqual: return greater || equal
            }
        }
        return Series(name: resultName(other), column: Column(bool: bits), index: index)
    }

    /// Element-wise `and` (`all == true`) or `or` of bool Series; missing counts as false.
    public func logical(and: Bool, _ other: Operand) throws -> Series {
        guard type == .bool else { throw DataError.notBoolean(column: name) }
        if case .series(let s) = other, !index.hasSameLabels(as: s.index) {
            guard s.type == .bool else { throw DataError.notBoolean(column: s.name) }
            // pandas: a label missing on the left gives false, one missing on the right counts as false.
            let (l, r) = aligned(with: s)
            let bits = (0..<l.count).map { i in
                guard case .bool(let x) = l.column[i] else { return false }
                let y = r.column[i] == .bool(true)
                return and ? x && y : x || y
            }
            return Series(name: l.name == r.name ? l.name : nil, column: Column(bool: bits), index: l.index)
        }
        let (a, b, n) = try sides(other, reflected: false)
        guard b.type == .bool else { throw DataError.notBoolean(column: b.name) }
        let bits = (0..<n).map { i in
            let x = a.at(i) == .bool(true), y = b.at(i) == .bool(true)
            return and ? x && y : x || y
        }
        return Series(name: resultName(other), column: Column(bool: bits), index: index)
    }

    /// Element-wise `not` of a bool Series.
    public func logicalNot() throws -> Series {
        guard case .bool(let v) = column.storage else { throw DataError.notBoolean(column: name) }
        return Series(name: name, column: Column(bool: v.indices.map { !v[$0] && !column.isMissing($0) }), index: index)
    }

    /// Element-wise negation.
    public func negated() throws -> Series {
        switch column.storage {
        case .int64(let v): return Series(name: name, column: Column(.int64(v.map { 0 &- $0 }), validity: column.validity), index: index)
        case .float64(let v): return Series(name: name, column: Column(float64: v.map { -$0 }), index: index)
        case .bool(let v): return Series(name: name, column: Column(int64: v.map { $0 ? -1 : 0 }), index: index)
        case .string: throw DataError.wrongType(column: name, type: .string, operation: "-")
        }
    }
}

extension Column {
    /// A float column stays float64 when filling made its values whole numbers.
    func keepingFloat(_ original: Column) -> Column {
        guard original.type == .float64, type == .int64, let d = doubles else { return self }
        return Column(float64: d)
    }

    /// An int column with missing values becomes float64 with NaN, as pandas stores it.
    func withMissingAsFloat() -> Column {
        guard case .int64 = storage, validity != nil, let d = doubles else { return self }
        return Column(float64: d)
    }
}

/// `x ** y` for y >= 0, wrapping on overflow as numpy's int64 does.
func integerPower(_ x: Int64, _ y: Int64) -> Int64 {
    var result: Int64 = 1, base = x, e = y
    while e > 0 {
        if e & 1 == 1 { result = result &* base }
        base = base &* base
        e >>= 1
    }
    return result
}

/// Python's float `divmod`: the quotient floored, the remainder with the divisor's sign.
func pythonDivMod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
    if y == 0 { return (x / y, .nan) }
    var mod = fmod(x, y)
    var div = (x - mod) / y
    if mod != 0 {
        if (y < 0) != (mod < 0) {
            mod += y
            div -= 1
        }
    } else {
        mod = copysign(0, y)
    }
    var floorDiv: Double
    if div != 0 {
        floorDiv = floor(div)
        if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
        floorDiv = copysign(0, x / y)
    }
    return (floorDiv, mod)
}
