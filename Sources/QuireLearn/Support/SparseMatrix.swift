import QuireArray

/// A compressed sparse row (CSR) matrix, as scipy's `csr_matrix`: row `i` holds the values
/// `data[indptr[i]..<indptr[i+1]]` in the columns `indices[...]` (sorted within each row).
/// The vectorizers produce it; naive Bayes, logistic regression and the splits take it as is.
public struct SparseMatrix: Sendable, Equatable {
    /// The element type scipy would report: counts are int64, TF-IDF values float64 (or float32).
    public enum ElementType: String, Sendable {
        case int64, float64, float32
    }

    public let rows: Int
    public let cols: Int
    public var indptr: [Int]
    public var indices: [Int32]
    public var data: [Double]
    public var dtype: ElementType

    public init(rows: Int, cols: Int, indptr: [Int], indices: [Int32], data: [Double], dtype: ElementType = .float64) {
        precondition(indptr.count == rows + 1 && indices.count == data.count && indptr.last == data.count,
            "CSR arrays do not match their shape")
        self.rows = rows
        self.cols = cols
        self.indptr = indptr
        self.indices = indices
        self.data = data
        self.dtype = dtype
    }

    /// A dense matrix with its zeros dropped.
    public init(dense m: Matrix) {
        var indptr = [0], indices: [Int32] = [], data: [Double] = []
        for i in 0..<m.rows {
            for j in 0..<m.cols where m[i, j] != 0 {
                indices.append(Int32(j))
                data.append(m[i, j])
            }
            indptr.append(data.count)
        }
        self.init(rows: m.rows, cols: m.cols, indptr: indptr, indices: indices, data: data)
    }

    /// The number of stored values (scipy's `nnz`).
    public var nnz: Int { data.count }

    /// The stored range of row `i`.
    @inline(__always) public func range(_ i: Int) -> Range<Int> { indptr[i]..<indptr[i + 1] }

    /// The rows at these positions, in this order (repeats allowed), as a new CSR matrix.
    public func selecting(rows picked: [Int]) -> SparseMatrix {
        var indptr = [0]
        indptr.reserveCapacity(picked.count + 1)
        var total = 0
        for r in picked { total += rowLength(r) }
        var indices: [Int32] = [], data: [Double] = []
        indices.reserveCapacity(total)
        data.reserveCapacity(total)
        for r in picked {
            let span = range(r)
            indices += self.indices[span]
            data += self.data[span]
            indptr.append(data.count)
        }
        return SparseMatrix(rows: picked.count, cols: cols, indptr: indptr, indices: indices, data: data, dtype: dtype)
    }

    private func rowLength(_ r: Int) -> Int { indptr[r + 1] - indptr[r] }

    /// The matrix with its zeros written out (scipy's `toarray()`).
    public var dense: Matrix {
        var values = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for k in range(i) { values[i * cols + Int(indices[k])] = data[k] }
        }
        return Matrix(rows: rows, cols: cols, values: values)
    }

    /// The dense form as an NDArray of this matrix's dtype.
    public var ndarray: NDArray {
        let values = dense.values
        switch dtype {
        case .float64: return NDArray(shape: [rows, cols], float64: values)
        case .float32: return NDArray(shape: [rows, cols], float32: values.map { Float($0) })
        case .int64: return NDArray(shape: [rows, cols], int64: values.map { Int64($0) })
        }
    }

    /// The sum of each column (scipy's `X.sum(axis=0)`), summed in row order.
    public func columnSums() -> [Double] {
        var sums = [Double](repeating: 0, count: cols)
        for k in 0..<data.count { sums[Int(indices[k])] += data[k] }
        return sums
    }

    /// Throws unless this matrix has `expected` columns.
    func checkColumns(_ expected: Int) throws {
        guard cols == expected else { throw LearnError.featureCountMismatch(expected: expected, got: cols) }
    }

    /// Throws on a NaN or infinite stored value, naming its place.
    public func checkFinite() throws {
        for i in 0..<rows {
            for k in range(i) where !data[k].isFinite {
                if data[k].isNaN { throw LearnError.missingValue(row: i, column: Int(indices[k])) }
                throw LearnError.infiniteValue(row: i, column: Int(indices[k]))
            }
        }
    }

    /// scipy's printout: the summary line, then `(row, col)<TAB>value` for each stored value
    /// (the first and last 25 of more than 50, with `:` between), as `print(X)` shows it.
    public var description: String {
        var out = summary
        guard nnz > 0 else { return out }
        out += "\n  Coords\tValues"
        let limit = 50
        func line(_ k: Int, _ row: Int) -> String {
            "\n  (\(row), \(indices[k]))\t" + valueText(data[k])
        }
        var rowOf = [Int](repeating: 0, count: nnz)
        for i in 0..<rows { for k in range(i) { rowOf[k] = i } }
        if nnz <= limit {
            for k in 0..<nnz { out += line(k, rowOf[k]) }
        } else {
            for k in 0..<(limit / 2) { out += line(k, rowOf[k]) }
            out += "\n  :\t:"
            for k in (nnz - limit / 2)..<nnz { out += line(k, rowOf[k]) }
        }
        return out
    }

    /// scipy's repr: `<Compressed Sparse Row sparse matrix of dtype 'float64'` and the count and shape.
    public var summary: String {
        "<Compressed Sparse Row sparse matrix of dtype '\(dtype.rawValue)'\n\twith \(nnz) stored elements and shape (\(rows), \(cols))>"
    }

    /// One value as numpy prints a scalar of this dtype.
    func valueText(_ v: Double) -> String {
        switch dtype {
        case .int64: return String(Int64(v))
        case .float64: return formatPythonFloat(v).withPointZero
        case .float32: return formatPythonFloat(Double(Float(v)).shortestFloat32).withPointZero
        }
    }
}

private extension Double {
    /// The float32 value's shortest digits, as numpy prints a float32 scalar.
    var shortestFloat32: Double { Double("\(Float(self))") ?? self }
}

private extension String {
    /// Python writes floats with a point: `2.0`, not `2`.
    var withPointZero: String {
        contains(".") || contains("e") || contains("n") ? self : self + ".0"
    }
}
