import QuireArray

/// A dense table of features: `rows` x `cols` doubles in row-major order.
public struct Matrix: Sendable, Equatable, Codable {
    public let rows: Int
    public let cols: Int
    public var values: [Double]

    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(values.count == rows * cols, "matrix size does not match its buffer")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// Checks and converts a 2-D array: no NaN or infinite value, at least one row.
    public init(_ array: NDArray) throws {
        guard array.ndim == 2 else { throw LearnError.notTwoDimensional(shape: array.shape) }
        let values = array.doubles
        let cols = array.shape[1]
        guard array.shape[0] > 0, cols > 0 else { throw LearnError.empty }
        for (i, v) in values.enumerated() where !v.isFinite {
            if v.isNaN { throw LearnError.missingValue(row: i / cols, column: i % cols) }
            throw LearnError.infiniteValue(row: i / cols, column: i % cols)
        }
        self.init(rows: array.shape[0], cols: cols, values: values)
    }

    @inline(__always) public subscript(row: Int, col: Int) -> Double { values[row * cols + col] }

    /// One row as an array slice.
    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * cols)..<((i + 1) * cols)] }

    /// The rows at these positions, in this order.
    public func selecting(rows indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * cols)
        for i in indices { out.append(contentsOf: row(i)) }
        return Matrix(rows: indices.count, cols: cols, values: out)
    }

    /// The matrix as a float64 NDArray.
    public var ndarray: NDArray { NDArray(shape: [rows, cols], float64: values) }

    /// Throws unless this matrix has `expected` columns.
    func checkColumns(_ expected: Int) throws {
        guard cols == expected else { throw LearnError.featureCountMismatch(expected: expected, got: cols) }
    }
}

/// Converts labels (1-D, or a single column) to doubles.
public func labelValues(_ array: NDArray) throws -> [Double] {
    guard array.ndim == 1 || (array.ndim == 2 && array.shape[1] == 1) else {
        throw LearnError.labelsNotOneDimensional(shape: array.shape)
    }
    let values = array.doubles
    if let i = values.firstIndex(where: { $0.isNaN }) { throw LearnError.missingValue(row: i, column: 0) }
    return values
}

/// Checks that features and labels go together and that there are at least two classes.
func checkTrainingData(_ x: Matrix, _ y: [Double], needsTwoClasses: Bool = true) throws -> [Double] {
    guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
    let classes = Array(Set(y)).sorted()
    if needsTwoClasses, classes.count < 2 { throw LearnError.oneClass(label: classes.first ?? 0) }
    return classes
}

/// The position of each label in the sorted classes.
func classCodes(_ y: [Double], classes: [Double]) -> [Int] {
    var index: [Double: Int] = [:]
    for (i, c) in classes.enumerated() { index[c] = i }
    return y.map { index[$0]! }
}

/// The position of the largest value; the first one on ties, as numpy's argmax.
func argmax(_ values: ArraySlice<Double>) -> Int {
    var best = values.startIndex
    for i in values.indices where values[i] > values[best] { best = i }
    return best - values.startIndex
}
