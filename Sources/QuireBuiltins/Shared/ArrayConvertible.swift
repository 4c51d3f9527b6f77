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
    } catch let error as QuireError where error.kind == .argument || error.kind == .type {
        var e = args.bad(name, expected: "an array, a table or a list of numbers")
        if error.kind == .type { e.hint = error.message }
        throw e
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
        if flat.allSatisfy({ if case .bool = $0 { true } else { false } }) && !flat.isEmpty {
            return NDArray(shape: shape, bool: flat.map { if case .bool(let b) = $0 { b } else { false } })
        }
        if flat.allSatisfy({ if case .int = $0 { true } else { false } }) {
            return NDArray(shape: shape, int64: flat.map { if case .int(let i) = $0 { Int64(i) } else { 0 } })
        }
        return NDArray(shape: shape, float64: try flat.map {
            guard let d = $0.asDouble else {
                throw QuireError(.type, "an array holds numbers, not \($0.typeNoun) such as \(Printer.shortRepr($0))")
            }
            return d
        })
    default:
        throw QuireError(.argument, "cannot make an array of \(value.typeNoun)")
    }
}

private func flatten(_ value: Value, depth: Int, shape: inout [Int], into flat: inout [Value]) throws {
    let items: [Value]
    switch value {
    case .list(let l): items = l.items
    case .tuple(let t): items = t
    default:
        guard depth == shape.count else {
            throw QuireError(.type, "nested lists must all have the same length (a ragged list cannot be an array)")
        }
        flat.append(value)
        return
    }
    if depth == shape.count {
        shape.append(items.count)
    } else if depth > shape.count || shape[depth] != items.count {
        throw QuireError(.type, "nested lists must all have the same length (a ragged list cannot be an array)")
    }
    for item in items { try flatten(item, depth: depth + 1, shape: &shape, into: &flat) }
}
