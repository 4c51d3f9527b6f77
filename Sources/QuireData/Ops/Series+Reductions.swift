import Foundation
import QuireSupport

extension Series {
    /// The non-missing values as Doubles; throws for a string column (naming `operation`).
    func numbers(for operation: String) throws -> [Double] {
        guard let d = column.doubles else { throw DataError.wrongType(column: name, type: type, operation: operation) }
        return column.hasMissing ? d.filter { !$0.isNaN } : d
    }

    /// The number of values that are not missing.
    public func countValid() -> Int { column.validCount }

    /// The sum, skipping missing values: an int for int and bool columns, as pandas gives.
    public func sum() throws -> Scalar {
        switch column.storage {
        case .int64(let v):
            var s: Int64 = 0
            for (i, x) in v.enumerated() where !column.isMissing(i) { s &+= x }
            return .int(s)
        case .bool(let v):
            return .int(Int64(v.indices.filter { v[$0] && !column.isMissing($0) }.count))
        case .float64(let v):
            return .float(PairwiseSum.pandas(v.map { $0.isNaN ? 0 : $0 }))
        case .string:
            throw DataError.wrongType(column: name, type: type, operation: "sum")
        }
    }

    /// The mean of the values that are not missing (NaN when there are none).
    public func mean() throws -> Double {
        let (filled, n) = try zeroFilled(for: "mean")
        return n == 0 ? .nan : PairwiseSum.pandas(filled) / Double(n)
    }

    /// All values with missing ones as 0, and the count of the others: pandas sums over the
    /// whole buffer this way, and the order of a pairwise sum decides its last bits.
    func zeroFilled(for operation: String) throws -> ([Double], Int) {
        guard var d = column.doubles else { throw DataError.wrongType(column: name, type: type, operation: operation) }
        guard column.hasMissing else { return (d, d.count) }
        var n = 0
        for i in d.indices { if d[i].isNaN { d[i] = 0 } else { n += 1 } }
        return (d, n)
    }

    /// The standard deviation with `ddof` degrees of freedom removed (pandas' default 1).
    public func std(ddof: Int = 1) throws -> Double { sqrt(try variance(ddof: ddof)) }

    /// The variance with `ddof` degrees of freedom removed, computed as pandas' nanvar does.
    public func variance(ddof: Int = 1) throws -> Double {
        let (filled, n) = try zeroFilled(for: "std")
        guard n - ddof > 0 else { return .nan }
        let mean = PairwiseSum.pandas(filled) / Double(n)
        let missing = column.hasMissing
        let squares = filled.indices.map { i in
            missing && column.isMissing(i) ? 0 : (mean - filled[i]) * (mean - filled[i])
        }
        return PairwiseSum.pandas(squares) / Double(n - ddof)
    }

    /// The median (the mean of the two middle values when their count is even).
    public func median() throws -> Double {
        medianOfSorted(try numbers(for: "median").sorted())
    }

    /// The `q` quantile with linear interpolation (numpy's default).
    public func quantile(_ q: Double) throws -> Double {
        QuireData.quantile(sorted: try numbers(for: "quantile").sorted(), q)
    }

    /// The smallest value (strings compare by code points); missing when there are no values.
    public func min() throws -> Scalar { try extreme(for: "min", <) }

    /// The largest value; missing when there are no values.
    public func max() throws -> Scalar { try extreme(for: "max", >) }

    private func extreme(for operation: String, _ better: (Scalar, Scalar) -> Bool) throws -> Scalar {
        var best: Scalar = .missing
        for i in 0..<count where !column.isMissing(i) {
            let v = column[i]
            if best == .missing || better(v, best) { best = v }
        }
        return best
    }

    /// True when any value is true (non-zero, non-empty), skipping missing values.
    public func any() -> Bool { (0..<count).contains { !column.isMissing($0) && column[$0].isTruthy } }

    /// True when every value that is not missing is true.
    public func all() -> Bool { (0..<count).allSatisfy { column.isMissing($0) || column[$0].isTruthy } }
}

extension Scalar {
    /// Python's truth of the value.
    public var isTruthy: Bool {
        switch self {
        case .int(let i): i != 0
        case .float(let d): d != 0
        case .bool(let b): b
        case .string(let s): !s.isEmpty
        case .missing: true
        }
    }

    /// Ordering within one column: numbers by value, strings by code points, bools false first.
    public static func < (a: Scalar, b: Scalar) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.bool(let x), .bool(let y)): return !x && y
        default:
            guard let x = a.double, let y = b.double else { return false }
            if case .int(let i) = a, case .int(let j) = b { return i < j }
            return x < y
        }
    }

    public static func > (a: Scalar, b: Scalar) -> Bool { b < a }
}

/// The middle value, or the mean of the two middle values, as numpy's median gives.
func medianOfSorted(_ d: [Double]) -> Double {
    guard !d.isEmpty else { return .nan }
    let mid = d.count / 2
    return d.count % 2 == 1 ? d[mid] : (d[mid - 1] + d[mid]) / 2
}
