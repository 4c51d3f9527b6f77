import QuireArray
import QuireLang

/// A native value that can be handed to arrays, plots, models and filters as an NDArray:
/// Array objects themselves, DataFrames (2-D, float64) and Series (1-D).
protocol ArrayConvertible: NativeObject {
    func toNDArray() throws -> NDArray
    /// Column names when the value is a table, for axis labels and feature names.
    var columnLabels: [String]? { get }
}

extension ArrayConvertible {
    var columnLabels: [String]? { nil }
}

/// Converts an argument to an NDArray: an Array, a DataFrame, a Series, a number, or a
/// (nested) list or tuple of numbers or bools. Fails with the shared wording.
func ndarray(_ args: Arguments, _ name: String) throws -> NDArray {
    do {
        return try ndarray(from: args.value(name))
    } catch let error as QuireError where error.kind == .type {
        // A ragged or non-numeric list: say what is wrong with it, not only what was expected.
        throw QuireError(
            .argument, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): \(error.message)", argument: name)
    } catch let error as QuireError where error.kind == .argument {
        throw args.bad(name, expected: "an array, a table or a list of numbers")
    }
}

/// Converts a value to an NDArray (see `ndarray(_:_:)`).
func ndarray(from value: Value) throws -> NDArray {
    switch value {
    case .object(let o as ArrayConvertible):
        return try o.toNDArray()
    case .int(let i):
        return NDArray(shape: [], int64: [Int64(i)])
    case .double(let d):
        return NDArray(shape: [], float64: [d])
    case .bool(let b):
        return NDArray(shape: [], bool: [b])
    case .list, .tuple:
        var shape: [Int] = []
        var flat: [Value] = []
        try flatten(value, depth: 0, shape: &shape, into: &flat)
        return try literalArray(flat, shape: shape)
    default:
        throw QuireError(.argument, "cannot make an array of \(value.typeNoun)")
    }
}

/// numpy's dtype for a list of Python numbers: bool if all are bools, int64 if all are ints or
/// bools, float64 otherwise (and for an empty list).
private func literalArray(_ flat: [Value], shape: [Int]) throws -> NDArray {
    var allBool = !flat.isEmpty
    var allInt = !flat.isEmpty
    for v in flat {
        switch v {
        case .bool: break
        case .int: allBool = false
        case .double:
            allBool = false
            allInt = false
        default:
            throw QuireError(.type, "an array holds numbers, not \(v.typeNoun) such as \(Printer.shortRepr(v))")
        }
    }
    if allBool { return NDArray(shape: shape, bool: flat.map { if case .bool(let b) = $0 { b } else { false } }) }
    if allInt { return NDArray(shape: shape, int64: flat.map { Int64(intValue($0)) }) }
    return NDArray(shape: shape, float64: flat.map { $0.asDouble ?? 0 })
}

private func intValue(_ v: Value) -> Int {
    switch v {
    case .int(let i): i
    case .bool(let b): b ? 1 : 0
    default: 0
    }
}

/// Flattens nested lists and tuples, recording the shape; Arrays inside lists count as nested
/// lists (`array([a, b])` stacks them).
private func flatten(_ value: Value, depth: Int, shape: inout [Int], into flat: inout [Value]) throws {
    // numpy's limit; also what stops a list that contains itself.
    if depth > maxArrayDimensions {
        throw QuireError(
            .value, "lists are nested more than \(maxArrayDimensions) levels deep, more than an array's dimensions",
            hint: "does the list contain itself?")
    }
    let items: [Value]
    switch value {
    case .list(let l): items = l.items
    case .tuple(let t): items = t
    case .object(let o as ArrayConvertible) where depth > 0:
        let a = try o.toNDArray()
        if a.ndim == 0 { return try flatten(scalarValue(a), depth: depth, shape: &shape, into: &flat) }
        items = try elementsAlongFirstAxis(a)
    default:
        guard depth == shape.count else { throw raggedList() }
        flat.append(value)
        return
    }
    if depth == shape.count {
        guard flat.isEmpty else { throw raggedList() }
        shape.append(items.count)
    } else if depth > shape.count || shape[depth] != items.count {
        throw raggedList()
    }
    for item in items { try flatten(item, depth: depth + 1, shape: &shape, into: &flat) }
}

/// The most dimensions an array made from nested lists may have (numpy's limit).
let maxArrayDimensions = 64

private func raggedList() -> QuireError {
    QuireError(.type, "nested lists must all have the same length (a ragged list cannot be an array)")
}

private func scalarValue(_ a: NDArray) -> Value {
    switch a.element(at: 0) {
    case .bool(let b): .bool(b)
    case .int(let i): .int(Int(i))
    case .double(let d): .double(d)
    }
}

private func elementsAlongFirstAxis(_ a: NDArray) throws -> [Value] {
    try (0..<a.shape[0]).map { i in
        let row = try a.subscripted([.index(i)])
        return row.ndim == 0 ? scalarValue(row) : .object(ArrayObject(row))
    }
}
