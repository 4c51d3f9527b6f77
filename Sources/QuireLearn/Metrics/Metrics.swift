import Foundation

/// The fraction of labels predicted exactly.
public func accuracyScore(_ yTrue: [Double], _ yPred: [Double]) -> Double {
    guard !yTrue.isEmpty else { return 0 }
    var hits = 0
    for (a, b) in zip(yTrue, yPred) where a == b { hits += 1 }
    return Double(hits) / Double(yTrue.count)
}

/// How precision, recall and F1 of several classes are combined (scikit-learn's `average=`).
public enum Averaging: String, Sendable, CaseIterable {
    case binary, micro, macro, weighted
}

/// A confusion matrix with its labels: `counts[i][j]` rows of true label `labels[i]`
/// predicted as `labels[j]`.
public struct ConfusionMatrix: Sendable, Equatable {
    public let labels: [Double]
    public let counts: [[Int]]

    /// Counts pairs; the labels are the sorted union of both sides (scikit-learn's default).
    public init(_ yTrue: [Double], _ yPred: [Double], labels: [Double]? = nil) throws {
        guard yTrue.count == yPred.count else {
            throw LearnError.lengthMismatch(rows: yPred.count, labels: yTrue.count)
        }
        let labels = labels ?? Array(Set(yTrue).union(yPred)).sorted()
        var index: [Double: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(yTrue, yPred) {
            if let i = index[t], let j = index[p] { counts[i][j] += 1 }
        }
        self.labels = labels
        self.counts = counts
    }
}

/// Per-class precision, recall, F1 and support, as `precision_recall_fscore_support` with
/// `average=None`; a zero denominator gives 0 (scikit-learn's `zero_division="warn"` value).
public struct ClassScores: Sendable, Equatable {
    public let labels: [Double]
    public let precision: [Double]
    public let recall: [Double]
    public let f1: [Double]
    public let support: [Int]
    let truePositives: [Int]
    let predicted: [Int]

    public init(_ yTrue: [Double], _ yPred: [Double]) throws {
        let cm = try ConfusionMatrix(yTrue, yPred)
        let k = cm.labels.count
        labels = cm.labels
        let tp = (0..<k).map { cm.counts[$0][$0] }
        let support = cm.counts.map { $0.reduce(0, +) }
        let predicted = (0..<k).map { j in cm.counts.reduce(0) { $0 + $1[j] } }
        let precision = (0..<k).map { ratio(tp[$0], predicted[$0]) }
        let recall = (0..<k).map { ratio(tp[$0], support[$0]) }
        // scikit-learn's F1 from counts, 2·tp / (support + predicted): not 2pr / (p + r), whose
        // rounding differs in the last bit (0.875 vs 0.8749999..., printed 0.88 vs 0.87).
        f1 = (0..<k).map { ratio(2 * tp[$0], support[$0] + predicted[$0]) }
        (truePositives, self.support, self.predicted, self.precision, self.recall) = (tp, support, predicted, precision, recall)
    }

    /// Precision, recall and F1 combined over classes.
    public func averaged(_ average: Averaging, positive: Double = 1) throws -> (precision: Double, recall: Double, f1: Double) {
        switch average {
        case .binary:
            guard labels.count <= 2 else {
                throw LearnError.badParameter(name: "average", expected: "\"micro\", \"macro\" or \"weighted\" for more than two classes")
            }
            guard let i = labels.firstIndex(of: positive) else {
                return (0, 0, 0)
            }
            return (precision[i], recall[i], f1[i])
        case .micro:
            let tp = truePositives.reduce(0, +)
            let predictedAll = predicted.reduce(0, +), supportAll = support.reduce(0, +)
            return (ratio(tp, predictedAll), ratio(tp, supportAll), ratio(2 * tp, predictedAll + supportAll))
        case .macro:
            let n = Double(labels.count)
            return (precision.reduce(0, +) / n, recall.reduce(0, +) / n, f1.reduce(0, +) / n)
        case .weighted:
            let total = Double(support.reduce(0, +))
            guard total > 0 else { return (0, 0, 0) }
            func weighted(_ v: [Double]) -> Double {
                zip(v, support).reduce(0) { $0 + $1.0 * Double($1.1) } / total
            }
            return (weighted(precision), weighted(recall), weighted(f1))
        }
    }
}

private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }


/// `classification_report` text in scikit-learn's exact layout.
public func classificationReport(_ yTrue: [Double], _ yPred: [Double], targetNames: [String]? = nil, digits: Int = 2) throws -> String {
    let scores = try ClassScores(yTrue, yPred)
    let names = targetNames ?? scores.labels.map(labelText)
    guard names.count == scores.labels.count else {
        throw LearnError.badParameter(name: "target_names", expected: "\(scores.labels.count) names, one per class")
    }
    let headers = ["precision", "recall", "f1-score", "support"]
    let lastHeading = "weighted avg"
    // Widths count code points, as Python's len does.
    let width = max(names.map(\.unicodeScalars.count).max() ?? 0, lastHeading.count, digits)
    func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.unicodeScalars.count)) + s }
    func num(_ v: Double) -> String { pad(String(format: "%.\(digits)f", v), 9) }
    var report = pad("", width) + " " + headers.map { " " + pad($0, 9) }.joined() + "\n\n"
    for i in scores.labels.indices {
        report += pad(names[i], width) + " " + " " + num(scores.precision[i]) + " " + num(scores.recall[i])
            + " " + num(scores.f1[i]) + " " + pad(String(scores.support[i]), 9) + "\n"
    }
    report += "\n"
    let total = scores.support.reduce(0, +)
    let micro = try scores.averaged(.micro)
    // Every label present in the data is reported, so the micro average is the accuracy.
    report += pad("accuracy", width) + " " + " " + pad("", 9) + " " + pad("", 9) + " " + num(micro.f1)
        + " " + pad(String(total), 9) + "\n"
    for (heading, average) in [("macro avg", Averaging.macro), ("weighted avg", .weighted)] {
        let a = try scores.averaged(average)
        report += pad(heading, width) + " " + " " + num(a.precision) + " " + num(a.recall) + " " + num(a.f1)
            + " " + pad(String(total), 9) + "\n"
    }
    return report
}

/// A label as scikit-learn prints it: integers without a decimal point.
public func labelText(_ label: Double) -> String {
    if label == label.rounded(), abs(label) < 1e15 { return String(Int(label)) }
    return formatPythonFloat(label)
}
