import QuireArray
import QuireLang

/// Conversions between Quire values and arrays, shared by the Array bindings.
enum ArrayValues {
    /// A number as a weak scalar (numpy's NEP 50: it takes the array's dtype when it can).
    static func scalar(_ value: Value) -> Scalar? {
        switch value {
        case .int(let i): .int(Int64(i))
        case .double(let d): .double(d)
        case .bool(let b): .bool(b)
        default: nil
        }
    }

    /// The value as an operand of an operator: numbers, Arrays, and lists of numbers.
    /// Other objects (a Series, a DataFrame) give nil, so their own operators are tried.
    static func operand(_ value: Value) throws -> Operand? {
        if let s = scalar(value) { return .scalar(s) }
        switch value {
        case .object(let o as ArrayObject): return .array(o.array)
        case .list, .tuple: return .array(try ndarray(from: value))
        default: return nil
        }
    }

    /// An argument as an operand: a number stays a weak scalar; anything array-like converts.
    static func operand(_ args: Arguments, _ name: String) throws -> Operand {
        if let s = scalar(args.value(name)) { return .scalar(s) }
        return .array(try ndarray(args, name))
    }

    /// An element as a Quire number. float32 elements are written through their shortest
    /// float32 digits, so they show as numpy shows them (0.1, not 0.10000000149011612).
    static func value(_ scalar: Scalar, float32: Bool = false) -> Value {
        switch scalar {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int(i))
        case .double(let d):
            guard float32, d.isFinite else { return .double(d) }
            return .double(Double(Float(d).description) ?? d)
        }
    }

    /// An array as a value; a 0-d array becomes a number (what reductions and `a[i, j]` give).
    static func value(_ array: NDArray) -> Value {
        if array.ndim == 0 { return value(array.element(at: 0), float32: array.dtype == .float32) }
        return .object(ArrayObject(array))
    }

    /// The array as nested lists of numbers (`tolist`).
    static func nestedList(_ array: NDArray) -> Value {
        let float32 = array.dtype == .float32
        func build(_ axis: Int, _ offset: Int, _ strides: [Int]) -> Value {
            if axis == array.ndim { return value(array.element(at: offset), float32: float32) }
            return .list(ListBox((0..<array.shape[axis]).map { build(axis + 1, offset + $0 * strides[axis], strides) }))
        }
        return build(0, 0, array.strides)
    }

    /// A shape argument: an int or a tuple or list of ints.
    static func shape(_ args: Arguments, _ name: String) throws -> [Int] {
        let expected = "a shape (an int or a tuple of ints)"
        let items: [Value]
        switch args.value(name) {
        case .int, .bool: return [try args.int(name)]
        case .tuple(let t): items = t
        case .list(let l): items = l.items
        default: throw args.bad(name, expected: expected)
        }
        return try items.map { item in
            guard case .int(let i) = item else { throw args.bad(name, expected: expected) }
            return i
        }
    }

    static let dtypeNames = DType.allCases.map(\.rawValue)

    /// A `dtype` parameter: numpy's names as its choices, its aliases accepted too.
    static func dtypeParameter(_ defaultValue: DType?) -> Parameter {
        .opt("dtype", defaultValue == nil ? .optional(.string) : .string, defaultValue.map { .string($0.rawValue) } ?? .none,
            choices: dtypeNames, synonyms: DType.aliases.keys.sorted())
    }

    /// A dtype argument by numpy's name ("uint8", "float32", ...), or nil when none.
    static func dtype(_ args: Arguments, _ name: String) throws -> DType? {
        guard let text = try args.optionalString(name) else { return nil }
        guard let dtype = DType(name: text) else { throw args.bad(name, expected: Parameter.listing(dtypeNames)) }
        return dtype
    }

    /// `a[...]`'s index as per-axis entries; nil when it is a mask or a list of positions.
    static func indices(_ index: Value) throws -> [ArrayIndex]? {
        switch index {
        case .int, .bool, .object(is SliceValue): return [try entry(index)]
        case .tuple(let items): return try items.map(entry)
        default: return nil
        }
    }

    private static func entry(_ value: Value) throws -> ArrayIndex {
        switch value {
        case .int(let i): return .index(i)
        case .object(let s as SliceValue): return .slice(start: s.start, stop: s.stop, step: s.step)
        default:
            throw QuireError(
                .type, "an array index inside a tuple must be an int or a slice, not \(value.typeNoun)",
                hint: "use a[1:3, 0], a[mask] or a[[0, 2]]")
        }
    }
}
