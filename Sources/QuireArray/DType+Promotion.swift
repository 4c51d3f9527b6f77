/// numpy's type promotion for the five dtypes Quire has.
extension DType {
    public var isFloat: Bool { self == .float32 || self == .float64 }
    public var isInteger: Bool { self == .uint8 || self == .int64 }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .uint8: 1
        case .float32: 4
        case .int64, .float64: 8
        }
    }

    /// The order in which numpy's promotion lattice climbs, restricted to Quire's dtypes.
    private var rank: Int {
        switch self {
        case .bool: 0
        case .uint8: 1
        case .int64: 2
        case .float32: 3
        case .float64: 4
        }
    }

    /// The dtype two arrays are combined in: `np.result_type(a, b)`.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        // float32 cannot hold every int64, so numpy goes to float64.
        if (a == .int64 && b == .float32) || (a == .float32 && b == .int64) { return .float64 }
        return a.rank >= b.rank ? a : b
    }

    /// The dtype of an array combined with a weak Python scalar (NEP 50): the array's dtype
    /// unless the scalar's kind is higher (an int with a bool array, a float with an integer one).
    public static func promote(_ a: DType, weak scalar: Scalar) -> DType {
        switch scalar {
        case .bool: a
        case .int: a == .bool ? .int64 : a
        case .double: a.isFloat ? a : .float64
        }
    }

    /// The float dtype a math function (sqrt, exp, hypot, ...) computes in.
    ///
    /// numpy uses float16 for bool and uint8; Quire has no float16 and uses float32, which holds
    /// every float16 value (results are not rounded to float16's 11 bits).
    public var floatResult: DType {
        switch self {
        case .bool, .uint8, .float32: .float32
        case .int64, .float64: .float64
        }
    }

    /// numpy's short aliases (`int`, `float`, `double`), accepted wherever a dtype is named.
    public static let aliases: [String: DType] = [
        "bool_": .bool, "u1": .uint8, "int": .int64, "i8": .int64, "single": .float32, "f4": .float32,
        "float": .float64, "double": .float64, "f8": .float64,
    ]

    /// A dtype from its numpy name, or one of its `aliases`.
    public init?(name: String) {
        guard let dtype = DType(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = dtype
    }
}

/// The dtype an element-wise operation computes in, for two operands (`np.result_type`).
func resultType(_ a: Operand, _ b: Operand) -> DType {
    switch (a, b) {
    case (.array(let x), .array(let y)): DType.promote(x.dtype, y.dtype)
    case (.array(let x), .scalar(let s)), (.scalar(let s), .array(let x)): DType.promote(x.dtype, weak: s)
    case (.scalar(let s), .scalar(let t)): DType.promote(scalarType(s), weak: t)
    }
}

/// The dtype numpy gives a lone Python scalar.
func scalarType(_ s: Scalar) -> DType {
    switch s {
    case .bool: .bool
    case .int: .int64
    case .double: .float64
    }
}

extension Operand {
    /// The operand as an array of `dtype`; a scalar that does not fit an integer dtype is an
    /// error, as in numpy 2 (`np.uint8 array + 300` raises).
    func materialize(as dtype: DType) throws(ArrayError) -> NDArray {
        switch self {
        case .array(let a):
            if a.dtype == dtype { return a }
            try NDArray.reserve(a.shape, dtype)
            return a.astype(dtype)
        case .scalar(let s):
            if case .int(let i) = s, dtype == .uint8, i < 0 || i > 255 {
                throw .scalarOutOfRange(value: i, dtype: dtype)
            }
            return NDArray(scalar: s).astype(dtype)
        }
    }
}
