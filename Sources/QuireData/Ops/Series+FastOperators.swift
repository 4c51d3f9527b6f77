/// Loops over typed buffers for the common element-wise cases (a numeric column against a
/// number or another numeric column), so large columns are not walked value by value as Scalars.
extension Series {
    /// The comparison done on buffers, or nil when this case needs the general path.
    func fastCompare(_ op: ComparisonOperator, _ other: Operand, reflected: Bool) -> Column? {
        guard type.isNumeric else { return nil }
        switch (column.storage, other) {
        case (.int64(let v), .scalar(.int(let x))) where column.validity == nil:
            return Column(bool: compareBuffers(v, x, op, reflected: reflected))
        case (.int64(let v), .series(let s)) where column.validity == nil && s.column.validity == nil:
            guard case .int64(let w) = s.column.storage, w.count == v.count else { return nil }
            return Column(bool: compareBuffers(v, w, op))
        default:
            guard let a = column.doubles else { return nil }
            switch other {
            case .scalar(let x):
                guard let d = x.double, x != .missing else { return nil }
                if case .bool = x { return nil }
                return Column(bool: compareBuffers(a, d, op, reflected: reflected))
            case .series(let s):
                guard s.type.isNumeric, let b = s.column.doubles, b.count == a.count else { return nil }
                return Column(bool: reflected ? compareBuffers(b, a, op) : compareBuffers(a, b, op))
            }
        }
    }

    /// Arithmetic on float buffers, or on int64 buffers with numpy's wrapping `+`, `-` and `*`,
    /// or nil when this case needs the general path.
    func fastArithmetic(_ op: ArithmeticOperator, _ other: Operand, reflected: Bool) -> Column? {
        guard op == .add || op == .subtract || op == .multiply || op == .divide else { return nil }
        if op != .divide, case .int64(let a) = column.storage, column.validity == nil {
            switch other {
            case .scalar(.int(let x)):
                return Column(int64: intBuffers(a, [Int64](repeating: x, count: a.count), op, reflected: reflected))
            case .series(let s) where s.column.validity == nil:
                if case .int64(let b) = s.column.storage, b.count == a.count {
                    return Column(int64: intBuffers(a, b, op, reflected: reflected))
                }
            default: break
            }
        }
        let floatResult = type == .float64 || op == .divide
        guard type.isNumeric, floatResult, let a = DoubleReader(column) else { return nil }
        let b: DoubleReader
        switch other {
        case .scalar(let x):
            guard let d = x.double, x != .missing else { return nil }
            if case .bool = x { return nil }
            b = .constant(d)
        case .series(let s):
            guard s.type.isNumeric, s.count == count, let w = DoubleReader(s.column) else { return nil }
            b = w
        }
        return Column(float64: reflected ? b.combined(with: a, op, count: count) : a.combined(with: b, op, count: count))
    }
}

/// A numeric column read as doubles where it lies: ints are converted as they are read, so no
/// converted copy is made (columns with missing values or bools are converted first).
private enum DoubleReader {
    case doubles([Double]), ints([Int64]), constant(Double)

    init?(_ column: Column) {
        switch column.storage {
        case .float64(let v) where column.validity == nil: self = .doubles(v)
        case .int64(let v) where column.validity == nil: self = .ints(v)
        default:
            guard let v = column.doubles else { return nil }
            self = .doubles(v)
        }
    }

    /// `self op other` element by element, written once into an uninitialised buffer.
    func combined(with other: DoubleReader, _ op: ArithmeticOperator, count: Int) -> [Double] {
        switch self {
        case .doubles(let v): v.withUnsafeBufferPointer { other.combined(left: FloatSource(p: $0), op, count) }
        case .ints(let v): v.withUnsafeBufferPointer { other.combined(left: IntSource(p: $0), op, count) }
        case .constant(let d): other.combined(left: ConstantSource(value: d), op, count)
        }
    }

    private func combined<L: DoubleSource>(left l: L, _ op: ArithmeticOperator, _ n: Int) -> [Double] {
        switch self {
        case .doubles(let v): v.withUnsafeBufferPointer { floatLoop(l, FloatSource(p: $0), op, n) }
        case .ints(let v): v.withUnsafeBufferPointer { floatLoop(l, IntSource(p: $0), op, n) }
        case .constant(let d): floatLoop(l, ConstantSource(value: d), op, n)
        }
    }
}

private protocol DoubleSource { subscript(_ i: Int) -> Double { get } }
private struct FloatSource: DoubleSource {
    let p: UnsafeBufferPointer<Double>
    @inline(__always) subscript(_ i: Int) -> Double { p[i] }
}
private struct IntSource: DoubleSource {
    let p: UnsafeBufferPointer<Int64>
    @inline(__always) subscript(_ i: Int) -> Double { Double(p[i]) }
}
private struct ConstantSource: DoubleSource {
    let value: Double
    @inline(__always) subscript(_ i: Int) -> Double { value }
}

private func floatLoop<L: DoubleSource, R: DoubleSource>(_ l: L, _ r: R, _ op: ArithmeticOperator, _ n: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: n) { out, initialized in
        switch op {
        case .add: for i in 0..<n { out[i] = l[i] + r[i] }
        case .subtract: for i in 0..<n { out[i] = l[i] - r[i] }
        case .multiply: for i in 0..<n { out[i] = l[i] * r[i] }
        default: for i in 0..<n { out[i] = l[i] / r[i] }
        }
        initialized = n
    }
}

/// `a op b` element by element (`b op a` when reflected), wrapping on overflow as numpy does.
private func intBuffers(_ a: [Int64], _ b: [Int64], _ op: ArithmeticOperator, reflected: Bool) -> [Int64] {
    let (l, r) = reflected ? (b, a) : (a, b)
    return [Int64](unsafeUninitializedCapacity: a.count) { out, initialized in
        switch op {
        case .add: for i in 0..<a.count { out[i] = l[i] &+ r[i] }
        case .subtract: for i in 0..<a.count { out[i] = l[i] &- r[i] }
        default: for i in 0..<a.count { out[i] = l[i] &* r[i] }
        }
        initialized = a.count
    }
}

@inline(__always)
private func holds<T: Comparable>(_ x: T, _ y: T, _ op: ComparisonOperator) -> Bool {
    switch op {
    case .equal: x == y
    case .notEqual: x != y
    case .less: x < y
    case .lessEqual: x <= y
    case .greater: x > y
    case .greaterEqual: x >= y
    }
}

/// Each value against one number (the number on the left when `reflected`); NaN compares false
/// except with `!=`, as IEEE comparisons already do. Written once into an uninitialised buffer,
/// with the operator chosen outside the loop.
private func compareBuffers<T: Comparable>(_ v: [T], _ x: T, _ op: ComparisonOperator, reflected: Bool) -> [Bool] {
    // `x op y` is `y op' x` with the order turned around.
    let op: ComparisonOperator = switch (reflected, op) {
    case (true, .less): .greater
    case (true, .lessEqual): .greaterEqual
    case (true, .greater): .less
    case (true, .greaterEqual): .lessEqual
    default: op
    }
    return v.withUnsafeBufferPointer { p in
        [Bool](unsafeUninitializedCapacity: p.count) { out, n in
            switch op {
            case .equal: for i in 0..<p.count { out[i] = p[i] == x }
            case .notEqual: for i in 0..<p.count { out[i] = p[i] != x }
            case .less: for i in 0..<p.count { out[i] = p[i] < x }
            case .lessEqual: for i in 0..<p.count { out[i] = p[i] <= x }
            case .greater: for i in 0..<p.count { out[i] = p[i] > x }
            case .greaterEqual: for i in 0..<p.count { out[i] = p[i] >= x }
            }
            n = p.count
        }
    }
}

private func compareBuffers<T: Comparable>(_ v: [T], _ w: [T], _ op: ComparisonOperator) -> [Bool] {
    precondition(v.count == w.count, "buffers of one length")
    return v.withUnsafeBufferPointer { a in
        w.withUnsafeBufferPointer { b in
            [Bool](unsafeUninitializedCapacity: a.count) { out, n in
                for i in 0..<a.count { out[i] = holds(a[i], b[i], op) }
                n = a.count
            }
        }
    }
}
