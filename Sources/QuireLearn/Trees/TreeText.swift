import Foundation

/// What scikit-learn keeps per node beyond the model, for printing and drawing a tree.
public struct TreeNodeDetails: Sendable, Codable, Equatable {
    public var impurity: [Double]
    public var samples: [Int]
    public var weightedSamples: [Double]
}

extension DecisionTreeClassifier {
    /// The tree as scikit-learn's `export_text` writes it: one line per split, `<=` then `>`,
    /// and `class: NAME` at each leaf (with its class weights when `showWeights`).
    public func exportText(
        featureNames: [String]? = nil, classNames: [String], maxDepth: Int = 10, spacing: Int = 3, decimals: Int = 2,
        showWeights: Bool = false
    ) throws -> String {
        guard let tree, let details else { throw LearnError.notFitted(model: estimatorName) }
        if let featureNames, featureNames.count != nFeatures {
            throw LearnError.badParameter(name: "feature_names", expected: "\(nFeatures) names, one per feature")
        }
        guard classNames.count == tree.classCount else {
            throw LearnError.badParameter(name: "class_names", expected: "\(tree.classCount) names, one per class")
        }
        guard spacing >= 1 else { throw LearnError.badParameter(name: "spacing", expected: "at least 1") }
        guard maxDepth >= 0 else { throw LearnError.badParameter(name: "max_depth", expected: "0 or more") }
        guard (0...20).contains(decimals) else { throw LearnError.badParameter(name: "decimals", expected: "0 to 20") }

        let k = tree.classCount
        func name(_ node: Int) -> String {
            let f = tree.feature[node]
            return featureNames?[f] ?? "feature_\(f)"
        }
        func number(_ v: Double) -> String { String(format: "%.\(decimals)f", v) }
        func indent(_ depth: Int) -> String {
            String(String(repeating: "|" + String(repeating: " ", count: spacing), count: depth).dropLast(spacing))
                + String(repeating: "-", count: spacing)
        }
        func leaf(_ node: Int, _ depth: Int) -> String {
            let values = tree.value[(node * k)..<(node * k + k)]
            let best = argmax(values)
            var text = ""
            if showWeights {
                text = " weights: [" + values.map { number($0 * details.weightedSamples[node]) }.joined(separator: ", ") + "]"
            }
            return indent(depth) + text + " class: " + classNames[best] + "\n"
        }
        /// Nodes on the longest path below `node`, itself included (scikit-learn's _compute_depth).
        func subtreeDepth(_ node: Int) -> Int {
            var deepest = 0
            var stack = [(node, 1)]
            while let (n, d) = stack.popLast() {
                deepest = max(deepest, d)
                if tree.left[n] >= 0 {
                    stack.append((tree.left[n], d + 1))
                    stack.append((tree.right[n], d + 1))
                }
            }
            return deepest
        }

        // Depth first without recursion: a node, or a line to write between its two subtrees.
        enum Step { case node(Int, Int), line(String) }
        var out = ""
        var stack: [Step] = [.node(0, 1)]
        while let step = stack.popLast() {
            switch step {
            case .line(let text): out += text
            case .node(let node, let depth):
                if depth > maxDepth + 1 {
                    let d = subtreeDepth(node)
                    out += d == 1 ? leaf(node, depth) : indent(depth) + " truncated branch of depth \(d)\n"
                } else if tree.feature[node] >= 0 {
                    let threshold = number(tree.threshold[node])
                    out += "\(indent(depth)) \(name(node)) <= \(threshold)\n"
                    stack.append(.node(tree.right[node], depth + 1))
                    stack.append(.line("\(indent(depth)) \(name(node)) >  \(threshold)\n"))
                    stack.append(.node(tree.left[node], depth + 1))
                } else {
                    out += leaf(node, depth)
                }
            }
        }
        return out
    }
}

/// One node of a fitted tree, for drawing it.
public struct TreeNodeView: Sendable {
    /// The feature tested, or nil at a leaf.
    public let feature: Int?
    public let threshold: Double
    public let left: Int?
    public let right: Int?
    public let impurity: Double
    public let samples: Int
    /// The weighted count of each class at the node.
    public let classWeights: [Double]
}

extension DecisionTreeClassifier {
    /// How many features the tree was fitted on.
    public var featureCount: Int { nFeatures }

    /// The fitted tree's nodes in scikit-learn's order (node 0 is the root); nil before fit.
    public var nodes: [TreeNodeView]? {
        guard let tree, let details else { return nil }
        let k = tree.classCount
        return tree.feature.indices.map { i in
            let leaf = tree.feature[i] < 0
            return TreeNodeView(
                feature: leaf ? nil : tree.feature[i], threshold: tree.threshold[i], left: leaf ? nil : tree.left[i],
                right: leaf ? nil : tree.right[i], impurity: details.impurity[i], samples: details.samples[i],
                classWeights: tree.value[(i * k)..<(i * k + k)].map { $0 * details.weightedSamples[i] })
        }
    }
}
