/// A Python number used as an operand. Following numpy's NEP 50 these are "weak": they take the
/// array's dtype when they can (`uint8 array + 3` stays uint8), and only their kind matters.
public enum Scalar: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    case bool(Bool)
    case int(Int64)
    case double(Double)

    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The value as a Double (bool as 0 or 1).
    public var doubleValue: Double {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }
}

/// One side of an element-wise operation: an array, or a weak Python scalar.
public enum Operand: Sendable {
    case array(NDArray)
    case scalar(Scalar)

    var shape: [Int] {
        switch self {
        case .array(let a): a.shape
        case .scalar: []
        }
    }
}

extension Operand {
    /// The operand as an array: a scalar becomes a 0-d array of numpy's dtype for it.
    public var asArray: NDArray {
        switch self {
        case .array(let a): a
        case .scalar(let s): NDArray(scalar: s)
        }
    }
}
