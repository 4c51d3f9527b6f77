import QuireSupport
import Foundation

/// A size given as a fraction of the rows or as a count, as scikit-learn's `test_size` and
/// `train_size` accept them.
public enum SplitSize: Sendable, Equatable {
    case fraction(Double)
    case count(Int)
}

/// The row positions of one split: training rows, then test rows, in scikit-learn's order.
public struct Split: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]
}

/// The numbers of test and training rows, as scikit-learn's `_validate_shuffle_split`.
public func splitSizes(nSamples n: Int, testSize: SplitSize?, trainSize: SplitSize?) throws -> (test: Int, train: Int) {
    func check(_ size: SplitSize?, _ name: String) throws {
        switch size {
        case .fraction(let f) where !(f > 0 && f < 1):
            throw LearnError.badParameter(name: name, expected: "a fraction between 0 and 1 or a count of rows")
        case .count(let c) where c <= 0 || c >= n:
            throw LearnError.badParameter(name: name, expected: "a count of rows between 1 and \(n - 1)")
        default: break
        }
    }
    try check(testSize, "test_size")
    try check(trainSize, "train_size")
    // scikit-learn refuses fractions over 1 together before rounding could hide it.
    if case .fraction(let a) = testSize, case .fraction(let b) = trainSize, a + b > 1 {
        throw LearnError.badParameter(
            name: "train_size", expected: "a fraction that leaves room for test_size (their sum \(a + b) is over 1)")
    }
    let test = testSize ?? (trainSize == nil ? .fraction(0.25) : nil)
    var nTest: Int?
    switch test {
    case .fraction(let f): nTest = Int((f * Double(n)).rounded(.up))
    case .count(let c): nTest = c
    case nil: nTest = nil
    }
    var nTrain: Int?
    switch trainSize {
    case .fraction(let f): nTrain = Int((f * Double(n)).rounded(.down))
    case .count(let c): nTrain = c
    case nil: nTrain = nil
    }
    let resolvedTrain = nTrain ?? (n - nTest!)
    let resolvedTest = nTest ?? (n - resolvedTrain)
    guard resolvedTrain + resolvedTest <= n else {
        throw LearnError.badParameter(name: "train_size", expected: "a size that leaves room for the test rows")
    }
    guard resolvedTrain > 0, resolvedTest > 0 else {
        throw LearnError.emptySplit(nSamples: n, testSize: resolvedTest, trainSize: resolvedTrain)
    }
    return (resolvedTest, resolvedTrain)
}

/// The rows of `train_test_split`: a numpy permutation, test rows first (ShuffleSplit), or the
/// rows in order when `shuffle` is false, or per class (StratifiedShuffleSplit) with `stratify`.
public func trainTestSplit(
    nSamples n: Int, testSize: SplitSize? = nil, trainSize: SplitSize? = nil, randomState: UInt32? = nil,
    shuffle: Bool = true, stratify: [Double]? = nil
) throws -> Split {
    let (nTest, nTrain) = try splitSizes(nSamples: n, testSize: testSize, trainSize: trainSize)
    guard shuffle else {
        if stratify != nil {
            throw LearnError.badParameter(name: "stratify", expected: "none when shuffle is false")
        }
        return Split(train: Array(0..<nTrain), test: Array(nTrain..<(nTrain + nTest)))
    }
    var rng = RandomState(seed: randomState ?? UInt32.random(in: 0...UInt32.max))
    if let stratify {
        guard stratify.count == n else { throw LearnError.lengthMismatch(rows: n, labels: stratify.count) }
        return try stratifiedShuffleSplit(stratify, nTest: nTest, nTrain: nTrain, rng: &rng)
    }
    let permutation = rng.permutation(n)
    return Split(train: Array(permutation[nTest..<(nTest + nTrain)]), test: Array(permutation[..<nTest]))
}

/// One split of scikit-learn's StratifiedShuffleSplit.
func stratifiedShuffleSplit(_ y: [Double], nTest: Int, nTrain: Int, rng: inout RandomState) throws -> Split {
    let classes = Array(Set(y)).sorted()
    let codes = classCodes(y, classes: classes)
    var counts = [Int](repeating: 0, count: classes.count)
    for c in codes { counts[c] += 1 }
    if let smallest = counts.indices.min(by: { counts[$0] < counts[$1] }), counts[smallest] < 2 {
        throw LearnError.classTooSmall(label: classes[smallest], count: counts[smallest])
    }
    guard nTrain >= classes.count else {
        throw LearnError.badParameter(name: "train_size", expected: "at least one training row per class (\(classes.count))")
    }
    guard nTest >= classes.count else {
        throw LearnError.badParameter(name: "test_size", expected: "at least one test row per class (\(classes.count))")
    }
    // Rows of each class in order (numpy's stable argsort of the class codes).
    var classRows = [[Int]](repeating: [], count: classes.count)
    for (i, c) in codes.enumerated() { classRows[c].append(i) }
    let trainPerClass = approximateMode(counts, draws: nTrain, rng: &rng)
    let remaining = zip(counts, trainPerClass).map { $0 - $1 }
    let testPerClass = approximateMode(remaining, draws: nTest, rng: &rng)
    var train: [Int] = [], test: [Int] = []
    for c in classes.indices {
        let permutation = rng.permutation(counts[c])
        let rows = permutation.map { classRows[c][$0] }
        train += rows[..<trainPerClass[c]]
        test += rows[trainPerClass[c]..<(trainPerClass[c] + testPerClass[c])]
    }
    let trainOrder = rng.permutation(train.count)
    let testOrder = rng.permutation(test.count)
    return Split(train: trainOrder.map { train[$0] }, test: testOrder.map { test[$0] })
}

/// scikit-learn's `_approximate_mode`: the most likely per-class counts of `draws` rows drawn
/// without replacement, remainders broken at random among equal fractions.
func approximateMode(_ counts: [Int], draws: Int, rng: inout RandomState) -> [Int] {
    let total = Double(counts.reduce(0, +))
    let continuous = counts.map { Double($0) / total * Double(draws) }
    var floored = continuous.map { $0.rounded(.down) }
    var needToAdd = Int(Double(draws) - floored.reduce(0, +))
    if needToAdd > 0 {
        let remainder = zip(continuous, floored).map { $0 - $1 }
        for value in Array(Set(remainder)).sorted(by: >) {
            let candidates = remainder.indices.filter { remainder[$0] == value }
            let addNow = min(candidates.count, needToAdd)
            for i in rng.choiceWithoutReplacement(candidates, size: addNow) { floored[i] += 1 }
            needToAdd -= addNow
            if needToAdd == 0 { break }
        }
    }
    return floored.map { Int($0) }
}
