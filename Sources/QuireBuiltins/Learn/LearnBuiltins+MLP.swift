import QuireArray
import QuireLang
import QuireLearn

extension LearnBuiltins {
    /// What a model trained epoch by epoch shows: its loss per epoch and how training ended.
    static let networkAttributes: [Builtin] = [
        epochs("loss_curve", "The mean training loss of each epoch (scikit-learn's loss_curve_), a list.", "mlp.loss_curve") { model in
            guard let curve = model.lossCurve else { return nil }
            return .list(ListBox(curve.map { .double($0) }))
        },
        epochs("n_iter", "How many epochs fit ran (scikit-learn's n_iter_).", "mlp.n_iter") { model in
            model.lossCurve.map { .int($0.count) }
        },
        epochs("best_loss", "The lowest training loss of any epoch; none with early_stopping (scikit-learn's best_loss_).",
            "mlp.best_loss"
        ) { model in
            guard model.lossCurve != nil else { return nil }
            return model.bestLoss.map { .double($0) } ?? Value.none
        },
        epochs("validation_scores", "The validation accuracy of each epoch with early_stopping, a list; none without.",
            "mlp.validation_scores"
        ) { model in
            guard model.lossCurve != nil else { return nil }
            return model.validationScores.map { .list(ListBox($0.map { .double($0) })) } ?? Value.none
        },
    ]

    /// An attribute of models trained by epochs; `read` gives nil before fit.
    private static func epochs(
        _ name: String, _ doc: String, _ example: String, _ read: @escaping (any TrainsByEpochs) throws -> Value?
    ) -> Builtin {
        Builtin(attribute: name, on: "Model", doc: doc, example: example) { args in
            let model = args.receiver(as: ModelObject.self).model
            guard let trained = model as? any TrainsByEpochs else {
                throw QuireError(.name, "\(model.estimatorName) has no \(name)", hint: "only networks trained by epochs (mlp_classifier) have one")
            }
            guard let value = try read(trained) else { throw LearnErrors.notFitted(model.estimatorName) }
            return value
        }
    }
}

extension LearnBuiltins {
    /// scikit-learn's `validation_curve` and `learning_curve`, for any model.
    static let curves: [Builtin] = [
        Builtin("validation_curve", [
            Parameter("model", .object("Model")), Parameter("X"), Parameter("y"), Parameter("param_name", .string),
            Parameter("param_range", .sequence), .opt("cv", .any, .int(5)),
        ], doc: "Train and test accuracy (one row per value, one column per fold) as one setting varies, as scikit-learn's validation_curve.",
            example: "train_scores, test_scores = validation_curve(mlp_classifier(), X, y, \"alpha\", [0.0001, 0.01, 1], cv=3)"
        ) { args in
            let model = try args.object("model", as: ModelObject.self, expected: "a model").model
            let x = try LearnConversions.matrix(args, "X")
            let (labels, y, codes) = try LabelConversions.training(args, "y")
            guard x.rows == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.rows, labels: y.count), args, argument: "y") }
            let name = try args.string("param_name")
            guard model.parameterNames.contains(name) else {
                var error = QuireError(.argument, "\(model.estimatorName) has no parameter \"\(name)\"", argument: "param_name")
                if let close = Suggest.closest(to: name, in: model.parameterNames) { error.hint = "did you mean \"\(close)\"?" }
                throw error
            }
            var values: [ParameterValue] = []
            for item in try args.sequence("param_range") {
                guard let p = LearnConversions.parameter(item) else {
                    throw args.bad("param_range", expected: "numbers, strings, bools, lists of ints or none as values")
                }
                var probe = model
                do { try probe.set(name, p) } catch let error as LearnError { throw LearnErrors.sentence(error, args, argument: "param_range") }
                values.append(p)
            }
            guard !values.isEmpty else { throw args.bad("param_range", expected: "at least one value") }
            let splits = try cvSplits(args.value("cv"), args, rows: x.rows, labels: codes)
            let trained = LabelConversions.forTraining(model, labels)
            let scores = try LabelConversions.namingClass(labels, args, argument: "y") {
                try validationCurve(trained, x, y, name: name, values: values, splits: splits)
            }
            return .tuple([LearnConversions.arrayValue(scores.train), LearnConversions.arrayValue(scores.test)])
        },
        Builtin("learning_curve", [
            Parameter("model", .object("Model")), Parameter("X"), Parameter("y"),
            .opt("train_sizes", .sequence, .list(ListBox([0.1, 0.325, 0.55, 0.775, 1.0].map { .double($0) }))),
            .opt("cv", .any, .int(5)),
        ], doc: "Training sizes and the train and test accuracy at each (one row per size, one column per fold), as scikit-learn's learning_curve.",
            example: "sizes, train_scores, test_scores = learning_curve(mlp_classifier(), X, y, train_sizes=[0.25, 0.5, 1.0], cv=3)"
        ) { args in
            let model = try args.object("model", as: ModelObject.self, expected: "a model").model
            let x = try LearnConversions.matrix(args, "X")
            let (labels, y, codes) = try LabelConversions.training(args, "y")
            guard x.rows == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.rows, labels: y.count), args, argument: "y") }
            // As a numpy array: one float among the sizes makes them all fractions.
            let items = try args.sequence("train_sizes")
            let fractions = items.contains { if case .double = $0 { true } else { false } }
            let sizes: [SplitSize] = try items.map { item in
                switch item {
                case .int(let i): return fractions ? .fraction(Double(i)) : .count(i)
                case .double(let d): return .fraction(d)
                default: throw args.bad("train_sizes", expected: "a list of fractions in (0, 1] or of row counts")
                }
            }
            let splits = try cvSplits(args.value("cv"), args, rows: x.rows, labels: codes)
            let trained = LabelConversions.forTraining(model, labels)
            let (counts, scores) = try LabelConversions.namingClass(labels, args, argument: "y") {
                try learningCurve(trained, x, y, sizes: sizes, splits: splits)
            }
            return .tuple([
                .object(ArrayObject(NDArray(shape: [counts.count], int64: counts.map { Int64($0) }))),
                LearnConversions.arrayValue(scores.train), LearnConversions.arrayValue(scores.test),
            ])
        },
    ]
}
