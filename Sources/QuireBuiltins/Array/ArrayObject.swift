import QuireArray
import QuireLang
import QuireSupport

/// An NDArray in the language: numbers, matrices and images alike.
///
/// `b = a` shares the object (as in numpy); indexing and slicing copy (unlike numpy's views).
final class ArrayObject: ArrayConvertible {
    var array: NDArray

    init(_ array: NDArray) { self.array = array }

    var typeName: String { "Array" }
    func toNDArray() throws -> NDArray { array }
    var length: Int? { array.shape.first }
    func displayText() -> String { ArrayFormatter.repr(array) }

    func richDisplay() -> RichDisplay? {
        .html("<pre class=\"quire-array\">\(HTMLEscape.escape(displayText()))</pre>")
    }

    /// The attributes of an Array, registered like its methods.
    static let attributes: [Builtin] = [
        attribute("shape", "The length of each axis, as a tuple.", "a.shape") { .tuple($0.shape.map { .int($0) }) },
        attribute("dtype", "The element type: \"bool\", \"uint8\", \"int64\", \"float32\" or \"float64\".", "a.dtype") {
            .string($0.dtype.rawValue)
        },
        attribute("ndim", "The number of axes.", "a.ndim") { .int($0.ndim) },
        attribute("size", "The number of elements.", "a.size") { .int($0.count) },
        attribute("T", "The array with its axes reversed (the transpose of a matrix).", "a.T") { array in
            .object(ArrayObject(try arrayCall { () throws(ArrayError) in try array.transpose() }))
        },
    ]

    private static func attribute(_ name: String, _ doc: String, _ example: String, _ read: @escaping (NDArray) throws -> Value) -> Builtin {
        Builtin(attribute: name, on: "Array", doc: doc, example: example) { args in try read(args.receiver(as: ArrayObject.self).array) }
    }

    func subscriptGet(_ index: Value) throws -> Value {
        let array = self.array
        if let indices = try ArrayValues.indices(index) {
            return ArrayValues.value(try arrayCall { () throws(ArrayError) in try array.subscripted(indices) })
        }
        switch try selector(index) {
        case .mask(let mask): return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try array.masked(mask) }))
        case .positions(let p): return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try array.take(p) }))
        }
    }

    func subscriptSet(_ index: Value, _ value: Value) throws {
        guard let source = try ArrayValues.operand(value) else {
            throw QuireError(.type, "cannot store \(value.typeNoun) in an array", hint: "store a number or an array")
        }
        if let indices = try ArrayValues.indices(index) {
            try arrayCall { () throws(ArrayError) in try array.assign(indices, source) }
            return
        }
        switch try selector(index) {
        case .mask(let mask): try arrayCall { () throws(ArrayError) in try array.assign(mask: mask, source) }
        case .positions:
            throw QuireError(.type, "assigning through a list of positions is not supported", hint: "use a mask: a[mask] = value")
        }
    }

    private enum Selector {
        case mask(NDArray)
        case positions([Int])
    }

    /// A bool Array or list is a mask; an int Array or list picks positions of the first axis.
    private func selector(_ index: Value) throws -> Selector {
        let fail = QuireError(
            .type, "an array cannot be indexed by \(index.typeNoun)",
            hint: "use an int, a slice such as 1:3, a tuple a[1, 2:], a bool mask or a list of ints")
        let selection: NDArray
        switch index {
        case .object(let o as ArrayObject): selection = o.array
        case .list, .object(is ArrayConvertible): selection = try ndarray(from: index)
        default: throw fail
        }
        switch selection.dtype {
        case .bool: return .mask(selection)
        case .int64 where selection.ndim == 1, .uint8 where selection.ndim == 1:
            return .positions(selection.scalars.map { if case .int(let i) = $0 { Int(i) } else { 0 } })
        case .float64 where selection.count == 0: return .positions([])
        default: throw fail
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard let otherOperand = try ArrayValues.operand(other) else { return nil }
        let a: Operand = reflected ? otherOperand : .array(array)
        let b: Operand = reflected ? .array(array) : otherOperand
        if op == .contains {
            // `x in a`: true when some element equals x, as numpy's `__contains__`.
            let array = self.array
            return .bool(try arrayCall { () throws(ArrayError) in try NDArray.compare(.equal, .array(array), otherOperand) }.any())
        }
        let result = try arrayCall { () throws(ArrayError) -> NDArray in
            switch op {
            case .add: try .arithmetic(.add, a, b)
            case .subtract: try .arithmetic(.subtract, a, b)
            case .multiply: try .arithmetic(.multiply, a, b)
            case .divide: try .arithmetic(.divide, a, b)
            case .floorDivide: try .arithmetic(.floorDivide, a, b)
            case .modulo: try .arithmetic(.remainder, a, b)
            case .power: try .arithmetic(.power, a, b)
            case .equal: try .compare(.equal, a, b)
            case .notEqual: try .compare(.notEqual, a, b)
            case .less: try .compare(.less, a, b)
            case .lessEqual: try .compare(.lessEqual, a, b)
            case .greater: try .compare(.greater, a, b)
            case .greaterEqual: try .compare(.greaterEqual, a, b)
            case .and: try .logical(.and, a, b)
            case .or: try .logical(.or, a, b)
            case .bitAnd: try .bitwise(.and, a, b)
            case .bitOr: try .bitwise(.or, a, b)
            case .contains: preconditionFailure("handled above")
            }
        }
        return .object(ArrayObject(result))
    }

    func unary(_ op: UnaryOperator) throws -> Value? {
        let array = self.array
        switch op {
        case .negate: return .object(ArrayObject(try arrayCall { () throws(ArrayError) in try array.negated() }))
        case .plus: return .object(ArrayObject(array))
        case .not: return .object(ArrayObject(array.logicalNot()))
        }
    }

    /// Rows along the first axis: Arrays, or numbers for a 1-D array.
    func elements() throws -> [Value]? {
        guard array.ndim > 0 else { throw QuireError(.type, "iteration over a 0-d array") }
        let array = self.array
        if array.ndim == 1 {
            return (0..<array.count).map { ArrayValues.value(array.element(at: $0), float32: array.dtype == .float32) }
        }
        return try arrayCall { () throws(ArrayError) in try array.rows() }.map { .object(ArrayObject($0)) }
    }

    func truth() throws -> Bool {
        guard array.count == 1 else {
            throw QuireError(
                .value, "the truth value of an array with \(array.count) elements is ambiguous",
                hint: "use .any() or .all()")
        }
        return array.any()
    }
}
