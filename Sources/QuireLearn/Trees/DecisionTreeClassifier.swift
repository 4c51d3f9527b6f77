import Foundation
import QuireSupport

/// The settings shared by a tree and a forest, with scikit-learn's names; they differ in the
/// default of `max_features` and in the `class_weight` values they take.
enum SharedTreeSettings {
    static func declarations(maxFeatures: ParameterValue, classWeights: [String]) -> [Setting] {
        [
            Setting("criterion", .choice(["gini", "entropy", "log_loss"]), .string("gini"), doc: "How a split's quality is measured."),
            Setting("max_depth", .optional(.int(min: 1)), .none, doc: "The deepest a tree may grow; none grows until leaves are pure."),
            Setting("min_samples_split", .int(min: 2), .int(2), doc: "The fewest rows a node needs to be split."),
            Setting("min_samples_leaf", .int(min: 1), .int(1), doc: "The fewest rows each leaf must keep."),
            Setting("min_weight_fraction_leaf", .number(min: 0), .double(0),
                doc: "The smallest share of the total sample weight each leaf must keep (at most 0.5)."),
            Setting("max_features",
                .optional(.oneOf([.choice(["sqrt", "log2"]), .int(min: 1), .fraction],
                    expected: "\"sqrt\", \"log2\", a count, a fraction or none")), maxFeatures,
                doc: "How many features each split considers: \"sqrt\", \"log2\", a count, a fraction, or none for all."),
            Setting("max_leaf_nodes", .optional(.int(min: 2)), .none,
                doc: "Grows best first with at most this many leaves; none grows depth first without a limit."),
            Setting("min_impurity_decrease", .number(min: 0), .double(0),
                doc: "A split must decrease the weighted impurity by at least this much."),
            Setting("class_weight",
                .optional(.oneOf([.choice(classWeights), .classWeights],
                    expected: classWeights.map { "\"\($0)\"" }.joined(separator: ", ") + ", a dict of class weights or none")),
                .none,
                doc: "\"balanced\" weighs each class by the inverse of its frequency, a dict such as {0: 1, 1: 5} "
                    + "gives each class its weight (1 for those it leaves out); none weighs every row alike."),
        ]
    }

    static let randomState = Setting(
        "random_state", .optional(.int(min: 0)), .none, doc: "The seed of the random choices; none draws a new one each fit.")
}

extension Settings {
    /// The settings for `nFeatures` features, as scikit-learn resolves them (`max_features`,
    /// `max_depth` none, `min_samples_split` at least twice `min_samples_leaf`).
    func tree(nFeatures: Int) throws -> ExactTreeSettings {
        let count: Int
        switch self["max_features"] {
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
        guard double("min_weight_fraction_leaf") <= 0.5 else {
            throw LearnError.badParameter(name: "min_weight_fraction_leaf", expected: "a fraction from 0 to 0.5")
        }
        let leafSamples = int("min_samples_leaf")
        return ExactTreeSettings(
            criterion: string("criterion") == "gini" ? .gini : .entropy, maxDepth: optionalInt("max_depth") ?? Int(Int32.max),
            minSamplesSplit: max(int("min_samples_split"), 2 * leafSamples), minSamplesLeaf: leafSamples,
            maxFeatures: count, maxLeafNodes: optionalInt("max_leaf_nodes"), minImpurityDecrease: double("min_impurity_decrease"))
    }

    /// The settings for one tree fitted with these sample weights (nil: all 1): the leaf weight
    /// limit is `min_weight_fraction_leaf` of their numpy sum.
    func tree(nFeatures: Int, weights: [Double]?, rows: Int) throws -> ExactTreeSettings {
        var s = try tree(nFeatures: nFeatures)
        s.minWeightLeaf = double("min_weight_fraction_leaf") * (weights.map { PairwiseSum.numpyTotal($0) } ?? Double(rows))
        return s
    }

    /// The seed drawn for a model: the given random_state, or a random one.
    var seed: UInt32 { optionalInt("random_state").map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.random(in: 0...UInt32.max) }
}

/// Sample weights from `class_weight`, as scikit-learn's `compute_sample_weight`: "balanced"
/// (and "balanced_subsample" where it means the same) from the class counts, a dict from its
/// entries (1 for each class it does not name); nil for none.
func classWeightedSamples(_ setting: ParameterValue, codes: [Int], classes: [Double]) throws -> [Double]? {
    switch setting {
    case .none: return nil
    case .classWeights(let entries):
        let perClass = try dictClassWeights(entries, classes: classes)
        return codes.map { perClass[$0] }
    default: return balancedWeights(codes, classCount: classes.count)
    }
}

/// The weight of each class from a `class_weight` dict (`compute_class_weight`): a class the
/// dict does not name weighs 1; when some do not and the dict names labels that are not
/// classes, it is an error, as in scikit-learn.
func dictClassWeights(_ entries: [ClassWeight], classes: [Double]) throws -> [Double] {
    var weights = [Double](repeating: 1, count: classes.count)
    var unweighted: [Double] = []
    for (i, c) in classes.enumerated() {
        if let entry = entries.first(where: { $0.label.classValue == c }) {
            weights[i] = entry.weight.asDouble ?? 1
        } else {
            unweighted.append(c)
        }
    }
    if !unweighted.isEmpty && classes.count - unweighted.count != entries.count {
        throw LearnError.classesNotWeighted(unweighted)
    }
    return weights
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
public struct DecisionTreeClassifier: Classifier, Savable, HasFeatureImportances {
    public static let declaredSettings =
        SharedTreeSettings.declarations(maxFeatures: .none, classWeights: ["balanced"]) + [SharedTreeSettings.randomState]
    public var settings = Settings(Self.declaredSettings)
    public private(set) var classes: [Double]?
    var tree: TreeModel?
    /// Impurity and sample counts per node (absent in models saved before they were kept).
    public internal(set) var details: TreeNodeDetails?
    var nFeatures = 0
    public private(set) var featureImportances: [Double]?

    public init() {}

    public var estimatorName: String { "DecisionTreeClassifier" }
    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let weights = try classWeightedSamples(settings["class_weight"], codes: codes, classes: classes)
        let grown = growExactTree(
            TreeFeatures(x), codes, classCount: classes.count, settings: try settings.tree(nFeatures: x.cols, weights: weights, rows: x.rows),
            seed: settings.seed, weights: weights)
        try Cancellation.check()
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
