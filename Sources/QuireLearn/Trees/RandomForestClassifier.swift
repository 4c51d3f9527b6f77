import Foundation
import QuireSupport

/// A random forest as scikit-learn grows it: per-tree seeds drawn from `RandomState(random_state)`,
/// bootstrap rows drawn from `RandomState(seed)`, trees grown in parallel on every core, and
/// predictions that average the trees' class probabilities.
public struct RandomForestClassifier: Classifier, Savable, ReportsProgress, HasFeatureImportances {
    /// scikit-learn draws tree seeds below numpy's int32 maximum.
    static let maxSeed = Int(Int32.max)

    public static let declaredSettings =
        // More than 100000 trees is surely a typo: the seeds of 2**63 trees would be allocated
        // before the first was grown (scikit-learn has no limit, and would hang).
        [Setting("n_estimators", .intRange(min: 1, max: 100_000), .int(100), doc: "How many trees to grow.")]
        + SharedTreeSettings.declarations(maxFeatures: .string("sqrt"), classWeights: ["balanced", "balanced_subsample"])
        + [
            Setting("bootstrap", .bool, .bool(true), doc: "Whether each tree trains on a bootstrap sample of the rows."),
            Setting("max_samples",
                .optional(.oneOf([.int(min: 1), .fraction], expected: "none, a count of rows or a fraction from 0 to 1")), .none,
                doc: "How many rows each tree draws: none for as many as there are, a count, or a fraction."),
            Setting("oob_score", .bool, .bool(false), doc: "Whether to score each row with the trees that did not draw it."),
            Setting("n_jobs", .optional(.int(min: -1)), .none, doc: "Trees trained at once: none or -1 for every core, 1 for one at a time."),
            SharedTreeSettings.randomState,
        ]
    public var settings = Settings(Self.declaredSettings)
    var nEstimators: Int { settings.int("n_estimators") }
    var bootstrap: Bool { settings.bool("bootstrap") }
    var maxSamples: ParameterValue { settings["max_samples"] }
    var oobScore: Bool { settings.bool("oob_score") }
    var nJobs: Int? { settings.optionalInt("n_jobs") }
    public private(set) var classes: [Double]?
    var trees: [TreeModel] = []
    var nFeatures = 0
    public private(set) var featureImportances: [Double]?
    /// With `oob_score`: the accuracy on the rows each tree did not see, and their probabilities.
    public private(set) var oobScoreValue: Double?
    public private(set) var oobDecisionFunction: Matrix?

    public init() {}

    public var estimatorName: String { "RandomForestClassifier" }
    public var progressNoun: String { "trees" }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws { try fit(x, y, progress: nil) }

    /// Trains, calling `progress(done, total)` after each tree (from any thread).
    public mutating func fit(_ x: Matrix, _ y: [Double], progress: (@Sendable (Int, Int) -> Void)?) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let data = TreeFeatures(x)
        var rng = RandomState(seed: settings.seed)
        let seeds = (0..<nEstimators).map { _ in UInt32(rng.randint(0, Self.maxSeed)) }
        let n = x.rows, k = classes.count, bootstrap = self.bootstrap
        if nJobs == 0 { throw LearnError.badParameter(name: "n_jobs", expected: "none, -1 (every core) or a positive count") }
        if oobScore, !bootstrap {
            throw LearnError.badParameter(name: "oob_score", expected: "false when bootstrap is false (every tree sees every row)")
        }
        // "balanced_subsample" weighs each bootstrap sample on its own; without bootstrap it is "balanced".
        let subsample = settings["class_weight"] == .string("balanced_subsample") && bootstrap
        let classWeights = subsample ? nil : try classWeightedSamples(settings["class_weight"], codes: codes, classes: classes)
        let draws = try bootstrapCount(rows: n, weights: classWeights)
        let settings = self.settings
        let results = TreeResults(count: nEstimators)
        let fitTree: @Sendable (Int) throws -> Void = { t in
            var weights = classWeights
            if bootstrap {
                // As scikit-learn 1.9: class weights decide how likely a row is drawn; the
                // tree's sample weights are the draw counts.
                let indices = Self.sampleIndices(seed: seeds[t], rows: n, draws: draws, weights: classWeights)
                var counts = [Double](repeating: 0, count: n)
                for i in indices { counts[i] += 1 }
                if subsample {
                    let balanced = balancedWeights(codes, classCount: k, indices: indices)
                    for i in 0..<n { counts[i] *= balanced[i] }
                }
                weights = counts
            }
            let treeSettings = try settings.tree(nFeatures: x.cols, weights: weights, rows: n)
            let grown = growExactTree(data, codes, classCount: k, settings: treeSettings, seed: seeds[t], weights: weights)
            let done = results.store(t, grown)
            progress?(done, results.count)
        }
        _ = try settings.tree(nFeatures: x.cols)  // report a bad setting before any work
        if nJobs == 1 {
            for t in 0..<nEstimators { try fitTree(t) }
        } else {
            Parallel.forEach(nEstimators, chunks: nEstimators) { t, _ in try? fitTree(t) }
        }
        // A stopped fit leaves some trees unfinished; none of them is kept.
        try Cancellation.check()
        let grown = results.trees.map { $0! }
        trees = grown.map(\.model)
        featureImportances = Self.meanImportances(grown, features: x.cols)
        nFeatures = x.cols
        self.classes = classes
        if oobScore {
            try computeOutOfBag(x, codes: codes, seeds: seeds, draws: draws, weights: classWeights)
        } else {
            oobScoreValue = nil
            oobDecisionFunction = nil
        }
    }

    /// How many rows each tree draws (`_get_n_samples_bootstrap`): a fraction counts the rows,
    /// or the sum of the sample weights when there are some.
    func bootstrapCount(rows: Int, weights: [Double]?) throws -> Int {
        switch maxSamples {
        case .int(let i): return i
        case .double(let d): return max(Int(d * (weights.map { PairwiseSum.numpyTotal($0) } ?? Double(rows))), 1)
        default: return rows
        }
    }

    /// The rows tree `seed` draws (`_generate_sample_indices`): `RandomState(seed).randint(0,
    /// rows, draws)`, or, with sample weights, `choice(rows, draws, p=weights / sum)`.
    static func sampleIndices(seed: UInt32, rows: Int, draws: Int, weights: [Double]?) -> [Int] {
        var rng = RandomState(seed: seed)
        guard let weights else { return (0..<draws).map { _ in rng.randint(0, rows) } }
        let total = PairwiseSum.numpyTotal(weights)
        var cdf = [Double](repeating: 0, count: rows)
        var running = 0.0
        for i in 0..<rows {
            running += weights[i] / total
            cdf[i] = running
        }
        let last = cdf[rows - 1]
        for i in 0..<rows { cdf[i] /= last }
        return (0..<draws).map { _ in
            // searchsorted(side="right"): the first position whose value is above u.
            let u = rng.randomSample()
            var lo = 0, hi = rows
            while lo < hi {
                let mid = (lo + hi) / 2
                if cdf[mid] <= u { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// scikit-learn's out-of-bag estimate: each row predicted by the trees that did not draw it.
    private mutating func computeOutOfBag(_ x: Matrix, codes: [Int], seeds: [UInt32], draws: Int, weights: [Double]?) throws {
        let n = x.rows, k = classes?.count ?? 0
        var sums = [Double](repeating: 0, count: n * k)
        var votes = [Int](repeating: 0, count: n)
        var one = [Double](repeating: 0, count: k)
        for (t, tree) in trees.enumerated() {
            try Cancellation.check()
            var drawn = [Bool](repeating: false, count: n)
            for i in Self.sampleIndices(seed: seeds[t], rows: n, draws: draws, weights: weights) { drawn[i] = true }
            for i in 0..<n where !drawn[i] {
                for c in 0..<k { one[c] = 0 }
                tree.accumulate(x.row(i), into: &one, at: 0)
                normaliseRows(&one, width: k)
                for c in 0..<k { sums[i * k + c] += one[c] }
                votes[i] += 1
            }
        }
        var correct = 0
        for i in 0..<n {
            let v = Double(max(votes[i], 1))
            for c in 0..<k { sums[i * k + c] /= v }
            if argmax(sums[(i * k)..<(i * k + k)]) == codes[i] { correct += 1 }
        }
        oobDecisionFunction = Matrix(rows: n, cols: k, values: sums)
        oobScoreValue = Double(correct) / Double(n)
    }

    /// scikit-learn's forest importances: the mean of the trees' normalised importances (trees
    /// that are a single leaf left out), normalised again.
    static func meanImportances(_ trees: [GrownTree], features: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: features)
        var count = 0
        for tree in trees where tree.model.feature.count > 1 {
            count += 1
            for (f, v) in tree.featureImportances(features: features).enumerated() { sum[f] += v }
        }
        guard count > 0 else { return sum }
        let mean = sum.map { $0 / Double(count) }
        let total = mean.reduce(0, +)
        return total > 0 ? mean.map { $0 / total } : mean
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
                var one = [Double](repeating: 0, count: k)
                for i in range {
                    if Cancellation.isCancelled { break }
                    for c in 0..<k { sums[c] = 0 }
                    // Each tree's probabilities (its leaf's fractions, normalised), summed in
                    // tree order, then divided by the number of trees.
                    for tree in trees {
                        for c in 0..<k { one[c] = 0 }
                        tree.accumulate(x.row(i), into: &one, at: 0)
                        normaliseRows(&one, width: k)
                        for c in 0..<k { sums[c] += one[c] }
                    }
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
    private(set) var trees: [GrownTree?]
    private var done = 0
    let count: Int

    init(count: Int) {
        self.count = count
        trees = Array(repeating: nil, count: count)
    }

    /// Stores tree `index`; returns how many trees are done.
    func store(_ index: Int, _ tree: GrownTree) -> Int {
        lock.lock()
        defer { lock.unlock() }
        trees[index] = tree
        done += 1
        return done
    }
}
