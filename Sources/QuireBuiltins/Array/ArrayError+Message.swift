import QuireArray
import QuireLang

/// The sentences for array errors: the one place their wording lives.
extension ArrayError {
    var quireError: QuireError {
        switch self {
        case .shapeMismatch(let a, let b):
            return QuireError(
                .value, "operands could not be broadcast together with shapes \(shape(a)) and \(shape(b))",
                hint: "shapes must match from the right, where a dimension of 1 stretches")
        case .badAxis(let axis, let ndim):
            return QuireError(.index, "axis \(axis) is out of bounds for an array of dimension \(ndim)")
        case .badReshape(let from, let to):
            let size = from.reduce(1, *)
            return QuireError(
                .value, "cannot reshape an array of size \(size) into shape \(shape(to))",
                hint: "the new shape must hold \(size) elements; one dimension may be -1")
        case .negativeDimension(let s):
            return QuireError(.value, "negative dimensions are not allowed (shape \(shape(s)))")
        case .scalarOutOfRange(let value, let dtype):
            return QuireError(
                .overflow, "the integer \(value) is out of bounds for \(dtype.rawValue)",
                hint: "convert first, e.g. a.astype(\"int64\")")
        case .unsupported(let operation, let dtype):
            return QuireError(.type, "\(operation) is not supported for \(dtype.rawValue) arrays", hint: unsupportedHint(operation, dtype))
        case .negativeIntegerPower:
            return QuireError(.value, "integers to negative integer powers are not allowed", hint: "use a float exponent, e.g. a ** -1.0")
        case .indexOutOfRange(let index, let axis, let size):
            return QuireError(.index, "index \(index) is out of bounds for axis \(axis) with size \(size)")
        case .tooManyIndices(let given, let ndim):
            return QuireError(.index, "too many indices for array: array is \(ndim)-dimensional, but \(given) were indexed")
        case .zeroStep:
            return QuireError(.value, "slice step cannot be zero")
        case .maskShapeMismatch(let mask, let array):
            return QuireError(
                .index, "boolean index did not match indexed array: mask shape \(shape(mask)), array shape \(shape(array))",
                hint: "a mask is a bool array of the array's shape, or of its leading dimensions")
        case .emptyReduction(let operation):
            return QuireError(.value, "zero-size array to reduction operation \(operation) which has no identity")
        case .joinShapeMismatch(let operation, let shapes):
            return QuireError(
                .value,
                "\(operation): all input array dimensions except the joining axis must match, got shapes "
                    + shapes.map(shape).joined(separator: ", "))
        case .nothingToJoin(let operation):
            return QuireError(.value, "\(operation) needs at least one array")
        case .wrongDimensions(let operation, let expected, let got):
            return QuireError(.value, "\(operation) needs arrays of \(expected) dimensions, got \(got)")
        case .badPermutation(let axes, let ndim):
            return QuireError(.value, "axes \(shape(axes)) are not a permutation of the \(ndim) axes")
        case .badRange(let start, let stop, let step):
            return QuireError(
                .value,
                "cannot make a range from \(Printer.formatDouble(start)) to \(Printer.formatDouble(stop)) by \(Printer.formatDouble(step))",
                hint: "the step must be finite and non-zero, and the range not too long")
        case .size(let error):
            return QuireError(error)
        case .matmulMismatch(let a, let b):
            let inner = a[a.count - 1], other = b.count == 1 ? b[0] : b[b.count - 2]
            return QuireError(
                .value,
                "matmul: shapes \(shape(a)) and \(shape(b)) do not align: \(inner) (last dimension of the first) != \(other) (\(b.count == 1 ? "length" : "second to last dimension") of the second)",
                hint: "the first operand's columns must equal the second's rows; transpose one (a.T) if they are the other way round")
        }
    }

    private func shape(_ s: [Int]) -> String { ArrayFormatter.shapeText(s) }

    private func unsupportedHint(_ operation: String, _ dtype: DType) -> String? {
        switch (operation, dtype) {
        case ("-", .bool): "use `not a` to flip a bool array, or a.astype(\"int64\") to count"
        case (_, .float32), (_, .float64): "& and | combine bool arrays; use `and` / `or`"
        default: nil
        }
    }
}

/// Runs an array operation, turning its data error into a Quire error.
func arrayCall<T>(_ body: () throws(ArrayError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw error.quireError
    }
}
