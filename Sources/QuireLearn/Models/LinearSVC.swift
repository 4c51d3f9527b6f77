import Foundation
import QuireSupport

/// A classifier that scores each row (scikit-learn's `decision_function`): one column for two
/// classes (positive means the second class), one per class otherwise.
public protocol HasDecisionFunction: Classifier {
    func decisionFunction(_ x: Matrix) throws -> Matrix
    func decisionFunction(_ x: SparseMatrix) throws -> Matrix
}

/// A model whose last `fit` can stop at its iteration limit before converging; the sentence
/// scikit-learn's ConvergenceWarning says then, nil when it converged.
public protocol ReportsConvergence {
    var convergenceWarning: String? { get }
}

/// scikit-learn's LinearSVC: a linear SVM trained by LIBLINEAR's solvers (`Liblinear`), one
/// against the rest for more than two classes, the intercept an extra feature of value
/// `intercept_scaling` that is penalised like the others. Takes dense rows and sparse (CSR)
/// rows, which are never made dense.
public struct LinearSVC: SparseClassifier, Savable, HasDecisionFunction, ReportsConvergence {
    public static let declaredSettings = [
        Setting("C", .number(min: 0, positive: true), .double(1.0),
            doc: "Inverse strength of the penalty: smaller values regularise more."),
        Setting("loss", .choice(["squared_hinge", "hinge"]), .string("squared_hinge"),
            doc: "\"squared_hinge\" (the square of the hinge loss) or \"hinge\" (the standard SVM loss)."),
        Setting("penalty", .choice(["l2", "l1"]), .string("l2"),
            doc: "\"l2\" or \"l1\" (sparse coefficients; with loss=\"squared_hinge\" and dual=false only)."),
        Setting("dual", .oneOf([.choice(["auto"]), .bool], expected: "\"auto\", true or false"), .string("auto"),
            doc: "Solve the dual (true) or the primal (false); \"auto\" takes the dual when there are fewer rows than features."),
        Setting("tol", .number(min: 0, positive: true), .double(1e-4), doc: "The tolerance for stopping the solver."),
        Setting("max_iter", .int(min: 0), .int(1000), doc: "The most iterations the solver may take."),
        Setting("fit_intercept", .bool, .bool(true), doc: "Whether to learn an intercept."),
        Setting("intercept_scaling", .number(min: 0, positive: true), .double(1.0),
            doc: "The value of the extra feature that carries the intercept; larger values penalise the intercept less."),
        Setting("class_weight",
            .optional(.oneOf([.choice(["balanced"]), .classWeights], expected: "\"balanced\", a dict of class weights or none")),
            .none, doc: "Multiplies C for each class: \"balanced\" by the inverse of its frequency, a dict such as {0: 1, 1: 5} by its weight."),
        SharedTreeSettings.randomState,
    ]
    public var settings = Settings(Self.declaredSettings)

    public private(set) var classes: [Double]?
    /// Weights, one row of `nFeatures` per output (one output for two classes).
    public private(set) var coefficients: [Double] = []
    public private(set) var intercepts: [Double] = []
    var nFeatures = 0
    /// The most iterations any of the one-against-rest problems took (scikit-learn's n_iter_).
    public private(set) var iterations = 0

    public init() {}

    public var estimatorName: String { "LinearSVC" }

    public var convergenceWarning: String? {
        classes != nil && iterations >= settings.int("max_iter") ? "Liblinear failed to converge, increase the number of iterations." : nil
    }

    /// The number of outputs (rows of `coef`).
    public var outputs: Int { intercepts.count }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
        try train(y, rows: x.rows, features: x.cols) { order, bias in Liblinear.Problem(dense: x, order: order, bias: bias) }
    }

    public mutating func fit(_ x: SparseMatrix, _ y: [Double]) throws {
        guard x.rows > 0, x.cols > 0 else { throw LearnError.empty }
        try x.checkFinite()
        guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
        try train(y, rows: x.rows, features: x.cols) { order, bias in Liblinear.Problem(sparse: x, order: order, bias: bias) }
    }

    /// The weight that multiplies C for each class.
    private func classWeights(_ codes: [Int], classes: [Double]) throws -> [Double] {
        switch settings["class_weight"] {
        case .none: return [Double](repeating: 1, count: classes.count)
        case .classWeights(let entries): return try dictClassWeights(entries, classes: classes)
        default:
            var counts = [Int](repeating: 0, count: classes.count)
            for c in codes { counts[c] += 1 }
            return counts.map { Double(codes.count) / (Double(classes.count) * Double($0)) }
        }
    }

    private mutating func train(_ y: [Double], rows: Int, features: Int, problem: ([Int], Double) -> Liblinear.Problem) throws {
        let classes = Array(Set(y)).sorted()
        guard classes.count >= 2 else { throw LearnError.oneClass(label: classes.first ?? 0) }
        let codes = classCodes(y, classes: classes)
        let loss = settings.string("loss"), penalty = settings.string("penalty")
        let dual: Bool = switch settings["dual"] {
        case .bool(let b): b
        default: Liblinear.autoDual(loss: loss, penalty: penalty, rows: rows, features: features)
        }
        let solver = try Liblinear.solver(loss: loss, penalty: penalty, dual: dual)
        let c = settings.double("C")
        let weightedC = try classWeights(codes, classes: classes).map { $0 * c }
        let fitIntercept = settings.bool("fit_intercept")
        let scaling = settings.double("intercept_scaling")
        // LIBLINEAR groups the rows by class (keeping their order within a class).
        let order = codes.indices.sorted { codes[$0] == codes[$1] ? $0 < $1 : codes[$0] < codes[$1] }
        let p = problem(order, fitIntercept ? scaling : -1)
        let ordered = order.map { codes[$0] }
        var random = Liblinear.Random(seed: Liblinear.Random.seed(randomState: settings.optionalInt("random_state")))
        let tol = settings.double("tol"), maxIter = settings.int("max_iter")
        var weights: [[Double]] = []
        var most = 0
        if classes.count == 2 {
            let labels = ordered.map { $0 == 1 ? 1.0 : -1.0 }
            let binary = Liblinear.Binary(y: labels, cost: labels.map { $0 > 0 ? weightedC[1] : weightedC[0] })
            let (w, n) = try Liblinear.train(p, binary, solver: solver, tol: tol, maxIter: maxIter, random: &random)
            weights.append(w)
            most = n
        } else {
            for k in 0..<classes.count {
                let labels = ordered.map { $0 == k ? 1.0 : -1.0 }
                let binary = Liblinear.Binary(y: labels, cost: labels.map { $0 > 0 ? weightedC[k] : c })
                let (w, n) = try Liblinear.train(p, binary, solver: solver, tol: tol, maxIter: maxIter, random: &random)
                weights.append(w)
                most = max(most, n)
            }
        }
        coefficients = weights.flatMap { $0[0..<features] }
        intercepts = weights.map { fitIntercept ? scaling * $0[features] : 0 }
        nFeatures = features
        iterations = most
        self.classes = classes
    }

    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        guard classes != nil else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        var out = [Double](repeating: 0, count: x.rows * outputs)
        for i in 0..<x.rows {
            let row = x.row(i)
            for o in 0..<outputs {
                var s = 0.0
                var j = o * nFeatures
                for v in row { s += coefficients[j] * v; j += 1 }
                out[i * outputs + o] = s + intercepts[o]
            }
        }
        return Matrix(rows: x.rows, cols: outputs, values: out)
    }

    public func decisionFunction(_ x: SparseMatrix) throws -> Matrix {
        guard classes != nil else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        try x.checkFinite()
        var out = [Double](repeating: 0, count: x.rows * outputs)
        for i in 0..<x.rows {
            for o in 0..<outputs {
                var s = 0.0
                let base = o * nFeatures
                for k in x.range(i) { s += coefficients[base + Int(x.indices[k])] * x.data[k] }
                out[i * outputs + o] = s + intercepts[o]
            }
        }
        return Matrix(rows: x.rows, cols: outputs, values: out)
    }

    /// The class of each row from its scores: the second class where the one score is positive,
    /// else the class of the highest score (the first on ties).
    private func labels(_ z: Matrix) -> [Double] {
        (0..<z.rows).map { i in z.cols == 1 ? classes![z[i, 0] > 0 ? 1 : 0] : classes![argmax(z.row(i))] }
    }

    public func predict(_ x: Matrix) throws -> [Double] { labels(try decisionFunction(x)) }
    public func predict(_ x: SparseMatrix) throws -> [Double] { labels(try decisionFunction(x)) }

    public func predictProba(_ x: Matrix) throws -> Matrix { throw LearnError.noProbabilities(model: estimatorName) }
    public func predictProba(_ x: SparseMatrix) throws -> Matrix { throw LearnError.noProbabilities(model: estimatorName) }
}
