import QuireSupport
/// scikit-learn's KFold: consecutive folds, the first `n % k` one row larger; with `shuffle`,
/// the rows are first permuted by numpy's generator.
public func kFold(nSamples n: Int, nSplits k: Int, shuffle: Bool = false, randomState: UInt32? = nil) throws -> [Split] {
    guard k >= 2 else { throw LearnError.badParameter(name: "n_splits", expected: "an int of at least 2") }
    guard k <= n else { throw LearnError.tooManyFolds(folds: k, available: n) }
    var order = Array(0..<n)
    if shuffle {
        var rng = RandomState(seed: randomState ?? UInt32.random(in: 0...UInt32.max))
        rng.shuffle(&order)
    }
    var splits: [Split] = []
    var start = 0
    for fold in 0..<k {
        let size = n / k + (fold < n % k ? 1 : 0)
        let test = Array(order[start..<(start + size)])
        let train = Array(order[..<start] + order[(start + size)...])
        splits.append(Split(train: train.sorted(), test: test))
        start += size
    }
    // scikit-learn lists training rows in ascending position; test rows keep the fold's order.
    return splits
}

/// scikit-learn's StratifiedKFold: each class spread over the folds in turn, so every fold has
/// about the same class proportions.
public func stratifiedKFold(_ y: [Double], nSplits k: Int, shuffle: Bool = false, randomState: UInt32? = nil) throws -> [Split] {
    guard k >= 2 else { throw LearnError.badParameter(name: "n_splits", expected: "an int of at least 2") }
    let n = y.count
    guard k <= n else { throw LearnError.tooManyFolds(folds: k, available: n) }
    // Classes are numbered in order of first appearance.
    var firstSeen: [Double: Int] = [:]
    for v in y where firstSeen[v] == nil { firstSeen[v] = firstSeen.count }
    let encoded = y.map { firstSeen[$0]! }
    let nClasses = firstSeen.count
    var counts = [Int](repeating: 0, count: nClasses)
    for c in encoded { counts[c] += 1 }
    guard counts.contains(where: { $0 >= k }) else { throw LearnError.tooManyFolds(folds: k, available: counts.max()!) }
    let order = encoded.sorted()
    var allocation = [[Int]](repeating: [Int](repeating: 0, count: nClasses), count: k)
    for fold in 0..<k {
        for i in stride(from: fold, to: n, by: k) { allocation[fold][order[i]] += 1 }
    }
    var rng = RandomState(seed: randomState ?? UInt32.random(in: 0...UInt32.max))
    var testFold = [Int](repeating: 0, count: n)
    for c in 0..<nClasses {
        var folds: [Int] = []
        for fold in 0..<k { folds += [Int](repeating: fold, count: allocation[fold][c]) }
        if shuffle { rng.shuffle(&folds) }
        var next = 0
        for i in 0..<n where encoded[i] == c {
            testFold[i] = folds[next]
            next += 1
        }
    }
    return (0..<k).map { fold in
        Split(train: (0..<n).filter { testFold[$0] != fold }, test: (0..<n).filter { testFold[$0] == fold })
    }
}
