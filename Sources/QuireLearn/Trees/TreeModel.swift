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

    /// The leaf a row ends in.
    func leaf(_ row: ArraySlice<Double>) -> Int {
        var node = 0
        let base = row.startIndex
        while feature[node] >= 0 {
            node = row[base + feature[node]] <= threshold[node] ? left[node] : right[node]
        }
        return node
    }

    /// Adds this tree's class fractions for `row` to `out`.
    func accumulate(_ row: ArraySlice<Double>, into out: inout [Double], at offset: Int) {
        let node = leaf(row)
        for c in 0..<classCount { out[offset + c] += value[node * classCount + c] }
    }

    var depth: Int {
        func depth(_ node: Int) -> Int {
            feature[node] < 0 ? 0 : 1 + max(depth(left[node]), depth(right[node]))
        }
        return feature.isEmpty ? 0 : depth(0)
    }
}
