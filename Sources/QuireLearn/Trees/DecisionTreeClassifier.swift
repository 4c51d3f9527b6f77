import Foundation
import QuireSupport

/// The hyperparameters shared by a tree and a forest, with scikit-learn's names.
public struct TreeParameters: Sendable, Equatable, Codable {
    public var criterion = "gini"
    public var maxDepth: Int?
    public var minSamplesSplit = 2
    public var minSamplesLeaf = 1
    /// "sqrt", "log2", an int, a fraction, or none (every feature).
    public var maxFeatures: ParameterValue
    public var randomState: Int?

    func hyperParameters(maxFeaturesDefault: ParameterValue) -> [HyperParameter] {
        [
            HyperParameter("criterion", .string(criterion), .string("gini")),
            HyperParameter("max_depth", maxDepth.map { .int($0) } ?? .none, .none),
            HyperParameter("min_samples_split", .int(minSamplesSplit), .int(2)),
            HyperParameter("min_samples_leaf", .int(minSamplesLeaf), .int(1)),
            HyperParameter("max_features", maxFeatures, maxFeaturesDefault),
            HyperParameter("random_state", randomState.map { .int($0) } ?? .none, .none),
        ]
    }

    /// Sets one of the shared parameters; false when `name` is not one of them.
    mutating func set(_ name: String, _ value: ParameterValue) throws -> Bool {
        switch name {
        case "criterion": criterion = try choiceParameter(name, value, ["gini", "entropy"])
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
        default: return false
        }
        return true
    }

    /// The settings for `nFeatures` features, as scikit-learn resolves `max_features`.
    func settings(nFeatures: Int) throws -> TreeSettings {
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
        return TreeSettings(
            entropy: criterion == "entropy", maxDepth: maxDepth, minSamplesSplit: minSamplesSplit,
            minSamplesLeaf: minSamplesLeaf, maxFeatures: count)
    }

    /// The seed drawn for a model: the given random_state, or a random one.
    var seed: UInt32 { randomState.map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.random(in: 0...UInt32.max) }
}

/// Grows one tree on all rows with weight 1; `(tree, importances)`.
func growTree(_ data: BinnedMatrix, _ codes: [Int], classCount: Int, settings: TreeSettings, seed: UInt32, counts: [Int]? = nil) -> (TreeModel, [Double]) {
    var samples: [Int] = []
    var weights = [Double](repeating: 0, count: data.rows)
    if let counts {
        for (i, c) in counts.enumerated() where c > 0 {
            samples.append(i)
            weights[i] = Double(c)
        }
    } else {
        samples = Array(0..<data.rows)
        weights = [Double](repeating: 1, count: data.rows)
    }
    var builder = TreeBuilder(
        data: data, codes: codes, classCount: classCount, settings: settings, seed: seed, samples: samples, weights: weights)
    return builder.build()
}

/// Importances scaled to sum to one (all zeros stay zeros).
func normalisedImportances(_ raw: [Double]) -> [Double] {
    let total = raw.reduce(0, +)
    return total > 0 ? raw.map { $0 / total } : raw
}

/// A CART classification tree with scikit-learn's parameters.
public struct DecisionTreeClassifier: Classifier, Codable {
    public var parameters = TreeParameters(maxFeatures: .none)
    public private(set) var classes: [Double]?
    var tree: TreeModel?
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
        let settings = try parameters.settings(nFeatures: x.cols)
        let (tree, raw) = growTree(
            BinnedMatrix(x), classCodes(y, classes: classes), classCount: classes.count, settings: settings,
            seed: parameters.seed)
        try Cancellation.check()
        self.tree = tree
        featureImportances = normalisedImportances(raw)
        nFeatures = x.cols
        self.classes = classes
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        guard let classes, let tree else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        var out = [Double](repeating: 0, count: x.rows * classes.count)
        for i in 0..<x.rows { tree.accumulate(x.row(i), into: &out, at: i * classes.count) }
        return Matrix(rows: x.rows, cols: classes.count, values: out)
    }

    public func predict(_ x: Matrix) throws -> [Double] { try predictByProbability(x) }
}
