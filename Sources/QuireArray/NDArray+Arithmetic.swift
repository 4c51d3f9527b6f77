/// The arithmetic operators of arrays.
public enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case remainder = "%"
    case power = "**"
    /// numpy's `maximum` and `minimum` (element-wise, NaN propagates).
    case maximum, minimum
}

extension NDArray {
    /// `a op b` element-wise with broadcasting and numpy's type promotion (NEP 50 for scalars).
    ///
    /// Integer results wrap around (uint8 200 + 100 is 44); `/` of integers gives float64;
    /// `+` and `*` of bools are logical or and and; `-` of bools is refused, as in numpy.
    public static func arithmetic(_ op: ArithmeticOperator, _ a: Operand, _ b: Operand) throws(ArrayError) -> NDArray {
        let outShape = try broadcastShape(a.shape, b.shape)
        var type = resultType(a, b)
        if op == .divide && !type.isFloat { type = .float64 }
        try reserve(outShape, type)
        if type == .bool {
            return try boolArithmetic(op, a.materialize(as: .bool), b.materialize(as: .bool), outShape)
        }
        let x = try a.materialize(as: type)
        let y = try b.materialize(as: type)
        switch type {
        case .uint8: return try integerKernel(op, x, y, outShape, UInt8.self)
        case .int64: return try integerKernel(op, x, y, outShape, Int64.self)
        case .float32: return floatKernel(op, x, y, outShape, Float.self)
        case .float64: return floatKernel(op, x, y, outShape, Double.self)
        case .bool: preconditionFailure("handled above")
        }
    }

    /// numpy's bool loops: `+` is or, `*` is and, max/min likewise; the rest go through int64
    /// (numpy uses int8 there, which Quire does not have).
    private static func boolArithmetic(_ op: ArithmeticOperator, _ x: NDArray, _ y: NDArray, _ outShape: [Int]) throws(ArrayError)
        -> NDArray
    {
        let a = x.values(Bool.self)
        let b = y.values(Bool.self)
        switch op {
        case .add, .maximum: return NDArray(shape: outShape, values: broadcastMap(a, x.shape, b, y.shape, outShape) { $0 || $1 })
        case .multiply, .minimum: return NDArray(shape: outShape, values: broadcastMap(a, x.shape, b, y.shape, outShape) { $0 && $1 })
        case .subtract: throw .unsupported(operation: "-", dtype: .bool)
        case .divide: preconditionFailure("divide computes in float64")
        case .floorDivide, .remainder, .power:
            return try integerKernel(op, x.astype(.int64), y.astype(.int64), outShape, Int64.self)
        }
    }

    private static func integerKernel<T: IntegerArithmetic>(
        _ op: ArithmeticOperator, _ x: NDArray, _ y: NDArray, _ outShape: [Int], _ type: T.Type
    ) throws(ArrayError) -> NDArray {
        let a = x.values(T.self)
        let b = y.values(T.self)
        let out: [T]
        switch op {
        case .add: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.add)
        case .subtract: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.subtract)
        case .multiply: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.multiply)
        case .floorDivide: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.floorDivide)
        case .remainder: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.remainder)
        case .maximum: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.maximum)
        case .minimum: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.minimum)
        case .power:
            if T.isSigned && b.contains(where: { $0 < 0 }) { throw .negativeIntegerPower }
            out = broadcastMap(a, x.shape, b, y.shape, outShape, T.power)
        case .divide: preconditionFailure("divide computes in float64")
        }
        return NDArray(shape: outShape, values: out)
    }

    private static func floatKernel<T: FloatArithmetic>(
        _ op: ArithmeticOperator, _ x: NDArray, _ y: NDArray, _ outShape: [Int], _ type: T.Type
    ) -> NDArray {
        let a = x.values(T.self)
        let b = y.values(T.self)
        let out: [T]
        switch op {
        case .add: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 + $1 }
        case .subtract: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 - $1 }
        case .multiply: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 * $1 }
        case .divide: out = broadcastMap(a, x.shape, b, y.shape, outShape) { $0 / $1 }
        case .floorDivide: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.floorDivide)
        case .remainder: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.remainder)
        case .power: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.power)
        case .maximum: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.maximum)
        case .minimum: out = broadcastMap(a, x.shape, b, y.shape, outShape, T.minimum)
        }
        return NDArray(shape: outShape, values: out)
    }

    /// `-a`: integers wrap (`-uint8(1)` is 255); bool arrays refuse, as in numpy.
    public func negated() throws(ArrayError) -> NDArray {
        switch storage {
        case .bool: throw .unsupported(operation: "-", dtype: .bool)
        case .uint8(let v): return NDArray(shape: shape, values: v.map(UInt8.negate))
        case .int64(let v): return NDArray(shape: shape, values: v.map(Int64.negate))
        case .float32(let v): return NDArray(shape: shape, values: v.map { -$0 })
        case .float64(let v): return NDArray(shape: shape, values: v.map { -$0 })
        }
    }

    public static func + (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray { try arithmetic(.add, .array(a), .array(b)) }
    public static func - (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray { try arithmetic(.subtract, .array(a), .array(b)) }
    public static func * (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray { try arithmetic(.multiply, .array(a), .array(b)) }
    public static func / (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray { try arithmetic(.divide, .array(a), .array(b)) }
    public static func + (a: NDArray, b: Scalar) throws(ArrayError) -> NDArray { try arithmetic(.add, .array(a), .scalar(b)) }
    public static func - (a: NDArray, b: Scalar) throws(ArrayError) -> NDArray { try arithmetic(.subtract, .array(a), .scalar(b)) }
    public static func * (a: NDArray, b: Scalar) throws(ArrayError) -> NDArray { try arithmetic(.multiply, .array(a), .scalar(b)) }
    public static func / (a: NDArray, b: Scalar) throws(ArrayError) -> NDArray { try arithmetic(.divide, .array(a), .scalar(b)) }
}
