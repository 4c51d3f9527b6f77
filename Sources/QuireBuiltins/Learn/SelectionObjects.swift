import Foundation
import QuireArray
import QuireLang
import QuireLearn

/// `kfold(...)` or `stratified_kfold(...)`: how to cut rows into folds; `split(X, y)` gives the
/// (train, test) positions, and `cross_val_score` / `grid_search` accept it as `cv`.
final class FoldsObject: NativeObject {
    let folds: Int
    let stratified: Bool
    let shuffle: Bool
    let randomState: UInt32?

    init(folds: Int, stratified: Bool, shuffle: Bool, randomState: UInt32?) {
        self.folds = folds
        self.stratified = stratified
        self.shuffle = shuffle
        self.randomState = randomState
    }

    var typeName: String { "Folds" }
    func displayText() -> String {
        let random = randomState.map { "\($0)" } ?? "None"
        return "\(stratified ? "StratifiedKFold" : "KFold")(n_splits=\(folds), random_state=\(random), shuffle=\(shuffle ? "True" : "False"))"
    }

    /// The splits of `n` rows (labels needed when stratified).
    func splits(n: Int, labels: [Double]?) throws -> [Split] {
        // `labels` are class positions (or any numbers that keep the classes apart).
        if stratified {
            guard let labels else { throw LearnError.badParameter(name: "y", expected: "the labels, to stratify the folds") }
            return try stratifiedKFold(labels, nSplits: folds, shuffle: shuffle, randomState: randomState)
        }
        return try kFold(nSamples: n, nSplits: folds, shuffle: shuffle, randomState: randomState)
    }
}

/// `grid_search(model, grid, cv=5)`: after `fit(X, y)`, the best parameters and score, every
/// candidate's scores, and the best model refitted on all rows.
final class GridSearchObject: NativeObject {
    let model: any Classifier
    let grid: [(name: String, values: [ParameterValue])]
    let cv: Value
    var result: GridSearchResult?
    /// The classes of the labels fit saw.
    var labels: Labels?

    init(model: any Classifier, grid: [(name: String, values: [ParameterValue])], cv: Value) {
        self.model = model
        self.grid = grid
        self.cv = cv
    }

    var typeName: String { "GridSearch" }
    /// The attributes of a grid search, registered like its methods; each needs `fit` first.
    static let attributes: [Builtin] = [
        attribute("best_params", "The parameters of the best candidate, as a dict.", "search.best_params") {
            .dict(try GridSearchObject.dict($0.bestParameters))
        },
        attribute("best_score", "The best candidate's mean cross-validated accuracy.", "search.best_score") { .double($0.bestScore) },
        attribute("best_estimator", "The best candidate, refitted on all rows.", "search.best_estimator") { result in
            .object(ModelObject(result.bestEstimator))
        },
        attribute("cv_results", "Every candidate's parameters, scores and rank, as a list of dicts.", "search.cv_results") { result in
            .list(ListBox(try result.rows.map { row in
                let d = DictBox()
                try d.set(.string("params"), .dict(try GridSearchObject.dict(row.parameters)))
                try d.set(.string("mean_test_score"), .double(row.meanScore))
                try d.set(.string("std_test_score"), .double(row.stdScore))
                try d.set(.string("rank_test_score"), .int(row.rank))
                try d.set(.string("split_test_scores"), .list(ListBox(row.splitScores.map { .double($0) })))
                return .dict(d)
            }))
        },
    ]

    private static func attribute(
        _ name: String, _ doc: String, _ example: String, _ read: @escaping (GridSearchResult) throws -> Value
    ) -> Builtin {
        Builtin(attribute: name, on: "GridSearch", doc: doc, example: example) { args in
            let search = args.receiver(as: GridSearchObject.self)
            guard let result = search.result else { throw LearnErrors.notFitted("GridSearchCV") }
            let value = try read(result)
            if case .object(let model as ModelObject) = value { model.labels = search.labels }
            return value
        }
    }

    static func dict(_ parameters: [(name: String, value: ParameterValue)]) throws -> DictBox {
        let d = DictBox()
        for (name, value) in parameters { try d.set(.string(name), LearnConversions.value(value)) }
        return d
    }

    /// Before fit: GridSearchCV's repr. After: a table of every candidate, best first by rank.
    func displayText() -> String {
        let gridText = grid.map { "'\($0.name)': [" + $0.values.map(\.pythonRepr).joined(separator: ", ") + "]" }
            .joined(separator: ", ")
        guard let result else { return "GridSearchCV(estimator=\(model.repr), param_grid={\(gridText)})" }
        var lines = ["GridSearchCV(estimator=\(model.repr), param_grid={\(gridText)})"]
        lines.append("best: " + Self.paramsText(result.bestParameters) + String(format: "  score %.4f", result.bestScore))
        lines.append("rank  mean    std     params")
        for row in result.rows.sorted(by: { $0.rank < $1.rank }) {
            lines.append(String(format: "%4d  %.4f  %.4f  ", row.rank, row.meanScore, row.stdScore) + Self.paramsText(row.parameters))
        }
        return lines.joined(separator: "\n")
    }

    static func paramsText(_ parameters: [(name: String, value: ParameterValue)]) -> String {
        "{" + parameters.map { "'\($0.name)': \($0.value.pythonRepr)" }.joined(separator: ", ") + "}"
    }
}
