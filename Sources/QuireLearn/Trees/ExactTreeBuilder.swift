import Foundation
import QuireSupport

/// scikit-learn's generator for trees (`our_rand_r` in `sklearn/tree/_utils`): a 32-bit xorshift
/// whose outputs are reduced below 2^31. A tree seeds it with `RandomState(seed).randint(0, 2^31 - 1)`.
struct TreeRandom: Sendable {
    static let randRMax: UInt32 = 0x7FFF_FFFF
    private(set) var state: UInt32

    init(seed: UInt32) { state = seed }

    /// The seed scikit-learn's splitter draws from the tree's `random_state`.
    init(treeSeed: UInt32) {
        var rng = RandomState(seed: treeSeed)
        self.init(seed: UInt32(rng.randint(0, Int(Self.randRMax))))
    }

    mutating func next() -> UInt32 {
        if state == 0 { state = 1 }
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return state % (Self.randRMax + 1)
    }

    /// A number in `low..<high` (`rand_int`).
    mutating func int(_ low: Int, _ high: Int) -> Int { low + Int(next()) % (high - low) }
}

/// How an exact tree is grown: scikit-learn's stopping rules, resolved to numbers.
struct ExactTreeSettings: Sendable {
    enum Criterion: Sendable { case gini, entropy }
    var criterion = Criterion.gini
    /// `max_depth`; scikit-learn uses the int32 maximum for none.
    var maxDepth = Int(Int32.max)
    /// Already raised to at least `2 * minSamplesLeaf`, as scikit-learn does.
    var minSamplesSplit = 2
    var minSamplesLeaf = 1
    /// `min_weight_fraction_leaf` times the total sample weight.
    var minWeightLeaf = 0.0
    var maxFeatures: Int
    /// Grows best first with at most this many leaves; nil grows depth first.
    var maxLeafNodes: Int?
    var minImpurityDecrease = 0.0
}

/// The features of a table as scikit-learn's trees see them: float32, one column after another.
struct TreeFeatures: Sendable {
    let rows: Int
    let cols: Int
    /// Column `f` holds rows `f * rows ..< (f + 1) * rows`.
    let values: [Float]
    /// For each column, the rows in the order of their values (ties by row): sorted once for
    /// every tree of a forest.
    let order: [Int32]
    /// `values` in the order of `order`, column by column.
    let sortedValues: [Float]

    init(_ x: Matrix) {
        rows = x.rows
        cols = x.cols
        var v = [Float](repeating: 0, count: x.rows * x.cols)
        for i in 0..<x.rows {
            for f in 0..<x.cols { v[f * x.rows + i] = Float(x.values[i * x.cols + f]) }
        }
        values = v
        var order = [Int32](repeating: 0, count: x.rows * x.cols)
        for f in 0..<x.cols {
            let base = f * x.rows
            let sorted = (0..<x.rows).sorted { a, b in v[base + a] < v[base + b] || (v[base + a] == v[base + b] && a < b) }
            for (i, r) in sorted.enumerated() { order[base + i] = Int32(r) }
        }
        self.order = order
        sortedValues = (0..<(x.rows * x.cols)).map { v[($0 / x.rows) * x.rows + Int(order[$0])] }
    }

    @inline(__always) func value(_ row: Int, _ feature: Int) -> Float { values[feature * rows + row] }
}

/// A grown tree with what scikit-learn keeps per node beyond the model: impurity and weights,
/// for feature importances and for drawing the tree.
struct GrownTree: Sendable {
    var model: TreeModel
    var impurity: [Double]
    var nodeSamples: [Int]
    var weightedNodeSamples: [Double]

    /// Mean decrease in impurity per feature, normalised to sum to one (scikit-learn's
    /// `compute_feature_importances(normalize=True)`).
    func featureImportances(features: Int) -> [Double] {
        var out = [Double](repeating: 0, count: features)
        for node in 0..<model.feature.count where model.left[node] >= 0 {
            let l = model.left[node], r = model.right[node]
            out[model.feature[node]] +=
                weightedNodeSamples[node] * impurity[node] - weightedNodeSamples[l] * impurity[l]
                - weightedNodeSamples[r] * impurity[r]
        }
        let root = weightedNodeSamples.first ?? 1
        for f in 0..<features { out[f] /= root }
        let total = out.reduce(0, +)
        if total > 0 { for f in 0..<features { out[f] /= total } }
        return out
    }
}

/// scikit-learn's `BestSplitter` with its dense partitioner and the Gini or entropy criterion,
/// driven by its depth-first or best-first tree builder: the same features drawn, the same
/// thresholds, the same tree, node for node.
struct ExactTreeBuilder {
    /// scikit-learn's EPSILON (`np.finfo('double').eps`).
    static let epsilon = Double.ulpOfOne
    /// `FEATURE_THRESHOLD`: values closer than this count as equal.
    static let featureThreshold: Float = 1e-7

    let x: TreeFeatures
    let codes: [Int]
    let weights: [Double]?
    let classCount: Int
    let settings: ExactTreeSettings
    var random: TreeRandom

    /// The splitter's state, kept from node to node as scikit-learn keeps it.
    var samples: [Int]
    var features: [Int]
    var constantFeatures: [Int]
    var featureValues: [Float]
    let weightedSamples: Double

    // The criterion's state for the current node samples[start..<end].
    var start = 0, end = 0, pos = 0
    var sumTotal: [Double], sumLeft: [Double], sumRight: [Double]
    var weightedNode = 0.0, weightedLeft = 0.0, weightedRight = 0.0

    /// With whole-number weights (none, or bootstrap counts) every sum the criterion makes is
    /// exact in any order, so the order of samples with equal values cannot change the tree.
    /// Then each feature is sorted once at the root (`sortedSamples`/`sortedValues`, one segment
    /// of `samples.count` per feature, each node a range of it) and split nodes partition those
    /// segments stably, instead of sorting at every node; the tree is the same, node for node.
    let presorted: Bool
    var sortedSamples: [Int32] = []
    var sortedValues: [Float] = []
    /// 1 for a sample of the node being split that goes to the left child, else 0.
    private var goesLeft: [UInt8] = []
    private var scratchSamples: [Int32] = []
    private var scratchValues: [Float] = []
    /// With presorting, each sample's class code and whole weight in one word
    /// (`weight << 8 | code`) when they fit, for the threshold scan; empty otherwise.
    private var packed: [UInt32] = []

    var tree: TreeModel
    var impurities: [Double] = []
    var nodeSamples: [Int] = []
    var weightedNodeSamples: [Double] = []

    init(
        x: TreeFeatures, codes: [Int], weights: [Double]?, classCount: Int, settings: ExactTreeSettings,
        random: TreeRandom
    ) {
        self.x = x
        self.codes = codes
        self.weights = weights
        self.classCount = classCount
        self.settings = settings
        self.random = random
        var kept: [Int] = []
        kept.reserveCapacity(x.rows)
        var total = 0.0
        for i in 0..<x.rows {
            let w = weights?[i] ?? 1
            if w != 0 { kept.append(i) }
            total += w
        }
        samples = kept
        weightedSamples = total
        presorted = weights?.allSatisfy { $0 == $0.rounded(.towardZero) && $0 < 9e15 } ?? true
        features = Array(0..<x.cols)
        constantFeatures = [Int](repeating: 0, count: x.cols)
        featureValues = [Float](repeating: 0, count: x.rows)
        sumTotal = [Double](repeating: 0, count: classCount)
        sumLeft = sumTotal
        sumRight = sumTotal
        tree = TreeModel(classCount: classCount)
        if presorted { presort() }
    }

    /// Each feature's samples in the order of their values (ties by sample, which is as good as
    /// any order when sums are exact), taken from the table's sorted columns.
    private mutating func presort() {
        let m = samples.count, f = x.cols, n = x.rows
        sortedSamples = [Int32](repeating: 0, count: m * f)
        sortedValues = [Float](repeating: 0, count: m * f)
        var kept = [Bool](repeating: false, count: n)
        for s in samples { kept[s] = true }
        x.order.withUnsafeBufferPointer { order in
            x.sortedValues.withUnsafeBufferPointer { values in
                sortedSamples.withUnsafeMutableBufferPointer { ss in
                    sortedValues.withUnsafeMutableBufferPointer { sv in
                        kept.withUnsafeBufferPointer { kept in
                            for feature in 0..<f {
                                let base = feature * n
                                var i = feature * m
                                for k in 0..<n {
                                    let s = order[base + k]
                                    guard kept[Int(s)] else { continue }
                                    ss[i] = s
                                    sv[i] = values[base + k]
                                    i += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        goesLeft = [UInt8](repeating: 0, count: x.rows)
        scratchSamples = [Int32](repeating: 0, count: m)
        scratchValues = [Float](repeating: 0, count: m)
        if classCount <= 256 && (weights?.allSatisfy { $0 >= 0 && $0 < 16_777_216 } ?? true) {
            packed = (0..<n).map { UInt32(weights?[$0] ?? 1) << 8 | UInt32(codes[$0]) }
        }
    }

    // MARK: The criterion

    mutating func nodeReset(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
        for c in 0..<classCount { sumTotal[c] = 0 }
        weightedNode = 0
        for p in start..<end {
            let i = samples[p]
            let w = weights?[i] ?? 1
            sumTotal[codes[i]] += w
            weightedNode += w
        }
        resetCriterion()
    }

    mutating func resetCriterion() {
        pos = start
        weightedLeft = 0
        weightedRight = weightedNode
        for c in 0..<classCount {
            sumLeft[c] = 0
            sumRight[c] = sumTotal[c]
        }
    }

    private mutating func reverseResetCriterion() {
        pos = end
        weightedLeft = weightedNode
        weightedRight = 0
        for c in 0..<classCount {
            sumRight[c] = 0
            sumLeft[c] = sumTotal[c]
        }
    }

    /// Moves samples[pos..<newPos] to the left child, from whichever end is nearer.
    mutating func update(_ newPos: Int) {
        if newPos - pos <= end - newPos {
            for p in pos..<newPos {
                let i = samples[p]
                let w = weights?[i] ?? 1
                sumLeft[codes[i]] += w
                weightedLeft += w
            }
        } else {
            reverseResetCriterion()
            var p = end - 1
            while p >= newPos {
                let i = samples[p]
                let w = weights?[i] ?? 1
                sumLeft[codes[i]] -= w
                weightedLeft -= w
                p -= 1
            }
        }
        weightedRight = weightedNode - weightedLeft
        for c in 0..<classCount { sumRight[c] = sumTotal[c] - sumLeft[c] }
        pos = newPos
    }

    func impurity(_ sums: [Double], _ weight: Double) -> Double {
        sums.withUnsafeBufferPointer { Self.impurity(settings.criterion, $0.baseAddress!, classCount, weight) }
    }

    /// Gini or entropy of class weights `sums[0..<k]` totalling `weight`.
    @inline(__always)
    static func impurity(_ criterion: ExactTreeSettings.Criterion, _ sums: UnsafePointer<Double>, _ k: Int, _ weight: Double) -> Double {
        switch criterion {
        case .gini:
            var sq = 0.0
            for c in 0..<k { sq += sums[c] * sums[c] }
            return 1.0 - sq / (weight * weight)
        case .entropy:
            var h = 0.0
            for c in 0..<k where sums[c] > 0 {
                let p = sums[c] / weight
                h -= p * (Foundation.log(p) / Foundation.log(2.0))
            }
            return h
        }
    }

    var nodeImpurity: Double { impurity(sumTotal, weightedNode) }
    var childrenImpurity: (left: Double, right: Double) { (impurity(sumLeft, weightedLeft), impurity(sumRight, weightedRight)) }


    func improvement(parent: Double, left: Double, right: Double) -> Double {
        (weightedNode / weightedSamples)
            * (parent - weightedRight / weightedNode * right - weightedLeft / weightedNode * left)
    }

    // MARK: The splitter

    struct Split {
        var feature = 0
        var pos: Int
        var threshold = 0.0
        var improvement = -Double.infinity
        var impurityLeft = Double.infinity
        var impurityRight = Double.infinity
    }

    /// `node_split_best` on samples[start..<end]; `constants` is the count of features known to
    /// be constant, updated for the children.
    mutating func split(impurity: Double, constants: inout Int) -> Split {
        var best = Split(pos: end)
        var bestProxy = -Double.infinity
        let nFeatures = x.cols
        var fi = nFeatures
        var visited = 0, foundConstants = 0, drawnConstants = 0
        let knownConstants = constants
        var totalConstants = knownConstants

        while fi > totalConstants
            && (visited < settings.maxFeatures || visited <= foundConstants + drawnConstants)
        {
            visited += 1
            var fj = random.int(drawnConstants, fi - foundConstants)
            if fj < knownConstants {
                features.swapAt(drawnConstants, fj)
                drawnConstants += 1
                continue
            }
            fj += foundConstants
            let feature = features[fj]
            if presorted { loadPresorted(feature) } else { sortSamples(by: feature) }
            if featureValues[end - 1] <= featureValues[start] + Self.featureThreshold {
                features.swapAt(fj, totalConstants)
                foundConstants += 1
                totalConstants += 1
                continue
            }
            fi -= 1
            features.swapAt(fi, fj)

            if let found = scanThresholds(beating: bestProxy) {
                bestProxy = found.proxy
                best = Split(feature: feature, pos: found.pos, threshold: found.threshold)
            }
        }

        if best.pos < end {
            partition(best)
            resetCriterion()
            update(best.pos)
            (best.impurityLeft, best.impurityRight) = childrenImpurity
            best.improvement = improvement(parent: impurity, left: best.impurityLeft, right: best.impurityRight)
        }
        // Known constants keep their order for siblings and children; new ones are appended.
        for i in 0..<knownConstants { features[i] = constantFeatures[i] }
        for i in 0..<foundConstants { constantFeatures[knownConstants + i] = features[knownConstants + i] }
        constants = totalConstants
        return best
    }

    /// The thresholds of the feature loaded in samples/featureValues[start..<end], scanned in
    /// sorted order as `node_split_best` scans them (each candidate moves the criterion from the
    /// nearer end, as `update` does): the best position and threshold when its proxy improvement
    /// beats `bestProxy`. The same sums in the same order as the criterion's own methods.
    private func scanThresholds(beating bestProxy: Double) -> (proxy: Double, pos: Int, threshold: Double)? {
        if !packed.isEmpty {
            return packed.withUnsafeBufferPointer {
                classCount <= 4
                    ? scanFewClasses($0.baseAddress!, beating: bestProxy)
                    : scan(PackedClassWeights(words: $0.baseAddress!), beating: bestProxy)
            }
        }
        return codes.withUnsafeBufferPointer { codes in
            guard let weights else {
                return scan(ClassWeights(codes: codes.baseAddress!, weights: nil), beating: bestProxy)
            }
            return weights.withUnsafeBufferPointer {
                scan(ClassWeights(codes: codes.baseAddress!, weights: $0.baseAddress!), beating: bestProxy)
            }
        }
    }

    private func scan<S: SampleClasses>(_ classes: S, beating bestProxy: Double) -> (proxy: Double, pos: Int, threshold: Double)? {
        let k = classCount, start = start, end = end, weightedNode = weightedNode
        let minLeaf = settings.minSamplesLeaf, minWeightLeaf = settings.minWeightLeaf
        let criterion = settings.criterion
        return featureValues.withUnsafeBufferPointer { fvb in
            samples.withUnsafeBufferPointer { sb in
                sumTotal.withUnsafeBufferPointer { tb in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * k) { sums in
                        let fv = fvb.baseAddress!, s = sb.baseAddress!
                        let total = tb.baseAddress!, left = sums.baseAddress!, right = left + k
                        for c in 0..<k { left[c] = 0 }
                        var weightedLeft = 0.0, pos = start, p = start
                        var best = bestProxy, bestPos = -1, threshold = 0.0
                        while p < end {
                            while p + 1 < end && fv[p + 1] <= fv[p] + Self.featureThreshold { p += 1 }
                            let previous = p
                            p += 1
                            if p >= end { continue }
                            if p - start < minLeaf || end - p < minLeaf { continue }
                            if p - pos <= end - p {
                                for q in pos..<p {
                                    let (c, wi) = classes[s[q]]
                                    left[c] += wi
                                    weightedLeft += wi
                                }
                            } else {
                                weightedLeft = weightedNode
                                for c in 0..<k { left[c] = total[c] }
                                var q = end - 1
                                while q >= p {
                                    let (c, wi) = classes[s[q]]
                                    left[c] -= wi
                                    weightedLeft -= wi
                                    q -= 1
                                }
                            }
                            let weightedRight = weightedNode - weightedLeft
                            for c in 0..<k { right[c] = total[c] - left[c] }
                            pos = p
                            if weightedLeft < minWeightLeaf || weightedRight < minWeightLeaf { continue }
                            let proxy =
                                -weightedRight * Self.impurity(criterion, right, k, weightedRight)
                                - weightedLeft * Self.impurity(criterion, left, k, weightedLeft)
                            if proxy > best {
                                best = proxy
                                bestPos = p
                                threshold = Double(fv[previous]) / 2.0 + Double(fv[p]) / 2.0
                            }
                        }
                        return bestPos < 0 ? nil : (best, bestPos, threshold)
                    }
                }
            }
        }
    }

    /// The scan for at most four classes and whole weights: every class sum is a whole number,
    /// exact in any order, so the sums are kept in vector registers (two partial sums take
    /// turns, which halves the chain of dependent additions) and equal the general scan's.
    private func scanFewClasses(_ words: UnsafePointer<UInt32>, beating bestProxy: Double) -> (proxy: Double, pos: Int, threshold: Double)? {
        let k = classCount, start = start, end = end, weightedNode = weightedNode
        let minLeaf = settings.minSamplesLeaf, minWeightLeaf = settings.minWeightLeaf
        let criterion = settings.criterion
        let units: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) =
            ([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])
        var total = SIMD4<Double>()
        for c in 0..<k { total[c] = sumTotal[c] }
        return withUnsafePointer(to: units) { unitsPointer in
            let unit = UnsafeRawPointer(unitsPointer).assumingMemoryBound(to: SIMD4<Double>.self)
            @inline(__always) func sum(_ s: UnsafePointer<Int>, _ from: Int, _ to: Int) -> SIMD4<Double> {
                var a = SIMD4<Double>(), b = SIMD4<Double>()
                var q = from
                while q + 1 < to {
                    let e0 = words[s[q]], e1 = words[s[q + 1]]
                    a += unit[Int(e0 & 0xFF)] * Double(e0 >> 8)
                    b += unit[Int(e1 & 0xFF)] * Double(e1 >> 8)
                    q += 2
                }
                if q < to {
                    let e = words[s[q]]
                    a += unit[Int(e & 0xFF)] * Double(e >> 8)
                }
                return a + b
            }
            return featureValues.withUnsafeBufferPointer { fvb in
                samples.withUnsafeBufferPointer { sb in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { sums in
                        let fv = fvb.baseAddress!, s = sb.baseAddress!
                        let left = sums.baseAddress!, right = left + 4
                        var sumLeft = SIMD4<Double>(), pos = start, p = start
                        var best = bestProxy, bestPos = -1, threshold = 0.0
                        while p < end {
                            while p + 1 < end && fv[p + 1] <= fv[p] + Self.featureThreshold { p += 1 }
                            let previous = p
                            p += 1
                            if p >= end { continue }
                            if p - start < minLeaf || end - p < minLeaf { continue }
                            if p - pos <= end - p {
                                sumLeft += sum(s, pos, p)
                            } else {
                                sumLeft = total - sum(s, p, end)
                            }
                            pos = p
                            let weightedLeft = sumLeft.sum()
                            let weightedRight = weightedNode - weightedLeft
                            if weightedLeft < minWeightLeaf || weightedRight < minWeightLeaf { continue }
                            let sumRight = total - sumLeft
                            for c in 0..<4 {
                                left[c] = sumLeft[c]
                                right[c] = sumRight[c]
                            }
                            let proxy =
                                -weightedRight * Self.impurity(criterion, right, k, weightedRight)
                                - weightedLeft * Self.impurity(criterion, left, k, weightedLeft)
                            if proxy > best {
                                best = proxy
                                bestPos = p
                                threshold = Double(fv[previous]) / 2.0 + Double(fv[p]) / 2.0
                            }
                        }
                        return bestPos < 0 ? nil : (best, bestPos, threshold)
                    }
                }
            }
        }
    }

    /// samples[start..<end] and their values in the order of feature `f`, from its presorted segment.
    private mutating func loadPresorted(_ f: Int) {
        let base = f * samples.count, start = start, end = end
        sortedSamples.withUnsafeBufferPointer { ss in
            sortedValues.withUnsafeBufferPointer { sv in
                samples.withUnsafeMutableBufferPointer { s in
                    featureValues.withUnsafeMutableBufferPointer { fv in
                        for i in start..<end {
                            s[i] = Int(ss[base + i])
                            fv[i] = sv[base + i]
                        }
                    }
                }
            }
        }
    }

    /// `partition_samples_final`: samples at or below the threshold first. With presorted
    /// features, every feature's segment is partitioned stably, so each stays sorted; the left
    /// samples are the first `best.pos - start` of the split feature's own segment, since the
    /// threshold lies strictly between two of its distinct values.
    private mutating func partition(_ best: Split) {
        if presorted {
            let m = samples.count, cols = x.cols, start = start, end = end
            sortedSamples.withUnsafeMutableBufferPointer { ssb in
                sortedValues.withUnsafeMutableBufferPointer { svb in
                    goesLeft.withUnsafeMutableBufferPointer { gl in
                        scratchSamples.withUnsafeMutableBufferPointer { scs in
                            scratchValues.withUnsafeMutableBufferPointer { scv in
                                let split = ssb.baseAddress! + best.feature * m
                                for i in start..<end { gl[Int(split[i])] = i < best.pos ? 1 : 0 }
                                for f in 0..<cols {
                                    let ss = ssb.baseAddress! + f * m, sv = svb.baseAddress! + f * m
                                    var left = start, right = 0
                                    // Branch-free: each entry is written to both sides and one
                                    // side's count moves on (left never passes i).
                                    for i in start..<end {
                                        let s = ss[i], v = sv[i]
                                        let g = Int(gl[Int(s)])
                                        ss[left] = s
                                        sv[left] = v
                                        scs[right] = s
                                        scv[right] = v
                                        left += g
                                        right += 1 - g
                                    }
                                    (ss + left).update(from: scs.baseAddress!, count: right)
                                    (sv + left).update(from: scv.baseAddress!, count: right)
                                }
                            }
                        }
                    }
                }
            }
            // samples[start..<end]: the left samples first, for the criterion and the children.
            for i in start..<end { samples[i] = Int(sortedSamples[i]) }
            return
        }
        var p = start
        var partitionEnd = end
        while p < partitionEnd {
            if Double(x.value(samples[p], best.feature)) <= best.threshold {
                p += 1
            } else {
                partitionEnd -= 1
                samples.swapAt(p, partitionEnd)
            }
        }
    }

    /// Copies feature `f` of samples[start..<end] into featureValues and sorts both by value
    /// with scikit-learn's `simultaneous_sort` (three-way introsort), so that equal values end
    /// in scikit-learn's order.
    private mutating func sortSamples(by f: Int) {
        for i in start..<end { featureValues[i] = x.value(samples[i], f) }
        let n = end - start
        guard n > 0 else { return }
        let maxDepth = 2 * Int(Foundation.log2(Double(n)))
        featureValues.withUnsafeMutableBufferPointer { v in
            samples.withUnsafeMutableBufferPointer { s in
                introsort(v.baseAddress! + start, s.baseAddress! + start, n, maxDepth)
            }
        }
    }

    // MARK: The builders

    mutating func addNode(parent: Int?, isLeft: Bool, impurity: Double, samples count: Int) -> Int {
        var fractions = [Double](repeating: 0, count: classCount)
        for c in 0..<classCount { fractions[c] = sumTotal[c] / weightedNode }
        let id = tree.addNode(fractions: fractions)
        impurities.append(impurity)
        nodeSamples.append(count)
        weightedNodeSamples.append(weightedNode)
        if let parent {
            if isLeft { tree.left[parent] = id } else { tree.right[parent] = id }
        }
        return id
    }

    private func isLeafByCounts(depth: Int, count: Int) -> Bool {
        depth >= settings.maxDepth || count < settings.minSamplesSplit || count < 2 * settings.minSamplesLeaf
            || weightedNode < 2 * settings.minWeightLeaf
    }

    /// Grows the tree; false when stopped early.
    mutating func build() -> Bool {
        settings.maxLeafNodes == nil ? buildDepthFirst() : buildBestFirst()
    }

    private struct StackRecord {
        var start: Int, end: Int, depth: Int, parent: Int?, isLeft: Bool, impurity: Double, constants: Int
    }

    private mutating func buildDepthFirst() -> Bool {
        var stack = [StackRecord(start: 0, end: samples.count, depth: 0, parent: nil, isLeft: false, impurity: .infinity, constants: 0)]
        var first = true
        while let record = stack.popLast() {
            // A stopped fit returns a partial tree; its caller throws before using it.
            if Cancellation.isCancelled { return false }
            var impurity = record.impurity
            var constants = record.constants
            nodeReset(record.start, record.end)
            let count = record.end - record.start
            var isLeaf = isLeafByCounts(depth: record.depth, count: count)
            if first {
                impurity = nodeImpurity
                first = false
            }
            isLeaf = isLeaf || impurity <= Self.epsilon
            var split = Split(pos: record.end)
            if !isLeaf {
                split = self.split(impurity: impurity, constants: &constants)
                isLeaf = split.pos >= record.end || split.improvement + Self.epsilon < settings.minImpurityDecrease
            }
            let id = addNode(parent: record.parent, isLeft: record.isLeft, impurity: impurity, samples: count)
            if !isLeaf {
                tree.feature[id] = split.feature
                tree.threshold[id] = split.threshold
                stack.append(StackRecord(
                    start: split.pos, end: record.end, depth: record.depth + 1, parent: id, isLeft: false,
                    impurity: split.impurityRight, constants: constants))
                stack.append(StackRecord(
                    start: record.start, end: split.pos, depth: record.depth + 1, parent: id, isLeft: true,
                    impurity: split.impurityLeft, constants: constants))
            }
        }
        return true
    }

    /// A node waiting on the best-first frontier.
    struct FrontierRecord {
        var node: Int, start: Int, end: Int, pos: Int, depth: Int
        var isLeaf: Bool
        var impurity: Double, impurityLeft: Double, impurityRight: Double, improvement: Double
    }

    /// `_add_split_node`: adds the node and finds its split, if any.
    private mutating func addSplitNode(start: Int, end: Int, impurity parentImpurity: Double, isFirst: Bool, parent: Int?, isLeft: Bool, depth: Int) -> FrontierRecord {
        nodeReset(start, end)
        var constants = 0
        let impurity = isFirst ? nodeImpurity : parentImpurity
        let count = end - start
        var isLeaf = isLeafByCounts(depth: depth, count: count) || impurity <= Self.epsilon
        var split = Split(pos: end)
        if !isLeaf {
            split = self.split(impurity: impurity, constants: &constants)
            isLeaf = split.pos >= end || split.improvement + Self.epsilon < settings.minImpurityDecrease
        }
        let id = addNode(parent: parent, isLeft: isLeft, impurity: impurity, samples: count)
        if !isLeaf {
            tree.feature[id] = split.feature
            tree.threshold[id] = split.threshold
            return FrontierRecord(
                node: id, start: start, end: end, pos: split.pos, depth: depth, isLeaf: false, impurity: impurity,
                impurityLeft: split.impurityLeft, impurityRight: split.impurityRight, improvement: split.improvement)
        }
        return FrontierRecord(
            node: id, start: start, end: end, pos: end, depth: depth, isLeaf: true, impurity: impurity,
            impurityLeft: impurity, impurityRight: impurity, improvement: 0)
    }

    private mutating func buildBestFirst() -> Bool {
        var maxSplitNodes = (settings.maxLeafNodes ?? 2) - 1
        var frontier = MaxHeap<FrontierRecord> { $0.improvement < $1.improvement }
        frontier.push(addSplitNode(start: 0, end: samples.count, impurity: .infinity, isFirst: true, parent: nil, isLeft: true, depth: 0))
        while let record = frontier.pop() {
            // A stopped fit returns a partial tree; its caller throws before using it.
            if Cancellation.isCancelled { return false }
            if record.isLeaf || maxSplitNodes <= 0 {
                tree.feature[record.node] = -1
                tree.threshold[record.node] = 0
                tree.left[record.node] = -1
                tree.right[record.node] = -1
                continue
            }
            maxSplitNodes -= 1
            let left = addSplitNode(
                start: record.start, end: record.pos, impurity: record.impurityLeft, isFirst: false, parent: record.node,
                isLeft: true, depth: record.depth + 1)
            let right = addSplitNode(
                start: record.pos, end: record.end, impurity: record.impurityRight, isFirst: false, parent: record.node,
                isLeft: false, depth: record.depth + 1)
            frontier.push(left)
            frontier.push(right)
        }
        return true
    }

    var grown: GrownTree {
        GrownTree(model: tree, impurity: impurities, nodeSamples: nodeSamples, weightedNodeSamples: weightedNodeSamples)
    }
}

// MARK: Reading a sample's class and weight in the threshold scan

private protocol SampleClasses {
    /// The class code and weight of sample `i`.
    subscript(_ i: Int) -> (Int, Double) { get }
}

private struct ClassWeights: SampleClasses {
    let codes: UnsafePointer<Int>
    let weights: UnsafePointer<Double>?
    @inline(__always) subscript(_ i: Int) -> (Int, Double) { (codes[i], weights?[i] ?? 1) }
}

/// Code and whole weight packed as `weight << 8 | code`: one load per sample.
private struct PackedClassWeights: SampleClasses {
    let words: UnsafePointer<UInt32>
    @inline(__always) subscript(_ i: Int) -> (Int, Double) {
        let w = words[i]
        return (Int(w & 0xFF), Double(w >> 8))
    }
}

// MARK: scikit-learn's sort of feature values and samples together

/// Introsort with a median-of-three pivot and a three-way partition, falling back to heapsort,
/// and insertion sort for runs of 15 or fewer (`simultaneous_sort(use_three_way_partition=True)`
/// in sklearn/utils/_sorting): the same algorithm, so equal values end in the same order.
private func introsort(_ values: UnsafeMutablePointer<Float>, _ samples: UnsafeMutablePointer<Int>, _ count: Int, _ depth: Int) {
    var values = values, samples = samples, n = count, maxDepth = depth
    while n > 15 {
        if maxDepth <= 0 {
            heapsort(values, samples, n)
            return
        }
        maxDepth -= 1
        let pivot = median3(values, n)
        var i = 0, l = 0, r = n
        while i < r {
            if values[i] < pivot {
                swapBoth(values, samples, i, l)
                i += 1
                l += 1
            } else if values[i] > pivot {
                r -= 1
                swapBoth(values, samples, i, r)
            } else {
                i += 1
            }
        }
        introsort(values, samples, l, maxDepth)
        values += r
        samples += r
        n -= r
    }
    insertionSort(values, samples, n)
}

private func insertionSort(_ values: UnsafeMutablePointer<Float>, _ samples: UnsafeMutablePointer<Int>, _ n: Int) {
    guard n > 1 else { return }
    for i in 1..<n {
        let value = values[i], sample = samples[i]
        var j = i
        while j > 0 && values[j - 1] > value {
            values[j] = values[j - 1]
            samples[j] = samples[j - 1]
            j -= 1
        }
        values[j] = value
        samples[j] = sample
    }
}

@inline(__always)
private func swapBoth(_ values: UnsafeMutablePointer<Float>, _ samples: UnsafeMutablePointer<Int>, _ i: Int, _ j: Int) {
    (values[i], values[j]) = (values[j], values[i])
    (samples[i], samples[j]) = (samples[j], samples[i])
}

private func median3(_ v: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
    let a = v[0], b = v[n / 2], c = v[n - 1]
    if a < b {
        if b < c { return b }
        return a < c ? c : a
    }
    if b < c { return a < c ? a : c }
    return b
}

private func siftDown(_ v: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Int>, _ start: Int, _ end: Int) {
    var root = start
    while true {
        let child = root * 2 + 1
        var maxIndex = root
        if child < end && v[maxIndex] < v[child] { maxIndex = child }
        if child + 1 < end && v[maxIndex] < v[child + 1] { maxIndex = child + 1 }
        if maxIndex == root { return }
        swapBoth(v, s, root, maxIndex)
        root = maxIndex
    }
}

private func heapsort(_ v: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Int>, _ n: Int) {
    var start = (n - 2) / 2
    while true {
        siftDown(v, s, start, n)
        if start == 0 { break }
        start -= 1
    }
    var end = n - 1
    while end > 0 {
        swapBoth(v, s, 0, end)
        siftDown(v, s, 0, end)
        end -= 1
    }
}

/// A binary max-heap with the moves of C++'s `std::push_heap` and `std::pop_heap` (libstdc++),
/// so that records of equal priority leave in the order scikit-learn's frontier gives them.
struct MaxHeap<Element> {
    private var items: [Element] = []
    let less: (Element, Element) -> Bool

    init(less: @escaping (Element, Element) -> Bool) { self.less = less }

    mutating func push(_ element: Element) {
        items.append(element)
        siftUp(element, from: items.count - 1)
    }

    /// __push_heap: moves parents down into `hole` while they are less than `element`, then
    /// puts `element` there.
    private mutating func siftUp(_ element: Element, from start: Int) {
        var hole = start
        var parent = (hole - 1) / 2
        while hole > 0 && less(items[parent], element) {
            items[hole] = items[parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        items[hole] = element
    }

    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        // __adjust_heap: move the larger child up from the root to a leaf, then push `last` up.
        let len = items.count
        var hole = 0
        var child = hole
        while child < (len - 1) / 2 {
            child = 2 * (child + 1)
            if less(items[child], items[child - 1]) { child -= 1 }
            items[hole] = items[child]
            hole = child
        }
        if len & 1 == 0 && child == (len - 2) / 2 {
            child = 2 * (child + 1)
            items[hole] = items[child - 1]
            hole = child - 1
        }
        siftUp(last, from: hole)
        return top
    }
}
