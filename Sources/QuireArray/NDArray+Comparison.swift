/// The comparison operators of arrays; results are bool arrays.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// Element-wise logic on truth values (numpy's logical_and/or/xor) and bit operations on integers.
public enum LogicalOperator: String, Sendable, CaseIterable {
    case and, or, xor
}

extension NDArray {
    /// `a op b` element-wise, with broadcasting; a bool array.
    ///
    /// An integer array compared with a Python int is compared exactly, even when the int does
    /// not fit the array's dtype (`uint8 array < 300` is all true), as numpy 2 does.
    public static func compare(_ op: ComparisonOperator, _ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        let outShape = try broadcastShape(a.shape, b.shape)
        var type = resultType(a, b)
        // An int that does not fit uint8 is compared in int64 rather than refused (numpy 2);
        // one that fits is compared in uint8, without widening a whole image.
        for case .scalar(.int(let i)) in [a, b] where type == .uint8 && !(0...255).contains(i) { type = .int64 }
        if type == .bool { type = .uint8 }  // false < true, compared as 0 and 1
        try reserve(outShape, .bool)
        let x = try a.materialize(as: type)
        let y = try b.materialize(as: type)
        switch type {
        case .uint8: return compareKernel(op, x, y, outShape, UInt8.self)
        case .int64: return compareKernel(op, x, y, outShape, Int64.self)
        case .float32: return compareKernel(op, x, y, outShape, Float.self)
        case .float64: return compareKernel(op, x, y, outShape, Double.self)
        case .bool: preconditionFailure("bools compare as uint8")
        }
    }

    private static func compareKernel<T: ArrayElement & Comparable>(
        _ op: ComparisonOperator, _ x: NDArray, _ y: NDArray, _ outShape: [Int], _ type: T.Type
    ) -> NDArray {
        let a = x.values(T.self)
        let b = y.values(T.self)
        let out: [Bool]
        switch op {
        case .equal: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 == $1 }
        case .notEqual: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 != $1 }
        case .less: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 < $1 }
        case .lessEqual: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 <= $1 }
        case .greater: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 > $1 }
        case .greaterEqual: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 >= $1 }
        }
        return NDArray(shape: outShape, values: out)
    }

    /// `a and b`, `a or b` element-wise on truth values (non-zero is true); a bool array.
    public static func logical(_ op: LogicalOperator, _ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        let outShape = try broadcastShape(a.shape, b.shape)
        try reserve(outShape, .bool)
        let x = try a.materialize(as: .bool)
        let y = try b.materialize(as: .bool)
        let p = x.values(Bool.self)
        let q = y.values(Bool.self)
        let out: [Bool]
        switch op {
        case .and: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 && $1 }
        case .or: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 || $1 }
        case .xor: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 != $1 }
        }
        return NDArray(shape: outShape, values: out)
    }

    /// `a & b`, `a | b`, `a ^ b`: logic on bools, bits on integers; floats are refused, as in numpy.
    public static func bitwise(_ op: LogicalOperator, _ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        let type = resultType(a, b)
        switch type {
        case .bool: return try logical(op, a, b)
        case .float32, .float64: throw .unsupported(operation: op == .and ? "&" : op == .or ? "|" : "^", dtype: type)
        case .uint8: return try bitKernel(op, a, b, UInt8.self)
        case .int64: return try bitKernel(op, a, b, Int64.self)
        }
    }

    private static func bitKernel<T: ArrayElement & FixedWidthInteger>(
        _ op: LogicalOperator, _ a: Operand, _ b: Operand, _ type: T.Type
    ) throws(ArrayError) -> NDArray {
        let outShape = try broadcastShape(a.shape, b.shape)
        try reserve(outShape, T.dtype)
        let x = try a.materialize(as: T.dtype)
        let y = try b.materialize(as: T.dtype)
        let p = x.values(T.self)
        let q = y.values(T.self)
        let out: [T]
        switch op {
        case .and: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 & $1 }
        case .or: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 | $1 }
        case .xor: out = broadcastMap(p, x.shape, q, y.shape, outShape) { $0 ^ $1 }
        }
        return NDArray(shape: outShape, values: out)
    }

    /// `not a` element-wise: true where the element is zero (numpy's logical_not).
    public func logicalNot() -> NDArray {
        NDArray(shape: shape, values: astype(.bool).values(Bool.self).map { !$0 })
    }

    /// True when any element is non-zero.
    public func any() -> Bool { astype(.bool).values(Bool.self).contains(true) }

    /// True when every element is non-zero (true for an empty array).
    public func all() -> Bool { !astype(.bool).values(Bool.self).contains(false) }
}
