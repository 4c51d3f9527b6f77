import Foundation

/// The hyperparameters shared by a tree and a forest, with scikit-learn's names.
public struct TreeParameters: Sendable, Equatable, Codable {
    public var criterion = "gini"
    public var maxDepth: Int?
    public var minSamplesSplit = 2
    public var minSamplesLeaf = 1
    /// "sqrt", "log2", an int, a fraction, or none (every feature).
    public var maxFeatures: ParameterValue
    public var randomState: Int?
    // Optional so that models saved before these settings existed still load.
    public var minWeightFractionLeaf: Double?
    public var maxLeafNodes: Int?
    public var minImpurityDecrease: Double?
    /// "balanced" (and, for a forest, "balanced_subsample"), or none.
    public var classWeight: String?

    func hyperParameters(maxFeaturesDefault: ParameterValue) -> [HyperParameter] {
        [
            HyperParameter("criterion", .string(criterion), .string("gini")),
            HyperParameter("max_depth", maxDepth.map { .int($0) } ?? .none, .none),
            HyperParameter("min_samples_split", .int(minSamplesSplit), .int(2)),
            HyperParameter("min_samples_leaf", .int(minSamplesLeaf), .int(1)),
            HyperParameter("max_features", maxFeatures, maxFeaturesDefault),
            HyperParameter("random_state", randomState.map { .int($0) } ?? .none, .none),
            HyperParameter("min_weight_fraction_leaf", .double(minWeightFractionLeaf ?? 0), .double(0)),
            HyperParameter("max_leaf_nodes", maxLeafNodes.map { .int($0) } ?? .none, .none),
            HyperParameter("min_impurity_decrease", .double(minImpurityDecrease ?? 0), .double(0)),
            HyperParameter("class_weight", classWeight.map { .string($0) } ?? .none, .none),
        ]
    }

    /// Sets one of the shared parameters; false when `name` is not one of them.
    mutating func set(_ name: String, _ value: ParameterValue) throws -> Bool {
        switch name {
        case "criterion": criterion = try choiceParameter(name, value, ["gini", "entropy", "log_loss"])
        case "max_depth": maxDepth = value == .none ? nil : try intParameter(name, value, minimum: 1)
        case "min_samples_split": minSamplesSplit = try intParameter(name, value, minimum: 2)
        case "min_samples_leaf": minSamplesLeaf = try intParameter(name, value, minimum: 1)
        case "max_features":
            switch value {
            case .none: maxFeatures = .none
            case .string: maxFeatures = .string(try choiceParameter(name, value, ["sqrt", "log2"]))
            case .int(let i) where i >= 1: maxFeatures = value
            case .double(let d) where d > 0 && d <= 1: maxFeatures = value
            default:
                throw LearnError.badParameter(name: name, expected: "\"sqrt\", \"log2\", a count, a fraction or none")
            }
        case "random_state":
            randomState = value == .none ? nil : try intParameter(name, value, minimum: 0)
        case "min_weight_fraction_leaf":
            let f = try positiveParameter(name, value, allowZero: true)
            guard f <= 0.5 else { throw LearnError.badParameter(name: name, expected: "a fraction from 0 to 0.5") }
            minWeightFractionLeaf = f
        case "max_leaf_nodes": maxLeafNodes = value == .none ? nil : try intParameter(name, value, minimum: 2)
        case "min_impurity_decrease": minImpurityDecrease = try positiveParameter(name, value, allowZero: true)
        case "class_weight":
            classWeight = value == .none ? nil : try choiceParameter(name, value, classWeightChoices)
        default: return false
        }
        return true
    }

    /// The class_weight values a tree takes (a forest adds "balanced_subsample").
    var classWeightChoices: [String] = ["balanced"]

    /// The settings for `nFeatures` features, as scikit-learn resolves them (`max_features`,
    /// `max_depth` none, `min_samples_split` at least twice `min_samples_leaf`).
    func settings(nFeatures: Int) throws -> ExactTreeSettings {
        let count: Int
        switch maxFeatures {
        case .string("sqrt"): count = max(1, Int(Double(nFeatures).squareRoot()))
        case .string("log2"): count = max(1, Int(log2(Double(nFeatures))))
        case .int(let i):
            guard i <= nFeatures else {
                throw LearnError.badParameter(name: "max_features", expected: "at most the \(nFeatures) features")
            }
            count = i
        case .double(let d): count = max(1, Int(d * Double(nFeatures)))
        default: count = nFeatures
        }
        return ExactTreeSettings(
            criterion: criterion == "gini" ? .gini : .entropy, maxDepth: maxDepth ?? Int(Int32.max),
            minSamplesSplit: max(minSamplesSplit, 2 * minSamplesLeaf), minSamplesLeaf: minSamplesLeaf,
            maxFeatures: count, maxLeafNodes: maxLeafNodes, minImpurityDecrease: minImpurityDecrease ?? 0)
    }

    /// The settings for one tree fitted with these sample weights (nil: all 1): the leaf weight
    /// limit is `min_weight_fraction_leaf` of their numpy sum.
    func settings(nFeatures: Int, weights: [Double]?, rows: Int) throws -> ExactTreeSettings {
        var s = try settings(nFeatures: nFeatures)
        let fraction = minWeightFractionLeaf ?? 0
        s.minWeightLeaf = fraction * (weights.map { numpySum($0[...]) } ?? Double(rows))
        return s
    }

    /// The seed drawn for a model: the given random_state, or a random one.
    var seed: UInt32 { randomState.map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.random(in: 0...UInt32.max) }
}

/// scikit-learn's "balanced" sample weights, `n / (classes * count of the sample's class)`,
/// counted over `indices` when given (a bootstrap sample, with repeats); classes absent from
/// those get weight 0.
func balancedWeights(_ codes: [Int], classCount: Int, indices: [Int]? = nil) -> [Double] {
    var counts = [Int](repeating: 0, count: classCount)
    let drawn = indices ?? Array(codes.indices)
    for i in drawn { counts[codes[i]] += 1 }
    let present = counts.filter { $0 > 0 }.count
    let per = counts.map { $0 > 0 ? Double(drawn.count) / (Double(present) * Double($0)) : 0 }
    return codes.map { per[$0] }
}

/// Grows one exact tree (scikit-learn's algorithm) with sample weights, if any.
func growExactTree(
    _ x: TreeFeatures, _ codes: [Int], classCount: Int, settings: ExactTreeSettings, seed: UInt32, weights: [Double]?
) -> GrownTree {
    var builder = ExactTreeBuilder(
        x: x, codes: codes, weights: weights, classCount: classCount, settings: settings,
        random: TreeRandom(treeSeed: seed))
    _ = builder.build()
    return builder.grown
}

/// A CART classification tree with scikit-learn's parameters.
public struct DecisionTreeClassifier: Classifier, Codable {
    public var parameters = TreeParameters(maxFeatures: .none)
    public private(set) var classes: [Double]?
    var tree: TreeModel?
    /// Impurity and sample counts per node (absent in models saved before they were kept).
    public internal(set) var details: TreeNodeDetails?
    var nFeatures = 0
    public private(set) var featureImportances: [Double]?

    public init() {}

    public var estimatorName: String { "DecisionTreeClassifier" }
    public var hyperParameters: [HyperParameter] { parameters.hyperParameters(maxFeaturesDefault: .none) }

    public mutating func set(_ name: String, _ value: ParameterValue) throws {
        guard try parameters.set(name, value) else { throw unknownParameter(name) }
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let weights = parameters.classWeight == nil ? nil : balancedWeights(codes, classCount: classes.count)
        let settings = try parameters.settings(nFeatures: x.cols, weights: weights, rows: x.rows)
        let grown = growExactTree(
            TreeFeatures(x), codes, classCount: classes.count, settings: settings, seed: parameters.seed, weights: weights)
        self.tree = grown.model
        details = TreeNodeDetails(impurity: grown.impurity, samples: grown.nodeSamples, weightedSamples: grown.weightedNodeSamples)
        featureImportances = grown.featureImportances(features: x.cols)
        nFeatures = x.cols
        self.classes = classes
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        guard let classes, let tree else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        var out = [Double](repeating: 0, count: x.rows * classes.count)
        for i in 0..<x.rows { tree.accumulate(x.row(i), into: &out, at: i * classes.count) }
        normaliseRows(&out, width: classes.count)
        return Matrix(rows: x.rows, cols: classes.count, values: out)
    }

    public func predict(_ x: Matrix) throws -> [Double] { try predictByProbability(x) }
}
