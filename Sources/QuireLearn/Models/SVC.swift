import CSVM
import Foundation
import QuireSupport

/// scikit-learn's SVC on LIBSVM, the solver scikit-learn itself wraps: C-support vector
/// classification, one-against-one, with the same defaults.
public struct SVC: Classifier {
    /// LIBSVM's kernel cache, in megabytes (scikit-learn's `cache_size` default).
    static let cacheSize = 200.0

    public var c = 1.0
    public var kernel = "rbf"
    public var degree = 3
    /// "scale", "auto", or a number.
    public var gamma: ParameterValue = .string("scale")
    public var coef0 = 0.0
    public var tol = 1e-3
    public var probability = false
    public var decisionFunctionShape = "ovr"

    public private(set) var classes: [Double]?
    /// With probabilities, LIBSVM's model itself (its probability code is used as it is).
    var model: LibSVMModel?
    /// Without, the trained model copied out of LIBSVM and replayed here.
    var decision: SVMDecision?
    var nFeatures = 0
    /// Training sets up to this size go to LIBSVM as a precomputed kernel matrix.
    var precomputedRowLimit = LibSVMModel.precomputedRowLimit

    public init() {}

    public var estimatorName: String { "SVC" }
    public var hyperParameters: [HyperParameter] {
        [
            HyperParameter("C", .double(c), .double(1.0)),
            HyperParameter("kernel", .string(kernel), .string("rbf")),
            HyperParameter("degree", .int(degree), .int(3)),
            HyperParameter("gamma", gamma, .string("scale")),
            HyperParameter("coef0", .double(coef0), .double(0.0)),
            HyperParameter("tol", .double(tol), .double(1e-3)),
            HyperParameter("probability", .bool(probability), .bool(false)),
            HyperParameter("decision_function_shape", .string(decisionFunctionShape), .string("ovr")),
        ]
    }

    public mutating func set(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "C": c = try positiveParameter(name, value)
        case "kernel": kernel = try choiceParameter(name, value, ["rbf", "linear", "poly", "sigmoid"])
        case "degree": degree = try intParameter(name, value, minimum: 0)
        case "gamma":
            if case .string = value {
                gamma = .string(try choiceParameter(name, value, ["scale", "auto"]))
            } else {
                gamma = .double(try positiveParameter(name, value, allowZero: true))
            }
        case "coef0":
            guard let v = value.asDouble else { throw LearnError.badParameter(name: name, expected: "a number") }
            coef0 = v
        case "tol": tol = try positiveParameter(name, value)
        case "probability":
            guard case .bool(let b) = value else { throw LearnError.badParameter(name: name, expected: "true or false") }
            probability = b
        case "decision_function_shape": decisionFunctionShape = try choiceParameter(name, value, ["ovr", "ovo"])
        default: throw unknownParameter(name)
        }
    }

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

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        // LIBSVM numbers classes by first appearance; scikit-learn's copy sorts them. Rows
        // grouped by class (stable, so each class keeps its order) make the two agree.
        let order = codes.indices.sorted { codes[$0] == codes[$1] ? $0 < $1 : codes[$0] < codes[$1] }
        let kernelType: Int32 = switch kernel {
        case "linear": Int32(LINEAR)
        case "poly": Int32(POLY)
        case "sigmoid": Int32(SIGMOID)
        default: Int32(RBF)
        }
        let parameter = svm_parameter(
            svm_type: Int32(C_SVC), kernel_type: kernelType, degree: Int32(degree), gamma: resolvedGamma(x),
            coef0: coef0, cache_size: Self.cacheSize, eps: tol, C: c, nr_weight: 0, weight_label: nil,
            weight: nil, nu: 0.5, p: 0.1, shrinking: 1, probability: probability ? 1 : 0)
        let rows = x.selecting(rows: order), labels = order.map { codes[$0] }
        let kernelSpec = SVMKernel(type: SVMKernel.Kind(rawValue: kernel) ?? .rbf, gamma: parameter.gamma, coef0: coef0, degree: degree)
        model = nil
        decision = nil
        if probability {
            model = try LibSVMModel(x: rows, y: labels, parameter: parameter)
        } else if rows.rows <= precomputedRowLimit {
            decision = try LibSVMModel(precomputed: rows, y: labels, parameter: parameter, kernel: kernelSpec)
                .decision(x: rows, kernel: kernelSpec)
        } else {
            decision = try LibSVMModel(x: rows, y: labels, parameter: parameter).decision(x: rows, kernel: kernelSpec)
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

extension SVC: Codable {
    enum CodingKeys: String, CodingKey {
        case c, kernel, degree, gamma, coef0, tol, probability, decisionFunctionShape, classes, nFeatures, libsvm, decision
    }

    /// Reads a saved model; the trained part is LIBSVM's own model text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        self.c = try c.decode(Double.self, forKey: .c)
        kernel = try c.decode(String.self, forKey: .kernel)
        degree = try c.decode(Int.self, forKey: .degree)
        gamma = try c.decode(ParameterValue.self, forKey: .gamma)
        coef0 = try c.decode(Double.self, forKey: .coef0)
        tol = try c.decode(Double.self, forKey: .tol)
        probability = try c.decode(Bool.self, forKey: .probability)
        decisionFunctionShape = try c.decode(String.self, forKey: .decisionFunctionShape)
        classes = try c.decodeIfPresent([Double].self, forKey: .classes)
        nFeatures = try c.decodeIfPresent(Int.self, forKey: .nFeatures) ?? 0
        decision = try c.decodeIfPresent(SVMDecision.self, forKey: .decision)
        if let text = try c.decodeIfPresent(String.self, forKey: .libsvm) {
            model = try LibSVMModel(text: text, nFeatures: nFeatures)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.c, forKey: .c)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(degree, forKey: .degree)
        try c.encode(gamma, forKey: .gamma)
        try c.encode(coef0, forKey: .coef0)
        try c.encode(tol, forKey: .tol)
        try c.encode(probability, forKey: .probability)
        try c.encode(decisionFunctionShape, forKey: .decisionFunctionShape)
        try c.encodeIfPresent(classes, forKey: .classes)
        try c.encode(nFeatures, forKey: .nFeatures)
        try c.encodeIfPresent(decision, forKey: .decision)
        if let model { try c.encode(try model.text(), forKey: .libsvm) }
    }
}
