/// A trained classification tree: flat node arrays, as scikit-learn's `tree_`.
struct TreeModel: Sendable, Codable, Equatable {
    /// The feature tested at each node; -1 at a leaf.
    var feature: [Int] = []
    /// Rows with `x[feature] <= threshold` go left.
    var threshold: [Double] = []
    var left: [Int] = []
    var right: [Int] = []
    /// Class fractions at each node, `classCount` per node.
    var value: [Double] = []
    let classCount: Int

    init(classCount: Int) { self.classCount = classCount }

    mutating func addNode(fractions: [Double]) -> Int {
        feature.append(-1)
        threshold.append(0)
        left.append(-1)
        right.append(-1)
        value += fractions
        return feature.count - 1
    }

    /// The leaf a row ends in. Values are compared as float32, as scikit-learn's trees see them.
    func leaf(_ row: ArraySlice<Double>) -> Int {
        var node = 0
        let base = row.startIndex
        while feature[node] >= 0 {
            node = Double(Float(row[base + feature[node]])) <= threshold[node] ? left[node] : right[node]
        }
        return node
    }

    /// Adds this tree's class fractions for `row` to `out`.
    func accumulate(_ row: ArraySlice<Double>, into out: inout [Double], at offset: Int) {
        let node = leaf(row)
        for c in 0..<classCount { out[offset + c] += value[node * classCount + c] }
    }

    var depth: Int {
        guard !feature.isEmpty else { return 0 }
        // Depth first over the node arrays, without recursion.
        var deepest = 0
        var stack = [(0, 0)]
        while let (node, d) = stack.popLast() {
            deepest = max(deepest, d)
            if feature[node] >= 0 {
                stack.append((left[node], d + 1))
                stack.append((right[node], d + 1))
            }
        }
        return deepest
    }
}

/// Divides each row of `width` values by its sum (rows summing to zero stay), as scikit-learn
/// normalises a tree's leaf values into probabilities.
func normaliseRows(_ values: inout [Double], width: Int) {
    guard width > 0 else { return }
    for start in stride(from: 0, to: values.count, by: width) {
        var total = 0.0
        for c in 0..<width { total += values[start + c] }
        if total == 0 { total = 1 }
        for c in 0..<width { values[start + c] /= total }
    }
}
