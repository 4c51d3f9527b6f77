import QuireSupport

/// What can go wrong in an array operation: data only, worded by the bindings.
public enum ArrayError: Error, Equatable, Sendable {
    /// Two shapes that cannot be broadcast together (numpy's rules: match from the right, 1 stretches).
    case shapeMismatch([Int], [Int])
    /// An axis outside `-ndim..<ndim`.
    case badAxis(axis: Int, ndim: Int)
    /// A reshape whose element count differs, or with more than one -1.
    case badReshape(from: [Int], to: [Int])
    /// A shape with a negative dimension.
    case negativeDimension([Int])
    /// A Python integer that does not fit the array's dtype (NEP 50 keeps the array's dtype).
    case scalarOutOfRange(value: Int64, dtype: DType)
    /// An operation numpy refuses for this dtype, such as `-` on bool arrays or `&` on floats.
    case unsupported(operation: String, dtype: DType)
    /// An integer array raised to a negative integer power.
    case negativeIntegerPower
    /// An integer index outside its axis.
    case indexOutOfRange(index: Int, axis: Int, size: Int)
    /// More indices than the array has dimensions.
    case tooManyIndices(given: Int, ndim: Int)
    /// A slice step of zero.
    case zeroStep
    /// A boolean mask whose shape does not match the array it selects from.
    case maskShapeMismatch(mask: [Int], array: [Int])
    /// A reduction with no identity (min, max, argmax, argmin) over zero elements.
    case emptyReduction(operation: String)
    /// Arrays joined by concatenate or stack whose shapes disagree off the joining axis.
    case joinShapeMismatch(operation: String, shapes: [[Int]])
    /// concatenate or stack with no arrays, or concatenate of 0-d arrays.
    case nothingToJoin(operation: String)
    /// An operation that needs a different number of dimensions.
    case wrongDimensions(operation: String, expected: String, got: Int)
    /// A transpose permutation that is not a permutation of the axes.
    case badPermutation(axes: [Int], ndim: Int)
    /// A non-finite or zero step, or a range too long to allocate.
    case badRange(start: Double, stop: Double, step: Double)
    /// A shape too large to exist or to fit in memory, refused before allocation.
    case size(SizeError)
    /// `matmul` of shapes whose inner dimensions differ (the last of the first operand, the
    /// second to last of the second, or the only one of a 1-D operand).
    case matmulMismatch([Int], [Int])
}
