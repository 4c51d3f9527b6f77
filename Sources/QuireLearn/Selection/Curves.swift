import Foundation
import QuireSupport

/// Train and test scores with one row per setting (or training size) and one column per fold,
/// as scikit-learn's `validation_curve` and `learning_curve` return them.
public struct CurveScores: Sendable, Equatable {
    public let train: Matrix
    public let test: Matrix
}

/// `validation_curve`: for each value of the setting `name`, the accuracy on the training and
/// the test rows of each fold of a model trained on that fold's training rows.
public func validationCurve(
    _ model: any Classifier, _ x: Matrix, _ y: [Double], name: String, values: [ParameterValue], splits: [Split]
) throws -> CurveScores {
    guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
    guard !values.isEmpty else { throw LearnError.badParameter(name: "param_range", expected: "at least one value") }
    var train: [Double] = [], test: [Double] = []
    for value in values {
        var candidate = model
        try candidate.set(name, value)
        for split in splits {
            let (trainScore, testScore) = try fitAndScore(candidate, x, y, trainRows: split.train, testRows: split.test)
            train.append(trainScore)
            test.append(testScore)
        }
    }
    return CurveScores(
        train: Matrix(rows: values.count, cols: splits.count, values: train),
        test: Matrix(rows: values.count, cols: splits.count, values: test))
}

/// The numbers of training rows `learning_curve` uses, as scikit-learn's
/// `_translate_train_sizes`: fractions of the largest training fold (rounded down, at least 1)
/// or counts, sorted, each once.
public func learningCurveSizes(_ sizes: [SplitSize], maxTrainRows: Int) throws -> [Int] {
    guard !sizes.isEmpty else { throw LearnError.badParameter(name: "train_sizes", expected: "at least one size") }
    var counts: [Int] = []
    for size in sizes {
        switch size {
        case .fraction(let f):
            guard f > 0, f <= 1 else {
                throw LearnError.badParameter(name: "train_sizes", expected: "fractions in (0, 1] or counts from 1 to \(maxTrainRows)")
            }
            counts.append(min(max(Int(f * Double(maxTrainRows)), 1), maxTrainRows))
        case .count(let c):
            guard c >= 1, c <= maxTrainRows else {
                throw LearnError.badParameter(name: "train_sizes", expected: "fractions in (0, 1] or counts from 1 to \(maxTrainRows)")
            }
            counts.append(c)
        }
    }
    return Array(Set(counts)).sorted()
}

/// `learning_curve`: for each number of training rows, the accuracy on those rows and on the
/// test rows of each fold of a model trained on the first rows of that fold's training rows.
public func learningCurve(
    _ model: any Classifier, _ x: Matrix, _ y: [Double], sizes: [SplitSize], splits: [Split]
) throws -> (sizes: [Int], scores: CurveScores) {
    guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
    guard let first = splits.first else { throw LearnError.badParameter(name: "cv", expected: "at least one fold") }
    let counts = try learningCurveSizes(sizes, maxTrainRows: first.train.count)
    var train = [Double](repeating: 0, count: counts.count * splits.count), test = train
    // scikit-learn fits each fold's sizes in turn; the scores are laid out size by fold.
    for (f, split) in splits.enumerated() {
        for (s, n) in counts.enumerated() {
            let rows = Array(split.train.prefix(n))
            let (trainScore, testScore) = try fitAndScore(model, x, y, trainRows: rows, testRows: split.test)
            train[s * splits.count + f] = trainScore
            test[s * splits.count + f] = testScore
        }
    }
    return (counts, CurveScores(
        train: Matrix(rows: counts.count, cols: splits.count, values: train),
        test: Matrix(rows: counts.count, cols: splits.count, values: test)))
}

/// A fresh copy of `model` trained on `trainRows`, and its accuracy there and on `testRows`.
func fitAndScore(_ model: any Classifier, _ x: Matrix, _ y: [Double], trainRows: [Int], testRows: [Int]) throws -> (Double, Double) {
    var fresh = model
    let xTrain = x.selecting(rows: trainRows), yTrain = trainRows.map { y[$0] }
    try fresh.fit(xTrain, yTrain)
    return (try fresh.score(xTrain, yTrain), try fresh.score(x.selecting(rows: testRows), testRows.map { y[$0] }))
}
