import Foundation
import QuireSupport

/// A random forest as scikit-learn grows it: per-tree seeds drawn from `RandomState(random_state)`,
/// bootstrap rows drawn from `RandomState(seed)`, trees grown in parallel on every core, and
/// predictions that average the trees' class probabilities.
public struct RandomForestClassifier: Classifier, Codable {
    /// scikit-learn draws tree seeds below numpy's int32 maximum.
    static let maxSeed = Int(Int32.max)

    public var nEstimators = 100
    public var bootstrap = true
    public var parameters = TreeParameters(maxFeatures: .string("sqrt"))
    public private(set) var classes: [Double]?
    var trees: [TreeModel] = []
    var nFeatures = 0
    public private(set) var featureImportances: [Double]?

    public init() {}

    public var estimatorName: String { "RandomForestClassifier" }
    public var hyperParameters: [HyperParameter] {
        [HyperParameter("n_estimators", .int(nEstimators), .int(100))]
            + parameters.hyperParameters(maxFeaturesDefault: .string("sqrt"))
            + [HyperParameter("bootstrap", .bool(bootstrap), .bool(true))]
    }

    public mutating func set(_ name: String, _ value: ParameterValue) throws {
        switch name {
        case "n_estimators": nEstimators = try intParameter(name, value, minimum: 1)
        case "bootstrap":
            guard case .bool(let b) = value else { throw LearnError.badParameter(name: name, expected: "true or false") }
            bootstrap = b
        default:
            guard try parameters.set(name, value) else { throw unknownParameter(name) }
        }
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws { try fit(x, y, progress: nil) }

    /// Trains, calling `progress(done, total)` after each tree (from any thread).
    public mutating func fit(_ x: Matrix, _ y: [Double], progress: (@Sendable (Int, Int) -> Void)?) throws {
        let classes = try checkTrainingData(x, y)
        let settings = try parameters.settings(nFeatures: x.cols)
        let codes = classCodes(y, classes: classes)
        let data = BinnedMatrix(x)
        var rng = RandomState(seed: parameters.seed)
        let seeds = (0..<nEstimators).map { _ in UInt32(rng.randint(0, Self.maxSeed)) }
        let n = x.rows, k = classes.count, bootstrap = self.bootstrap
        let results = TreeResults(count: nEstimators)
        Parallel.forEach(nEstimators, chunks: nEstimators) { t, _ in
            var counts: [Int]?
            if bootstrap {
                var draws = RandomState(seed: seeds[t])
                var c = [Int](repeating: 0, count: n)
                for _ in 0..<n { c[draws.randint(0, n)] += 1 }
                counts = c
            }
            let grown = growTree(data, codes, classCount: k, settings: settings, seed: seeds[t], counts: counts)
            let done = results.store(t, grown)
            progress?(done, results.count)
        }
        try Cancellation.check()
        trees = results.trees.map { $0!.0 }
        var importances = [Double](repeating: 0, count: x.cols)
        for (_, raw) in results.trees.map({ $0! }) {
            for (f, v) in normalisedImportances(raw).enumerated() { importances[f] += v }
        }
        featureImportances = normalisedImportances(importances.map { $0 / Double(nEstimators) })
        nFeatures = x.cols
        self.classes = classes
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        guard let classes, !trees.isEmpty else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(nFeatures)
        let k = classes.count, rows = x.rows
        var out = [Double](repeating: 0, count: rows * k)
        let trees = self.trees
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedSendableBuffer(buffer)
            Parallel.forEach(rows) { _, range in
                var sums = [Double](repeating: 0, count: k)
                for i in range {
                    if Cancellation.isCancelled { break }
                    for c in 0..<k { sums[c] = 0 }
                    for tree in trees { tree.accumulate(x.row(i), into: &sums, at: 0) }
                    for c in 0..<k { shared[i * k + c] = sums[c] / Double(trees.count) }
                }
            }
        }
        return Matrix(rows: rows, cols: k, values: out)
    }

    public func predict(_ x: Matrix) throws -> [Double] { try predictByProbability(x) }
}

/// Trees finished by the worker threads, and how many are done.
///
/// `@unchecked Sendable`: every access goes through the lock.
final class TreeResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var trees: [(TreeModel, [Double])?]
    private var done = 0
    let count: Int

    init(count: Int) {
        self.count = count
        trees = Array(repeating: nil, count: count)
    }

    /// Stores tree `index`; returns how many trees are done.
    func store(_ index: Int, _ tree: (TreeModel, [Double])) -> Int {
        lock.lock()
        defer { lock.unlock() }
        trees[index] = tree
        done += 1
        return done
    }
}
