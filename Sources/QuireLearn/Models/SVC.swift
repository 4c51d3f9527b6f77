import CSVM
import Foundation
import QuireSupport

/// scikit-learn's SVC on LIBSVM, the solver scikit-learn itself wraps: C-support vector
/// classification, one-against-one, with the same defaults.
public struct SVC: Classifier, Configurable {
    /// LIBSVM's kernel cache, in megabytes (scikit-learn's `cache_size` default).
    static let cacheSize = 200.0

    public static let declaredSettings = [
        Setting("C", .number(min: 0, positive: true), .double(1.0), doc: "Penalty for misclassified rows: larger fits the training data closer."),
        Setting("kernel", .choice(SVMKernel.Kind.allCases.map(\.rawValue)), .string("rbf"), doc: "The kernel function."),
        Setting("degree", .int(min: 0), .int(3), doc: "The degree of the \"poly\" kernel."),
        Setting("gamma", .oneOf([.choice(["scale", "auto"]), .number(min: 0)], expected: nil), .string("scale"),
            doc: "The kernel coefficient: \"scale\" is 1 / (features * X.var()), \"auto\" 1 / features, or a number."),
        Setting("coef0", .number(min: nil), .double(0.0), doc: "The constant term of the \"poly\" and \"sigmoid\" kernels."),
        Setting("tol", .number(min: 0, positive: true), .double(1e-3), doc: "The tolerance for stopping the solver."),
        Setting("probability", .bool, .bool(false), doc: "Whether to fit LIBSVM's probability model, for predict_proba."),
        Setting("decision_function_shape", .choice(["ovr", "ovo"]), .string("ovr"),
            doc: "\"ovr\" (one-vs-rest) or \"ovo\" (one-vs-one) decision values."),
    ]
    public var settings = Settings(Self.declaredSettings)
    var kernel: SVMKernel.Kind { SVMKernel.Kind(rawValue: settings.string("kernel")) ?? .rbf }
    var degree: Int { settings.int("degree") }
    var gamma: ParameterValue { settings["gamma"] }
    var coef0: Double { settings.double("coef0") }
    var tol: Double { settings.double("tol") }
    var c: Double { settings.double("C") }
    var probability: Bool { settings.bool("probability") }

    public private(set) var classes: [Double]?
    /// With probabilities, LIBSVM's model itself (its probability code is used as it is).
    var model: LibSVMModel?
    /// Without, the model trained here (`SVMDecision.train`, LIBSVM's steps on dense rows).
    var decision: SVMDecision?
    var nFeatures = 0
    /// The kernel cache of a fit, in bytes (the tests make it small, to exercise eviction).
    var cacheBytes = Int(SVC.cacheSize * 1_048_576)
    /// Trains with the system's LIBSVM instead (the tests' reference for the solver here).
    var trainsWithLIBSVM = false

    public init() {}

    public var estimatorName: String { "SVC" }
    /// The kernel coefficient actually used: `1 / (n_features * X.var())` for "scale".
    func resolvedGamma(_ x: Matrix) -> Double {
        switch gamma {
        case .string("auto"): return 1 / Double(x.cols)
        case .string:
            // numpy's X.var(): pairwise sums over the flat buffer.
            let n = Double(x.values.count)
            let mean = PairwiseSum.numpyTotal(x.values) / n
            let variance = PairwiseSum.numpyTotal(x.values.map { ($0 - mean) * ($0 - mean) }) / n
            return variance == 0 ? 1 : 1 / (Double(x.cols) * variance)
        default: return gamma.asDouble ?? 1
        }
    }

    /// LIBSVM's parameters for these settings.
    func libsvmParameter(gamma: Double) -> svm_parameter {
        let kernelType: Int32 = switch kernel {
        case .linear: Int32(LINEAR)
        case .poly: Int32(POLY)
        case .sigmoid: Int32(SIGMOID)
        case .rbf: Int32(RBF)
        }
        return svm_parameter(
            svm_type: Int32(C_SVC), kernel_type: kernelType, degree: Int32(degree), gamma: gamma,
            coef0: coef0, cache_size: Self.cacheSize, eps: tol, C: c, nr_weight: 0, weight_label: nil,
            weight: nil, nu: 0.5, p: 0.1, shrinking: 1, probability: probability ? 1 : 0)
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        // LIBSVM numbers classes by first appearance; scikit-learn's copy sorts them. Rows
        // grouped by class (stable, so each class keeps its order) make the two agree.
        let order = codes.indices.sorted { codes[$0] == codes[$1] ? $0 < $1 : codes[$0] < codes[$1] }
        let parameter = libsvmParameter(gamma: resolvedGamma(x))
        let rows = x.selecting(rows: order), labels = order.map { codes[$0] }
        let kernelSpec = SVMKernel(type: kernel, gamma: parameter.gamma, coef0: coef0, degree: degree)
        model = nil
        decision = nil
        if probability {
            model = try LibSVMModel(x: rows, y: labels, parameter: parameter)
        } else if trainsWithLIBSVM {
            decision = try LibSVMModel(x: rows, y: labels, parameter: parameter).decision(x: rows, kernel: kernelSpec)
        } else {
            decision = try SVMDecision.train(x: rows, y: labels, kernel: kernelSpec, c: c, eps: tol, cacheBytes: cacheBytes)
        }
        nFeatures = x.cols
        self.classes = classes
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        guard let classes, model != nil || decision != nil else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        if let decision { return decision.predict(x).map { classes[$0] } }
        return (0..<x.rows).map { classes[model!.predict(x.row($0))] }
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        guard let classes, model != nil || decision != nil else { throw LearnError.notFitted(model: estimatorName) }
        guard let model, model.hasProbability else { throw LearnError.probabilityNotEnabled }
        try x.checkColumns(model.nFeatures)
        var out: [Double] = []
        for i in 0..<x.rows { out += model.probabilities(x.row(i)) }
        return Matrix(rows: x.rows, cols: classes.count, values: out)
    }
}

extension SVC: Savable {
    enum CodingKeys: String, CodingKey { case settings, classes, nFeatures, libsvm, decision }

    /// Reads a saved model; the trained part is LIBSVM's own model text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        settings = try c.decode(Settings.self, forKey: .settings)
        classes = try c.decodeIfPresent([Double].self, forKey: .classes)
        nFeatures = try c.decodeIfPresent(Int.self, forKey: .nFeatures) ?? 0
        decision = try c.decodeIfPresent(SVMDecision.self, forKey: .decision)
        if let text = try c.decodeIfPresent(String.self, forKey: .libsvm) {
            model = try LibSVMModel(text: text, nFeatures: nFeatures)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encodeIfPresent(classes, forKey: .classes)
        try c.encode(nFeatures, forKey: .nFeatures)
        try c.encodeIfPresent(decision, forKey: .decision)
        if let model { try c.encode(try model.text(), forKey: .libsvm) }
    }
}
