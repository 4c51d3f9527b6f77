import Foundation
import QuirePlot
import QuireLang
import QuireLearn

extension LearnBuiltins {
    static let trees: [Builtin] = [
        Builtin("export_text", [
            Parameter("decision_tree", .object("Model")), .opt("feature_names", .optional(.sequence), .none),
            .opt("class_names", .optional(.sequence), .none), .opt("max_depth", .int, .int(10)),
            .opt("spacing", .int, .int(3)), .opt("decimals", .int, .int(2)), .opt("show_weights", .bool, .bool(false)),
        ], doc: "The rules of a fitted decision_tree as text, in scikit-learn's export_text layout.",
            example: "print(export_text(tree, feature_names=X_train.columns))"
        ) { args in
            let (object, tree, featureNames, givenClassNames) = try fittedTree(args, "export one of its trees")
            let classNames = givenClassNames ?? object.fittedLabels?.classes.names ?? []
            let text = try LearnErrors.run(args) {
                try tree.exportText(
                    featureNames: featureNames, classNames: classNames, maxDepth: try args.int("max_depth"),
                    spacing: try args.int("spacing"), decimals: try args.int("decimals"), showWeights: try args.bool("show_weights"))
            }
            return .string(text)
        },
    ]
}

extension LearnBuiltins {
    static let treePlots: [Builtin] = [
        Builtin("plot_tree", [
            Parameter("decision_tree", .object("Model")), .opt("feature_names", .optional(.sequence), .none),
            .opt("class_names", .optional(.sequence), .none), .opt("filled", .bool, .bool(false)),
            .opt("impurity", .bool, .bool(true)), .opt("precision", .int, .int(3)), .opt("title", .optional(.string), .none),
        ], doc: "Draws a fitted decision_tree as boxes (split, impurity, samples, class counts), as scikit-learn's plot_tree.",
            example: "plot_tree(tree, feature_names=X_train.columns, filled=true)"
        ) { args in
            let (_, tree, featureNames, classNames) = try fittedTree(args, "draw one of its trees")
            guard let nodes = tree.nodes else { throw LearnErrors.notFitted(tree.estimatorName) }
            let precision = try args.int("precision")
            guard (0...15).contains(precision) else { throw args.bad("precision", expected: "0 to 15 digits") }
            let k = tree.classes?.count ?? 0
            if let featureNames, featureNames.count != tree.featureCount {
                throw args.bad("feature_names", expected: "\(tree.featureCount) names, one per feature")
            }
            if let classNames, classNames.count != k { throw args.bad("class_names", expected: "\(k) names, one per class") }
            let criterion = tree.settings.string("criterion")
            let showImpurity = try args.bool("impurity")
            let colors = classColors(k)
            let filled = try args.bool("filled")
            func rounded(_ v: Double) -> String {
                let scale = pow(10.0, Double(precision))
                return Printer.str(.double((v * scale).rounded(.toNearestOrEven) / scale))
            }
            var lines: [[String]] = []
            var fills: [RGBColor] = []
            for node in nodes {
                var text: [String] = []
                if let f = node.feature { text.append("\(featureNames?[f] ?? "x[\(f)]") <= \(rounded(node.threshold))") }
                if showImpurity { text.append("\(criterion) = \(rounded(node.impurity))") }
                text.append("samples = \(node.samples)")
                let integral = node.classWeights.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
                text.append("value = [" + node.classWeights.map { integral ? String(Int($0)) : rounded($0) }.joined(separator: ", ") + "]")
                let best = node.classWeights.indices.max { node.classWeights[$0] < node.classWeights[$1] } ?? 0
                if let classNames { text.append("class = \(classNames[best])") }
                lines.append(text)
                fills.append(filled ? shade(colors[best], node.classWeights) : RGBColor(gray: 1))
            }
            let children = nodes.map { n in [n.left, n.right].compactMap { $0 } }
            return try PlotBuiltins.make(args, "plot_tree") { () throws(PlotError) -> Figure in
                Figure.tree(try TreeDiagram(children: children, lines: lines, fills: fills), title: try? args.optionalString("title"))
            }
        },
    ]

    /// scikit-learn's class colours for trees: hues evenly spaced from 25 degrees, saturation
    /// 0.75, value 0.9 (`_color_brew`).
    static func classColors(_ n: Int) -> [RGBColor] {
        guard n > 0 else { return [] }
        let s = 0.75, v = 0.9
        let c = s * v, m = v - c
        var out: [RGBColor] = []
        var h = 25.0
        while h < 385 && out.count < n {
            let hue = Double(Int(h))
            let hBar = hue / 60
            let x = c * (1 - abs(hBar.truncatingRemainder(dividingBy: 2) - 1))
            let table = [(c, x, 0.0), (x, c, 0.0), (0.0, c, x), (0.0, x, c), (x, 0.0, c), (c, 0.0, x), (c, x, 0.0)]
            let (r, g, b) = table[min(Int(hBar), 6)]
            out.append(RGBColor(red: Double(Int(255 * (r + m))) / 255, green: Double(Int(255 * (g + m))) / 255, blue: Double(Int(255 * (b + m))) / 255))
            h += 360.0 / Double(n)
        }
        return out
    }

    /// A class colour faded towards white as the node is less pure (scikit-learn's get_color).
    static func shade(_ color: RGBColor, _ weights: [Double]) -> RGBColor {
        let total = weights.reduce(0, +)
        guard total > 0 else { return RGBColor(gray: 1) }
        let sorted = weights.map { $0 / total }.sorted(by: >)
        let alpha = sorted.count < 2 ? 0 : (sorted[0] - sorted[1]) / (1 - sorted[1])
        func mix(_ c: Double) -> Double { (alpha * c * 255 + (1 - alpha) * 255).rounded() / 255 }
        return RGBColor(red: mix(color.red), green: mix(color.green), blue: mix(color.blue))
    }

    /// The fitted decision_tree argument of export_text and plot_tree, and the names given for
    /// its features and classes.
    private static func fittedTree(_ args: Arguments, _ forForest: String) throws
        -> (ModelObject, DecisionTreeClassifier, features: [String]?, classes: [String]?)
    {
        let object = try args.object("decision_tree", as: ModelObject.self, expected: "a fitted decision_tree")
        guard let tree = object.model as? DecisionTreeClassifier else {
            throw args.bad("decision_tree", expected: "a decision_tree (for a forest, \(forForest))")
        }
        guard tree.classes != nil else { throw LearnErrors.notFitted(tree.estimatorName) }
        let features = try args.optional("feature_names").map { _ in try args.sequence("feature_names").map(Printer.str) }
        let classes = try args.optional("class_names").map { _ in try args.sequence("class_names").map(Printer.str) }
        return (object, tree, features, classes)
    }
}
