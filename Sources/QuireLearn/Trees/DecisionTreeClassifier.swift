import Foundation

/// The settings shared by a tree and a forest, with scikit-learn's names; they differ only in
/// the default of `max_features`.
enum SharedTreeSettings {
    static func declarations(maxFeatures: ParameterValue) -> [Setting] {
        [
            Setting("criterion", .choice(["gini", "entropy"]), .string("gini"), doc: "How a split's quality is measured."),
            Setting("max_depth", .optional(.int(min: 1)), .none, doc: "The deepest a tree may grow; none grows until leaves are pure."),
            Setting("min_samples_split", .int(min: 2), .int(2), doc: "The fewest rows a node needs to be split."),
            Setting("min_samples_leaf", .int(min: 1), .int(1), doc: "The fewest rows each leaf must keep."),
            Setting("max_features",
                .optional(.oneOf([.choice(["sqrt", "log2"]), .int(min: 1), .fraction],
                    expected: "\"sqrt\", \"log2\", a count, a fraction or none")), maxFeatures,
                doc: "How many features each split considers: \"sqrt\", \"log2\", a count, a fraction, or none for all."),
        ]
    }

    static let randomState = Setting(
        "random_state", .optional(.int(min: 0)), .none, doc: "The seed of the random choices; none draws a new one each fit.")
}

extension Settings {
    /// The settings for `nFeatures` features, as scikit-learn resolves `max_features`.
    func tree(nFeatures: Int) throws -> TreeSettings {
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
        return TreeSettings(
            entropy: string("criterion") == "entropy", maxDepth: optionalInt("max_depth"),
            minSamplesSplit: int("min_samples_split"), minSamplesLeaf: int("min_samples_leaf"), maxFeatures: count)
    }

    /// The seed drawn for a model: the given random_state, or a random one.
    var seed: UInt32 { optionalInt("random_state").map { UInt32(truncatingIfNeeded: $0) } ?? UInt32.random(in: 0...UInt32.max) }
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
public struct DecisionTreeClassifier: Classifier, Savable, HasFeatureImportances {
    public static let declaredSettings = SharedTreeSettings.declarations(maxFeatures: .none) + [SharedTreeSettings.randomState]
    public var settings = Settings(Self.declaredSettings)
    public private(set) var classes: [Double]?
    var tree: TreeModel?
    var nFeatures = 0
    public private(set) var featureImportances: [Double]?

    public init() {}

    public var estimatorName: String { "DecisionTreeClassifier" }
    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        let classes = try checkTrainingData(x, y)
        let (tree, raw) = growTree(
            BinnedMatrix(x), classCodes(y, classes: classes), classCount: classes.count,
            settings: try settings.tree(nFeatures: x.cols), seed: settings.seed)
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
