import Foundation

/// The folds scikit-learn uses for a classifier given `cv=k`: StratifiedKFold without shuffling.
public func defaultFolds(_ y: [Double], folds: Int) throws -> [Split] {
    try stratifiedKFold(y, nSplits: folds)
}

/// `cross_val_score`: the model's accuracy on each fold, trained on the other folds.
public func crossValScore(_ model: any Classifier, _ x: Matrix, _ y: [Double], splits: [Split]) throws -> [Double] {
    guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
    return try splits.map { split in
        var fresh = model
        try fresh.fit(x.selecting(rows: split.train), split.train.map { y[$0] })
        return try fresh.score(x.selecting(rows: split.test), split.test.map { y[$0] })
    }
}

/// One candidate of a grid search and how it scored.
public struct GridSearchRow: Sendable {
    public let parameters: [(name: String, value: ParameterValue)]
    public let splitScores: [Double]
    public let meanScore: Double
    public let stdScore: Double
    public var rank: Int
}

/// What `GridSearchCV` finds: the best parameters and score, every candidate, and the best model
/// refitted on all rows.
public struct GridSearchResult: Sendable {
    public let rows: [GridSearchRow]
    public let bestIndex: Int
    public let bestEstimator: any Classifier

    public var bestParameters: [(name: String, value: ParameterValue)] { rows[bestIndex].parameters }
    public var bestScore: Double { rows[bestIndex].meanScore }
}

/// Every combination of a grid in scikit-learn's ParameterGrid order: names sorted, the last
/// name varying fastest.
public func parameterGrid(_ grid: [(name: String, values: [ParameterValue])]) -> [[(name: String, value: ParameterValue)]] {
    let sorted = grid.sorted { $0.name < $1.name }
    var combos: [[(name: String, value: ParameterValue)]] = [[]]
    for (name, values) in sorted {
        combos = combos.flatMap { prefix in values.map { prefix + [(name, $0)] } }
    }
    return combos
}

/// `GridSearchCV(model, grid, cv=splits).fit(x, y)`, scored by accuracy.
public func gridSearch(
    _ model: any Classifier, grid: [(name: String, values: [ParameterValue])], _ x: Matrix, _ y: [Double],
    splits: [Split], progress: ((Int, Int) -> Void)? = nil
) throws -> GridSearchResult {
    let candidates = parameterGrid(grid)
    guard !candidates.isEmpty, grid.allSatisfy({ !$0.values.isEmpty }) else {
        throw LearnError.badParameter(name: "param_grid", expected: "a list of values for every parameter")
    }
    var rows: [GridSearchRow] = []
    for (n, parameters) in candidates.enumerated() {
        var candidate = model
        for (name, value) in parameters { try candidate.set(name, value) }
        let scores = try crossValScore(candidate, x, y, splits: splits)
        let mean = scores.reduce(0, +) / Double(scores.count)
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count)
        rows.append(GridSearchRow(parameters: parameters, splitScores: scores, meanScore: mean, stdScore: variance.squareRoot(), rank: 0))
        progress?(n + 1, candidates.count)
    }
    // Ranks as scipy's rankdata(method="min") of the negated means.
    for i in rows.indices { rows[i].rank = 1 + rows.filter { $0.meanScore > rows[i].meanScore }.count }
    let best = rows.indices.min { rows[$0].rank < rows[$1].rank }!
    var refit = model
    for (name, value) in rows[best].parameters { try refit.set(name, value) }
    try refit.fit(x, y)
    return GridSearchResult(rows: rows, bestIndex: best, bestEstimator: refit)
}
