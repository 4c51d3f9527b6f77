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

    /// Arithmetic on float buffers, or nil when this case needs the general path.
    func fastArithmetic(_ op: ArithmeticOperator, _ other: Operand, reflected: Bool) -> Column? {
        guard op == .add || op == .subtract || op == .multiply || op == .divide else { return nil }
        let floatResult = type == .float64 || op == .divide
        guard type.isNumeric, floatResult, let a = column.doubles else { return nil }
        let b: [Double]
        switch other {
        case .scalar(let x):
            guard let d = x.double, x != .missing else { return nil }
            if case .bool = x { return nil }
            b = [Double](repeating: d, count: a.count)
        case .series(let s):
            guard s.type.isNumeric, let w = s.column.doubles, w.count == a.count else { return nil }
            b = w
        }
        let (l, r) = reflected ? (b, a) : (a, b)
        var out = [Double](repeating: 0, count: a.count)
        switch op {
        case .add: for i in out.indices { out[i] = l[i] + r[i] }
        case .subtract: for i in out.indices { out[i] = l[i] - r[i] }
        case .multiply: for i in out.indices { out[i] = l[i] * r[i] }
        default: for i in out.indices { out[i] = l[i] / r[i] }
        }
        return Column(float64: out)
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
/// except with `!=`, as IEEE comparisons already do.
private func compareBuffers<T: Comparable>(_ v: [T], _ x: T, _ op: ComparisonOperator, reflected: Bool) -> [Bool] {
    var out = [Bool](repeating: false, count: v.count)
    if reflected { for i in v.indices { out[i] = holds(x, v[i], op) } } else { for i in v.indices { out[i] = holds(v[i], x, op) } }
    return out
}

private func compareBuffers<T: Comparable>(_ v: [T], _ w: [T], _ op: ComparisonOperator) -> [Bool] {
    var out = [Bool](repeating: false, count: v.count)
    for i in v.indices { out[i] = holds(v[i], w[i], op) }
    return out
}
