import Foundation
import QuireSupport

/// What a tree is grown with: scikit-learn's stopping rules, resolved to counts.
struct TreeSettings: Sendable {
    var entropy = false
    var maxDepth: Int?
    var minSamplesSplit = 2
    var minSamplesLeaf = 1
    var maxFeatures: Int
}

/// Grows one CART tree on binned features, depth first: at each node the best split over
/// `maxFeatures` randomly drawn non-constant features, by Gini or entropy.
struct TreeBuilder {
    /// Impurity at or below this is treated as a pure node (scikit-learn's EPSILON).
    static let pureImpurity = Double.ulpOfOne

    let data: BinnedMatrix
    /// Class index of each row.
    let codes: [Int]
    let classCount: Int
    let settings: TreeSettings
    var rng: RandomState
    /// Rows taking part and their weights (bootstrap multiplicities).
    var samples: [Int]
    let weights: [Double]
    var tree: TreeModel
    /// Weighted impurity decrease gathered per feature.
    var importances: [Double]
    private var scratch: [Int]
    private var histogram: [Double]
    private var binSamples: [Int]

    init(data: BinnedMatrix, codes: [Int], classCount: Int, settings: TreeSettings, seed: UInt32, samples: [Int], weights: [Double]) {
        self.data = data
        self.codes = codes
        self.classCount = classCount
        self.settings = settings
        rng = RandomState(seed: seed)
        self.samples = samples
        self.weights = weights
        tree = TreeModel(classCount: classCount)
        importances = [Double](repeating: 0, count: data.cols)
        scratch = samples
        histogram = [Double](repeating: 0, count: BinnedMatrix.maxBins * classCount)
        binSamples = [Int](repeating: 0, count: BinnedMatrix.maxBins)
    }

    func impurity(_ counts: ArraySlice<Double>, _ total: Double) -> Double {
        guard total > 0 else { return 0 }
        if settings.entropy {
            var h = 0.0
            for c in counts where c > 0 {
                let p = c / total
                h -= p * log2(p)
            }
            return h
        }
        var sq = 0.0
        for c in counts { sq += c * c }
        return 1 - sq / (total * total)
    }

    private struct Candidate {
        var feature = -1
        var bin = 0
        var score = -Double.infinity
        var leftCounts: [Double] = []
        var leftWeight = 0.0
    }

    /// Grows the whole tree and returns it with its raw importances.
    mutating func build() -> (TreeModel, [Double]) {
        var counts = [Double](repeating: 0, count: classCount)
        for i in samples { counts[codes[i]] += weights[i] }
        // Nodes waiting to be grown: range of samples, depth, node id, class counts.
        var stack: [(start: Int, end: Int, depth: Int, node: Int, counts: [Double])] = []
        let root = tree.addNode(fractions: normalised(counts))
        stack.append((0, samples.count, 0, root, counts))
        while let item = stack.popLast() {
            // A stopped fit returns a partial tree; its caller throws before using it.
            if Cancellation.isCancelled { break }
            let total = item.counts.reduce(0, +)
            let nodeImpurity = impurity(item.counts[...], total)
            let n = item.end - item.start
            var isLeaf = n < settings.minSamplesSplit || n < 2 * settings.minSamplesLeaf
                || nodeImpurity <= Self.pureImpurity
            if let maxDepth = settings.maxDepth, item.depth >= maxDepth { isLeaf = true }
            if isLeaf { continue }
            guard let best = bestSplit(item.start, item.end, total) else { continue }
            let mid = partition(item.start, item.end, feature: best.feature, bin: best.bin)
            let rightCounts = zip(item.counts, best.leftCounts).map { $0 - $1 }
            let rightWeight = total - best.leftWeight
            let decrease = total * nodeImpurity - best.leftWeight * impurity(best.leftCounts[...], best.leftWeight)
                - rightWeight * impurity(rightCounts[...], rightWeight)
            importances[best.feature] += decrease
            tree.feature[item.node] = best.feature
            tree.threshold[item.node] = data.thresholds[best.feature][best.bin]
            let leftNode = tree.addNode(fractions: normalised(best.leftCounts))
            let rightNode = tree.addNode(fractions: normalised(rightCounts))
            tree.left[item.node] = leftNode
            tree.right[item.node] = rightNode
            stack.append((mid, item.end, item.depth + 1, rightNode, rightCounts))
            stack.append((item.start, mid, item.depth + 1, leftNode, best.leftCounts))
        }
        return (tree, importances)
    }

    private func normalised(_ counts: [Double]) -> [Double] {
        let total = counts.reduce(0, +)
        return total > 0 ? counts.map { $0 / total } : counts
    }

    /// The best split of the node's samples, or nil when no feature can split it.
    private mutating func bestSplit(_ start: Int, _ end: Int, _ total: Double) -> Candidate? {
        var features = Array(0..<data.cols)
        var best = Candidate()
        var visited = 0
        var drawn = 0
        while visited < settings.maxFeatures, drawn < features.count {
            // One step of Fisher-Yates: draw the next feature among those not drawn yet.
            let j = drawn + Int(rng.interval(UInt64(features.count - drawn - 1)))
            features.swapAt(drawn, j)
            let f = features[drawn]
            drawn += 1
            if evaluate(feature: f, start, end, total, &best) { visited += 1 }
        }
        return best.feature >= 0 ? best : nil
    }

    /// Scores every split of one feature; false when the feature is constant in the node.
    private mutating func evaluate(feature f: Int, _ start: Int, _ end: Int, _ total: Double, _ best: inout Candidate) -> Bool {
        let k = classCount
        let base = f * data.rows
        // The histogram is all zeros between calls; only bins low...high get written.
        var low = Int.max, high = -1
        for s in start..<end {
            let i = samples[s]
            let b = Int(data.codes[base + i])
            low = min(low, b)
            high = max(high, b)
            histogram[b * k + codes[i]] += weights[i]
            binSamples[b] += 1
        }
        if low == high { clearBins(low, high + 1); return false }
        var leftCounts = [Double](repeating: 0, count: k)
        var rightCounts = [Double](repeating: 0, count: k)
        var leftWeight = 0.0, leftN = 0
        let n = end - start
        for b in low...high {
            for c in 0..<k { rightCounts[c] += histogram[b * k + c] }
        }
        for b in low..<high {
            guard binSamples[b] > 0 else { continue }
            for c in 0..<k {
                let w = histogram[b * k + c]
                leftCounts[c] += w
                rightCounts[c] -= w
                leftWeight += w
            }
            leftN += binSamples[b]
            if leftN < settings.minSamplesLeaf { continue }
            if n - leftN < settings.minSamplesLeaf { break }
            let rightWeight = total - leftWeight
            let score = -(leftWeight * impurity(leftCounts[...], leftWeight) + rightWeight * impurity(rightCounts[...], rightWeight))
            if score > best.score {
                best = Candidate(feature: f, bin: b, score: score, leftCounts: leftCounts, leftWeight: leftWeight)
            }
        }
        clearBins(low, high + 1)
        return true
    }

    private mutating func clearBins(_ from: Int, _ to: Int) {
        guard from < to else { return }
        let k = classCount
        for b in from..<to {
            binSamples[b] = 0
            for c in 0..<k { histogram[b * k + c] = 0 }
        }
    }

    /// Puts the node's samples with bin <= `bin` first (keeping their order); returns the cut.
    private mutating func partition(_ start: Int, _ end: Int, feature f: Int, bin: Int) -> Int {
        let base = f * data.rows
        var next = start, spill = 0
        for s in start..<end {
            let i = samples[s]
            if Int(data.codes[base + i]) <= bin {
                samples[next] = i
                next += 1
            } else {
                scratch[spill] = i
                spill += 1
            }
        }
        for s in 0..<spill { samples[next + s] = scratch[s] }
        return next
    }
}
