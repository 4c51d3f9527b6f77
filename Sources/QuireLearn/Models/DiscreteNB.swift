import Foundation
import QuireSupport

/// A classifier that also trains and predicts on sparse rows (CSR), never making them dense.
public protocol SparseClassifier: Classifier {
    mutating func fit(_ x: SparseMatrix, _ y: [Double]) throws
    func predictProba(_ x: SparseMatrix) throws -> Matrix
    func predict(_ x: SparseMatrix) throws -> [Double]
}

/// Which naive Bayes model for counts a `DiscreteNB` is.
public enum DiscreteNBKind: String, Codable, Sendable { case multinomial, bernoulli, complement }
public protocol DiscreteNBFlavour: Sendable { static var kind: DiscreteNBKind { get } }
public enum Multinomial: DiscreteNBFlavour { public static let kind = DiscreteNBKind.multinomial }
public enum Bernoulli: DiscreteNBFlavour { public static let kind = DiscreteNBKind.bernoulli }
public enum Complement: DiscreteNBFlavour { public static let kind = DiscreteNBKind.complement }
public typealias MultinomialNB = DiscreteNB<Multinomial>
public typealias BernoulliNB = DiscreteNB<Bernoulli>
public typealias ComplementNB = DiscreteNB<Complement>

/// The three naive Bayes models for counts: scikit-learn's MultinomialNB, BernoulliNB and
/// ComplementNB, with their settings and arithmetic. Dense rows are stored sparse first.
public struct DiscreteNB<Flavour: DiscreteNBFlavour>: SparseClassifier, Savable {
    public typealias Kind = DiscreteNBKind
    var kind: Kind { Flavour.kind }
    public var settings: Settings
    /// scikit-learn's class_prior: one probability per class, or nil to learn them from y.
    public var classPrior: [Double]?
    public private(set) var classes: [Double]?
    /// Per class (rows) and feature: scikit-learn's feature_log_prob_.
    public private(set) var featureLogProb: [Double] = []
    public private(set) var classLogPrior: [Double] = []
    /// Bernoulli only: per class, the sum over features of log(1 - p).
    var negativeSums: [Double] = []
    var nFeatures = 0

    public static var declaredSettings: [Setting] { settings(for: Flavour.kind) }

    public static func settings(for kind: Kind) -> [Setting] {
        var s = [
            Setting("alpha", .number(min: 0), .double(1.0), doc: "Additive (Laplace) smoothing of the counts; 0 for none."),
            Setting("force_alpha", .bool, .bool(true), doc: "Keep a very small alpha as given (false raises it to 1e-10)."),
        ]
        if kind == .bernoulli {
            s.append(Setting("binarize", .optional(.number(min: nil)), .double(0.0),
                doc: "Values above this count as 1, others as 0; none when X is already 0/1."))
        }
        s.append(Setting("fit_prior", .bool, .bool(true), doc: "Learn class priors from y (false: uniform priors)."))
        if kind == .complement {
            s.append(Setting("norm", .bool, .bool(false), doc: "Normalise the weights a second time (as in Rennie et al.)."))
        }
        return s
    }

    public init() { settings = Settings(Self.declaredSettings) }

    public var estimatorName: String {
        switch kind {
        case .multinomial: "MultinomialNB"
        case .bernoulli: "BernoulliNB"
        case .complement: "ComplementNB"
        }
    }

    var alpha: Double {
        let a = settings.double("alpha")
        return settings.bool("force_alpha") ? a : max(a, 1e-10)
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws { try fit(SparseMatrix(dense: x), y) }
    public func predictProba(_ x: Matrix) throws -> Matrix { try predictProba(SparseMatrix(dense: x)) }
    public func predict(_ x: Matrix) throws -> [Double] { try predict(SparseMatrix(dense: x)) }

    /// Bernoulli's view of the rows: 1 where a value exceeds `binarize`.
    private func prepared(_ x: SparseMatrix) -> SparseMatrix {
        guard kind == .bernoulli, case .double(let t) = settings["binarize"] else { return x }
        var x = x
        for k in 0..<x.data.count { x.data[k] = x.data[k] > t ? 1 : 0 }
        return x
    }

    public mutating func fit(_ raw: SparseMatrix, _ y: [Double]) throws {
        guard raw.rows == y.count else { throw LearnError.lengthMismatch(rows: raw.rows, labels: y.count) }
        guard raw.rows > 0 else { throw LearnError.empty }
        try raw.checkFinite()
        let x = prepared(raw)
        if kind != .bernoulli {
            for i in 0..<x.rows {
                for k in x.range(i) where x.data[k] < 0 {
                    throw TextError.negativeValue(model: estimatorName, row: i, column: Int(x.indices[k]))
                }
            }
        }
        let classes = Array(Set(y)).sorted()
        // scikit-learn trains naive Bayes on one class too; predictions are then that class.
        let codes = classCodes(y, classes: classes)
        let k = classes.count, d = x.cols
        if let prior = classPrior, prior.count != k {
            throw LearnError.badParameter(name: "class_prior", expected: "one probability per class (\(k))")
        }
        var featureCount = [Double](repeating: 0, count: k * d)
        var classCount = [Double](repeating: 0, count: k)
        for i in 0..<x.rows {
            let c = codes[i]
            classCount[c] += 1
            for t in x.range(i) { featureCount[c * d + Int(x.indices[t])] += x.data[t] }
        }
        let a = alpha
        var flp = [Double](repeating: 0, count: k * d)
        switch kind {
        case .multinomial:
            for c in 0..<k {
                var total = 0.0
                for j in 0..<d { total += featureCount[c * d + j] + a }
                let logTotal = log(total)
                for j in 0..<d { flp[c * d + j] = log(featureCount[c * d + j] + a) - logTotal }
            }
        case .bernoulli:
            negativeSums = []
            for c in 0..<k {
                let logDenominator = log(classCount[c] + a * 2)
                var negatives = 0.0
                for j in 0..<d {
                    let v = log(featureCount[c * d + j] + a) - logDenominator
                    flp[c * d + j] = v
                    negatives += log(1 - exp(v))
                }
                negativeSums.append(negatives)
            }
        case .complement:
            var featureAll = [Double](repeating: 0, count: d)
            for c in 0..<k { for j in 0..<d { featureAll[j] += featureCount[c * d + j] } }
            let normalise = settings.bool("norm")
            for c in 0..<k {
                var comp = [Double](repeating: 0, count: d)
                var total = 0.0
                for j in 0..<d {
                    comp[j] = featureAll[j] + a - featureCount[c * d + j]
                    total += comp[j]
                }
                var logged = comp.map { log($0 / total) }
                if normalise {
                    let s = logged.reduce(0, +)
                    logged = logged.map { $0 / s }
                } else {
                    logged = logged.map { -$0 }
                }
                for j in 0..<d { flp[c * d + j] = logged[j] }
            }
        }
        if let prior = classPrior {
            classLogPrior = prior.map { log($0) }
        } else if settings.bool("fit_prior") {
            let total = log(classCount.reduce(0, +))
            classLogPrior = classCount.map { log($0) - total }
        } else {
            classLogPrior = [Double](repeating: -log(Double(k)), count: k)
        }
        featureLogProb = flp
        nFeatures = d
        self.classes = classes
    }

    /// scikit-learn's joint log likelihood of each row and class.
    func jointLogLikelihood(_ raw: SparseMatrix) throws -> Matrix {
        guard let classes else { throw LearnError.notFitted(model: estimatorName) }
        try raw.checkColumns(nFeatures)
        try raw.checkFinite()
        let x = prepared(raw)
        let k = classes.count, d = nFeatures
        var out = [Double](repeating: 0, count: x.rows * k)
        for i in 0..<x.rows {
            if i & 1023 == 0 { try Cancellation.check() }
            for c in 0..<k {
                var s = 0.0
                switch kind {
                case .bernoulli:
                    for t in x.range(i) {
                        let j = Int(x.indices[t]), p = featureLogProb[c * d + j]
                        s += x.data[t] * (p - log(1 - exp(p)))
                    }
                    s += classLogPrior[c] + negativeSums[c]
                case .multinomial:
                    for t in x.range(i) { s += x.data[t] * featureLogProb[c * d + Int(x.indices[t])] }
                    s += classLogPrior[c]
                case .complement:
                    for t in x.range(i) { s += x.data[t] * featureLogProb[c * d + Int(x.indices[t])] }
                    if k == 1 { s += classLogPrior[c] }
                }
                out[i * k + c] = s
            }
        }
        return Matrix(rows: x.rows, cols: k, values: out)
    }

    public func predictProba(_ x: SparseMatrix) throws -> Matrix {
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

    public func predict(_ x: SparseMatrix) throws -> [Double] {
        let jll = try jointLogLikelihood(x)
        return (0..<jll.rows).map { classes![argmax(jll.row($0))] }
    }

    enum CodingKeys: String, CodingKey {
        case settings, classPrior, classes, featureLogProb, classLogPrior, negativeSums, nFeatures
    }
}
