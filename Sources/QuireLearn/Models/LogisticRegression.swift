import Foundation
import QuireSupport

/// L2-regularised logistic regression as scikit-learn's default (lbfgs): binomial for two
/// classes, multinomial (softmax) for more, intercepts not penalised.
public struct LogisticRegression: Classifier, Savable {
    /// Two classes: scikit-learn's default `tol`. scipy's L-BFGS-B stops when no gradient
    /// component of the averaged objective exceeds it; the same optimiser (`LBFGSB`) with the same
    /// tolerance stops where scikit-learn stops, so predictions agree even where the optimum is
    /// not reached (the TF-IDF reviews: 9 iterations, 0.836 where the optimum gives 0.828).
    static let gradientTolerance = 1e-4
    /// More classes: Quire's L-BFGS to a far smaller tolerance, landing on scikit-learn's optimum
    /// (its multinomial path is not followed step for step yet).
    static let multinomialTolerance = 1e-10

    /// The optimiser for `outputs` linear outputs (one for two classes).
    static func optimise(_ start: [Double], outputs: Int, maxIterations: Int, objective: ([Double]) -> (Double, [Double])) -> [Double] {
        if outputs == 1 {
            return LBFGSB.minimise(start, maxIterations: maxIterations, gtol: gradientTolerance, objective: objective).x
        }
        return LBFGS.minimise(start, maxIterations: maxIterations, gradientTolerance: multinomialTolerance, objective: objective).x
    }

    public static let declaredSettings = [
        Setting("C", .number(min: 0, positive: true), .double(1.0),
            doc: "Inverse strength of the L2 penalty: smaller values regularise more."),
        Setting("max_iter", .int(min: 1), .int(100), doc: "The most iterations the L-BFGS optimiser may take."),
    ]
    public var settings = Settings(Self.declaredSettings)
    var c: Double { settings.double("C") }
    var maxIter: Int { settings.int("max_iter") }
    public private(set) var classes: [Double]?
    /// Weights, one row of `nFeatures` per output (one output for two classes).
    public private(set) var coefficients: [Double] = []
    public private(set) var intercepts: [Double] = []
    var nFeatures = 0

    public init() {}

    public var estimatorName: String { "LogisticRegression" }
    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let outputs = classes.count == 2 ? 1 : classes.count
        let d = x.cols, n = Double(x.rows), penalty = 1 / (c * n)
        let width = d + 1
        let objective: ([Double]) -> (Double, [Double]) = { w in
            var loss = 0.0
            var grad = [Double](repeating: 0, count: w.count)
            var z = [Double](repeating: 0, count: outputs)
            for i in 0..<x.rows {
                let row = x.row(i)
                for o in 0..<outputs {
                    var s = w[o * width + d]
                    var j = o * width
                    for v in row { s += w[j] * v; j += 1 }
                    z[o] = s
                }
                var residual = [Double](repeating: 0, count: outputs)
                if outputs == 1 {
                    let target = codes[i] == 1 ? 1.0 : 0.0
                    // log(1 + exp(z)) - target * z, written to avoid overflow.
                    loss += max(z[0], 0) + log1p(exp(-abs(z[0]))) - target * z[0]
                    residual[0] = 1 / (1 + exp(-z[0])) - target
                } else {
                    let top = z.max()!
                    let sum = z.reduce(0) { $0 + exp($1 - top) }
                    loss += top + log(sum) - z[codes[i]]
                    for o in 0..<outputs { residual[o] = exp(z[o] - top) / sum - (o == codes[i] ? 1 : 0) }
                }
                for o in 0..<outputs {
                    var j = o * width
                    for v in row { grad[j] += residual[o] * v; j += 1 }
                    grad[o * width + d] += residual[o]
                }
            }
            var value = loss / n
            for o in 0..<outputs {
                for j in 0..<d {
                    let wj = w[o * width + j]
                    value += 0.5 * penalty * wj * wj
                    grad[o * width + j] = grad[o * width + j] / n + penalty * wj
                }
                grad[o * width + d] /= n
            }
            return (value, grad)
        }
        let start = [Double](repeating: 0, count: outputs * width)
        let result = (x: Self.optimise(start, outputs: outputs, maxIterations: maxIter, objective: objective), iterations: 0)
        try Cancellation.check()
        coefficients = []
        intercepts = []
        for o in 0..<outputs {
            coefficients += result.x[(o * width)..<(o * width + d)]
            intercepts.append(result.x[o * width + d])
        }
        nFeatures = d
        self.classes = classes
    }

    /// The linear scores of each row, one per output.
    func decisionFunction(_ x: Matrix) throws -> Matrix {
        guard classes != nil else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        let outputs = intercepts.count
        var out = [Double](repeating: 0, count: x.rows * outputs)
        for i in 0..<x.rows {
            for o in 0..<outputs {
                var s = intercepts[o]
                var j = o * nFeatures
                for v in x.row(i) { s += coefficients[j] * v; j += 1 }
                out[i * outputs + o] = s
            }
        }
        return Matrix(rows: x.rows, cols: outputs, values: out)
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        try probabilities(decisionFunction(x))
    }

    /// The class probabilities from the linear scores.
    func probabilities(_ z: Matrix) -> Matrix {
        var out: [Double] = []
        for i in 0..<z.rows {
            let row = Array(z.row(i))
            if row.count == 1 {
                let p = 1 / (1 + exp(-row[0]))
                out += [1 - p, p]
            } else {
                let top = row.max()!
                let e = row.map { exp($0 - top) }
                let s = e.reduce(0, +)
                out += e.map { $0 / s }
            }
        }
        return Matrix(rows: z.rows, cols: classes!.count, values: out)
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        let z = try decisionFunction(x)
        return (0..<z.rows).map { i in
            z.cols == 1 ? classes![z[i, 0] > 0 ? 1 : 0] : classes![argmax(z.row(i))]
        }
    }
}

/// Sparse rows (CSR): the same objective and optimiser as the dense fit, summing over the stored
/// values of each row only, so TF-IDF matrices are never made dense.
extension LogisticRegression: SparseClassifier {
    public mutating func fit(_ x: SparseMatrix, _ y: [Double]) throws {
        guard x.rows > 0, x.cols > 0 else { throw LearnError.empty }
        try x.checkFinite()
        guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
        let classes = Array(Set(y)).sorted()
        guard classes.count >= 2 else { throw LearnError.oneClass(label: classes.first ?? 0) }
        let codes = classCodes(y, classes: classes)
        let outputs = classes.count == 2 ? 1 : classes.count
        let d = x.cols, n = Double(x.rows), penalty = 1 / (c * n)
        let width = d + 1
        let objective: ([Double]) -> (Double, [Double]) = { w in
            var loss = 0.0
            var grad = [Double](repeating: 0, count: w.count)
            var z = [Double](repeating: 0, count: outputs)
            var residual = [Double](repeating: 0, count: outputs)
            for i in 0..<x.rows {
                let span = x.range(i)
                for o in 0..<outputs {
                    var s = w[o * width + d]
                    let base = o * width
                    for k in span { s += w[base + Int(x.indices[k])] * x.data[k] }
                    z[o] = s
                }
                if outputs == 1 {
                    let target = codes[i] == 1 ? 1.0 : 0.0
                    loss += max(z[0], 0) + log1p(exp(-abs(z[0]))) - target * z[0]
                    residual[0] = 1 / (1 + exp(-z[0])) - target
                } else {
                    let top = z.max()!
                    let sum = z.reduce(0) { $0 + exp($1 - top) }
                    loss += top + log(sum) - z[codes[i]]
                    for o in 0..<outputs { residual[o] = exp(z[o] - top) / sum - (o == codes[i] ? 1 : 0) }
                }
                for o in 0..<outputs {
                    let base = o * width
                    for k in span { grad[base + Int(x.indices[k])] += residual[o] * x.data[k] }
                    grad[base + d] += residual[o]
                }
            }
            var value = loss / n
            for o in 0..<outputs {
                for j in 0..<d {
                    let wj = w[o * width + j]
                    value += 0.5 * penalty * wj * wj
                    grad[o * width + j] = grad[o * width + j] / n + penalty * wj
                }
                grad[o * width + d] /= n
            }
            return (value, grad)
        }
        let start = [Double](repeating: 0, count: outputs * width)
        let result = (x: Self.optimise(start, outputs: outputs, maxIterations: maxIter, objective: objective), iterations: 0)
        try Cancellation.check()
        coefficients = []
        intercepts = []
        for o in 0..<outputs {
            coefficients += result.x[(o * width)..<(o * width + d)]
            intercepts.append(result.x[o * width + d])
        }
        nFeatures = d
        self.classes = classes
    }

    /// The linear scores of each sparse row, one per output.
    func decisionFunction(_ x: SparseMatrix) throws -> Matrix {
        guard classes != nil else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        try x.checkFinite()
        let outputs = intercepts.count
        var out = [Double](repeating: 0, count: x.rows * outputs)
        for i in 0..<x.rows {
            for o in 0..<outputs {
                var s = intercepts[o]
                let base = o * nFeatures
                for k in x.range(i) { s += coefficients[base + Int(x.indices[k])] * x.data[k] }
                out[i * outputs + o] = s
            }
        }
        return Matrix(rows: x.rows, cols: outputs, values: out)
    }

    public func predictProba(_ x: SparseMatrix) throws -> Matrix {
        try probabilities(decisionFunction(x))
    }

    public func predict(_ x: SparseMatrix) throws -> [Double] {
        let z = try decisionFunction(x)
        return (0..<z.rows).map { i in
            z.cols == 1 ? classes![z[i, 0] > 0 ? 1 : 0] : classes![argmax(z.row(i))]
        }
    }
}
