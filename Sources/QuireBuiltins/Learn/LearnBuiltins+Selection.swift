import QuireArray
import QuireLang
import QuireLearn

extension LearnBuiltins {
    static let selection: [Builtin] = [
        Builtin("train_test_split", [
            Parameter("arrays", .any, .variadic), .opt("test_size", .optional(.number), .none),
            .opt("train_size", .optional(.number), .none), .opt("random_state", .optional(.int), .none),
            .opt("shuffle", .bool, .bool(true)), .opt("stratify", .any, .none),
        ], doc: "Splits rows into training and test sets exactly as scikit-learn does.",
            example: "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)",
            body: trainTestSplit),
        Builtin("kfold", [
            .opt("n_splits", .int, .int(5)), .opt("shuffle", .bool, .bool(false)),
            .opt("random_state", .optional(.int), .none),
        ], doc: "Consecutive folds for cross-validation, as scikit-learn's KFold.",
            example: "cross_val_score(model, X, y, cv=kfold(5, shuffle=true, random_state=0))"
        ) { args in try folds(args, stratified: false) },
        Builtin("stratified_kfold", [
            .opt("n_splits", .int, .int(5)), .opt("shuffle", .bool, .bool(false)),
            .opt("random_state", .optional(.int), .none),
        ], doc: "Folds that keep each class's share, as scikit-learn's StratifiedKFold.",
            example: "stratified_kfold(5).split(X, y)"
        ) { args in try folds(args, stratified: true) },
        Builtin("split", on: "Folds", [Parameter("X"), .opt("y", .any, .none)],
            doc: "The (train, test) row positions of each fold.", example: "for train, test in kfold(3).split(X) { print(len(test)) }"
        ) { args in
            let object = args.receiver(as: FoldsObject.self)
            let n = try LearnConversions.rowCount(args.value("X"))
            let labels = args.optional("y") == nil ? nil : try LabelConversions.training(args, "y")
            let splits = try LabelConversions.namingClass(labels?.labels ?? Labels(fitting: .ints([])), args) {
                try object.splits(n: n, labels: labels?.codes)
            }
            return .list(ListBox(splits.map { .tuple([positions($0.train), positions($0.test)]) }))
        },
        Builtin("cross_val_score", [Parameter("model", .object("Model")), Parameter("X"), Parameter("y"), .opt("cv", .any, .int(5))],
            doc: "The model's accuracy on each fold, trained on the other folds.",
            example: "cross_val_score(gaussian_nb(), X, y, cv=5)"
        ) { args in
            let model = try args.object("model", as: ModelObject.self, expected: "a model").model
            let x = try LearnConversions.matrix(args, "X")
            let (labels, y, codes) = try LabelConversions.training(args, "y")
            guard x.rows == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.rows, labels: y.count), args, argument: "y") }
            let splits = try cvSplits(args, rows: x.rows, labels: codes)
            let trained = LabelConversions.forTraining(model, labels)
            let scores = try LabelConversions.namingClass(labels, args, argument: "y") { try crossValScore(trained, x, y, splits: splits) }
            return .object(ArrayObject(NDArray(shape: [scores.count], float64: scores)))
        },
        Builtin("grid_search", [Parameter("model", .object("Model")), Parameter("param_grid", .dict), .opt("cv", .any, .int(5))],
            doc: "Tries every combination of parameters by cross-validation, as scikit-learn's GridSearchCV; call fit(X, y).",
            example: "gs = grid_search(decision_tree(), {\"max_depth\": [3, 5, 7]}, cv=5).fit(X, y)",
            body: gridSearch),
        Builtin("fit", on: "GridSearch", [Parameter("X"), Parameter("y")],
            doc: "Scores every candidate and refits the best on all rows; returns the search.", example: "gs.fit(X, y)"
        ) { args in
            let object = args.receiver(as: GridSearchObject.self)
            let x = try LearnConversions.matrix(args, "X")
            let (labels, y, codes) = try LabelConversions.training(args, "y")
            guard x.rows == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.rows, labels: y.count), args, argument: "y") }
            let splits = try cvSplits(object.cv, args, rows: x.rows, labels: codes)
            object.result = try LabelConversions.namingClass(labels, args) {
                try QuireLearn.gridSearch(LabelConversions.forTraining(object.model, labels), grid: object.grid, x, y, splits: splits)
            }
            object.labels = labels
            return args.receiver!
        },
        Builtin("predict", on: "GridSearch", [Parameter("X")], doc: "Predicts with the best model.",
            example: "gs.predict(X_valid)"
        ) { args in
            let object = args.receiver(as: GridSearchObject.self)
            guard let result = object.result else { throw LearnErrors.notFitted("GridSearchCV") }
            let x = try LearnConversions.matrix(args, "X")
            let predictions = try LearnErrors.run(args, argument: "X") { try result.bestEstimator.predict(x) }
            return LabelConversions.value(ModelObject(result.bestEstimator, labels: object.labels).decode(predictions))
        },
    ]

    private static func positions(_ rows: [Int]) -> Value {
        .object(ArrayObject(NDArray(shape: [rows.count], int64: rows.map { Int64($0) })))
    }

    private static func size(_ args: Arguments, _ name: String) throws -> SplitSize? {
        switch args.value(name) {
        case .none: return nil
        case .int(let i): return .count(i)
        case .double(let d): return .fraction(d)
        default: throw args.bad(name, expected: "a fraction between 0 and 1 or a count of rows")
        }
    }

    /// `random_state` as numpy takes it (0 to 2**32 - 1), or nil when not given.
    static func seed(_ args: Arguments) throws -> UInt32? {
        guard let seed = try args.optionalInt("random_state") else { return nil }
        guard seed >= 0, seed <= Int(UInt32.max) else { throw args.bad("random_state", expected: "an int from 0 to 4294967295") }
        return UInt32(seed)
    }

    private static func trainTestSplit(_ args: Arguments) throws -> Value {
        let arrays = args.rest
        guard let first = arrays.first else {
            throw QuireError(.argument, "train_test_split needs at least one array to split", hint: "train_test_split(X, y, test_size=0.2)")
        }
        let n = try LearnConversions.rowCount(first)
        for other in arrays.dropFirst() {
            let m = try LearnConversions.rowCount(other)
            guard m == n else { throw LearnErrors.sentence(.lengthMismatch(rows: n, labels: m), args) }
        }
        var stratify: [Double]?
        var classes = Labels(fitting: .ints([]))
        if args.optional("stratify") != nil {
            let labels = try LabelConversions.training(args, "stratify")
            (stratify, classes) = (labels.codes, labels.labels)
        }
        let split = try LabelConversions.namingClass(classes, args) {
            try QuireLearn.trainTestSplit(
                nSamples: n, testSize: try size(args, "test_size"), trainSize: try size(args, "train_size"),
                randomState: try seed(args), shuffle: try args.bool("shuffle"), stratify: stratify)
        }
        var parts: [Value] = []
        for array in arrays {
            parts.append(try LearnConversions.selectRows(array, split.train))
            parts.append(try LearnConversions.selectRows(array, split.test))
        }
        return .tuple(parts)
    }

    private static func folds(_ args: Arguments, stratified: Bool) throws -> Value {
        let n = try args.int("n_splits")
        guard n >= 2 else { throw args.bad("n_splits", expected: "an int of at least 2") }
        return .object(FoldsObject(folds: n, stratified: stratified, shuffle: try args.bool("shuffle"), randomState: try seed(args)))
    }

    private static func cvSplits(_ args: Arguments, rows: Int, labels: [Double]) throws -> [Split] {
        try cvSplits(args.value("cv"), args, rows: rows, labels: labels)
    }

    /// `cv`: a number of stratified folds (scikit-learn's default for classifiers) or a Folds object.
    static func cvSplits(_ cv: Value, _ args: Arguments, rows: Int, labels: [Double]) throws -> [Split] {
        switch cv {
        case .int(let k):
            guard k >= 2 else { throw QuireError(.argument, "bad argument \"cv\" to \(args.builtin.qualifiedName): expected an int of at least 2, got \(k) (an int)", argument: "cv") }
            return try LearnErrors.run(args) { try defaultFolds(labels, folds: k) }
        case .object(let folds as FoldsObject):
            return try LearnErrors.run(args) { try folds.splits(n: rows, labels: labels) }
        default:
            throw Arguments.badArgument("cv", to: args.builtin.qualifiedName, expected: "a number of folds or kfold(...)", got: cv)
        }
    }

    private static func gridSearch(_ args: Arguments) throws -> Value {
        let model = try args.object("model", as: ModelObject.self, expected: "a model").model
        guard case .dict(let dict) = args.value("param_grid") else { throw args.bad("param_grid", expected: "a dict") }
        var grid: [(name: String, values: [ParameterValue])] = []
        for (key, value) in zip(dict.keys, dict.values) {
            guard case .string(let name) = key else { throw args.bad("param_grid", expected: "a dict with parameter names as keys") }
            guard model.parameterNames.contains(name) else {
                var error = QuireError(.argument, "\(model.estimatorName) has no parameter \"\(name)\"", argument: "param_grid")
                if let close = Suggest.closest(to: name, in: model.parameterNames) { error.hint = "did you mean \"\(close)\"?" }
                throw error
            }
            let items: [Value]
            switch value {
            case .list(let l): items = l.items
            case .tuple(let t): items = t
            default: throw args.bad("param_grid", expected: "a list of values for \"\(name)\"")
            }
            var values: [ParameterValue] = []
            for item in items {
                guard let p = LearnConversions.parameter(item) else {
                    throw args.bad("param_grid", expected: "numbers, strings, bools or none as values")
                }
                var probe = model
                do { try probe.set(name, p) } catch let error as LearnError { throw LearnErrors.sentence(error, args, argument: "param_grid") }
                values.append(p)
            }
            guard !values.isEmpty else { throw args.bad("param_grid", expected: "at least one value for \"\(name)\"") }
            grid.append((name, values))
        }
        return .object(GridSearchObject(model: model, grid: grid, cv: args.value("cv")))
    }
}
