import Foundation
import QuireSupport

/// Gaussian naive Bayes with scikit-learn's exact arithmetic: per-class means and variances,
/// variances smoothed by `varSmoothing` times the largest feature variance.
public struct GaussianNB: Classifier, Savable {
    public static let declaredSettings = [
        Setting("var_smoothing", .number(min: 0), .double(1e-9),
            doc: "Added to every variance, as a share of the largest feature variance, for stability."),
    ]
    public var settings = Settings(Self.declaredSettings)
    var varSmoothing: Double { settings.double("var_smoothing") }

    public private(set) var classes: [Double]?
    var theta: [Double] = []
    var variance: [Double] = []
    var classPrior: [Double] = []
    var nFeatures = 0

    public init() {}

    /// A classifier with this smoothing (for tests; the language sets it through `set`).
    public init(varSmoothing: Double) { try? settings.set("var_smoothing", .double(varSmoothing)) }

    public var estimatorName: String { "GaussianNB" }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let (n, d, k) = (x.rows, x.cols, classes.count)
        let epsilon = varSmoothing * (0..<d).map { column(x, $0, rows: Array(0..<n)).variance }.max()!
        var byClass = [[Int]](repeating: [], count: k)
        for (i, c) in codes.enumerated() { byClass[c].append(i) }
        theta = []
        variance = []
        for rows in byClass {
            for j in 0..<d {
                let stats = column(x, j, rows: rows)
                theta.append(stats.mean)
                variance.append(stats.variance + epsilon)
            }
        }
        classPrior = byClass.map { Double($0.count) / Double(n) }
        nFeatures = d
        self.classes = classes
    }

    /// Mean and population variance of one column over some rows, computed as numpy does
    /// (mean first, then the mean of squared deviations).
    private func column(_ x: Matrix, _ j: Int, rows: [Int]) -> (mean: Double, variance: Double) {
        var sum = 0.0
        for i in rows { sum += x[i, j] }
        let mean = sum / Double(rows.count)
        var squares = 0.0
        for i in rows {
            let dev = x[i, j] - mean
            squares += dev * dev
        }
        return (mean, squares / Double(rows.count))
    }

    /// The joint log likelihood of each row and class.
    func jointLogLikelihood(_ x: Matrix) throws -> Matrix {
        guard let classes else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        let k = classes.count, d = nFeatures
        var out = [Double](repeating: 0, count: x.rows * k)
        for c in 0..<k {
            let logs = (0..<d).map { log(2 * Double.pi * variance[c * d + $0]) }
            let normaliser = -0.5 * PairwiseSum.numpyTotal(logs)
            let prior = log(classPrior[c])
            var terms = [Double](repeating: 0, count: d)
            for i in 0..<x.rows {
                for j in 0..<d {
                    let dev = x[i, j] - theta[c * d + j]
                    terms[j] = dev * dev / variance[c * d + j]
                }
                out[i * k + c] = prior + (normaliser - 0.5 * PairwiseSum.numpyTotal(terms))
            }
        }
        return Matrix(rows: x.rows, cols: k, values: out)
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        var jll = try jointLogLikelihood(x)
        let k = jll.cols
        for i in 0..<jll.rows {
            let row = jll.row(i)
            let top = row.max()!
            let logSum = top + log(row.reduce(0) { $0 + exp($1 - top) })
            for c in 0..<k { jll.values[i * k + c] = exp(jll.values[i * k + c] - logSum) }
        }
        return jll
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        let jll = try jointLogLikelihood(x)
        return (0..<jll.rows).map { classes![argmax(jll.row($0))] }
    }
}
