import Foundation
import QuireLang
import QuireLearn
import QuireSupport

extension LearnBuiltins {
    /// A constructor: sets each declared parameter on a fresh estimator.
    private static func model(_ make: @escaping @Sendable () -> any Classifier) -> Builtin.Body {
        { args in .object(ModelObject(try LearnConversions.configure(make(), args))) }
    }

    /// A constructor's parameters: the model's declared settings.
    private static func settings<M: Configurable>(of model: M.Type) -> [Parameter] {
        LearnConversions.parameters(M.declaredSettings)
    }

    /// A model's row: its constructor builtin (parameters from the model's declared settings)
    /// and its type, which `load_model` reads back from files.
    struct ModelRow {
        let builtin: Builtin
        /// The model's type, for loading saved models. A function, so that building the registry
        /// at start does not make the runtime look up a generic model's conformances (DiscreteNB<F>:
        /// about 0.1 ms each).
        let type: @Sendable () -> any Savable.Type
    }

    private static func row<M: Classifier & Savable>(_ name: String, _ type: M.Type, doc: String, example: String) -> ModelRow {
        ModelRow(builtin: Builtin(name, settings(of: M.self), doc: doc, example: example, body: model { M() }), type: { M.self })
    }

    /// Every model, one row each: adding a classifier to the language is one row here.
    static let modelRows: [ModelRow] = [
        row("gaussian_nb", GaussianNB.self, doc: "Gaussian naive Bayes, as scikit-learn's GaussianNB.", example: "nb = gaussian_nb()"),
        row("knn", KNeighborsClassifier.self, doc: "k-nearest neighbours with a k-d tree, as scikit-learn's KNeighborsClassifier.",
            example: "knn(n_neighbors=3, leaf_size=25)"),
        row("svc", SVC.self, doc: "A support vector classifier on LIBSVM, as scikit-learn's SVC.",
            example: "svc(decision_function_shape=\"ovo\")"),
        row("decision_tree", DecisionTreeClassifier.self, doc: "A CART decision tree, as scikit-learn's DecisionTreeClassifier.",
            example: "decision_tree(max_depth=5, random_state=0)"),
        row("random_forest", RandomForestClassifier.self,
            doc: "A random forest that averages its trees' probabilities, as scikit-learn's RandomForestClassifier.",
            example: "random_forest(n_estimators=200, max_depth=7, random_state=7)"),
        naiveBayesRow("multinomial_nb", MultinomialNB.self, doc: "Naive Bayes for counts (words), as scikit-learn's MultinomialNB; takes sparse matrices.",
            example: "nb = multinomial_nb(alpha=1.0)"),
        naiveBayesRow("bernoulli_nb", BernoulliNB.self, doc: "Naive Bayes for present/absent features, as scikit-learn's BernoulliNB; takes sparse matrices.",
            example: "nb = bernoulli_nb(alpha=1.0)"),
        naiveBayesRow("complement_nb", ComplementNB.self, doc: "Complement naive Bayes for counts, as scikit-learn's ComplementNB; takes sparse matrices.",
            example: "nb = complement_nb()"),
        row("logistic_regression", LogisticRegression.self,
            doc: "Multinomial logistic regression with an L2 penalty, as scikit-learn's LogisticRegression.",
            example: "logistic_regression(C=0.5, max_iter=500)"),
        row("linear_svc", LinearSVC.self,
            doc: "A linear support vector classifier on LIBLINEAR's solvers, as scikit-learn's LinearSVC; takes sparse matrices.",
            example: "linear_svc(C=0.5, random_state=0)"),
        row("mlp_classifier", MLPClassifier.self,
            doc: "A multi-layer perceptron trained by adam or sgd, as scikit-learn's MLPClassifier (same loss_curve for the same random_state).",
            example: "mlp_classifier(hidden_layer_sizes=[64], max_iter=50, random_state=0)"),
    ]

    /// What `load_model` can read: every model above and the scalers.
    static let savableTypes: [any Savable.Type] = modelRows.map { $0.type() } + [StandardScaler.self, MinMaxScaler.self]

    static let models: [Builtin] = modelRows.map(\.builtin) + [
        Builtin("standard_scaler", [], doc: "Scales each feature to mean 0 and standard deviation 1.",
            example: "X_scaled = standard_scaler().fit_transform(X)"
        ) { args in .object(ScalerObject(try LearnConversions.configure(StandardScaler(), args))) },
        Builtin("min_max_scaler", [], doc: "Scales each feature to the range 0 to 1.",
            example: "X_scaled = min_max_scaler().fit_transform(X)"
        ) { args in .object(ScalerObject(try LearnConversions.configure(MinMaxScaler(), args))) },
        Builtin("load_model", [Parameter("path", .string)], doc: "Reads a model or scaler saved with save(path).",
            example: "rf = load_model(\"rf.json\")", body: loadModel),
    ]

    static let modelMethods: [Builtin] = [
        Builtin("fit", on: "Model", [Parameter("X"), Parameter("y")],
            doc: "Trains the model on rows X with labels y; returns the model.", example: "rfc.fit(X_train, y_train)",
            body: fit),
        Builtin("predict", on: "Model", [Parameter("X")], doc: "The predicted label of each row.",
            example: "y_pred = rfc.predict(X_valid)"
        ) { args in
            let object = args.receiver(as: ModelObject.self)
            let x = try ModelInput.of(args, "X", for: object.model)
            let predictions = try LearnErrors.run(args, argument: "X") { try x.predict(object.model) }
            return LabelConversions.value(object.decode(predictions))
        },
        Builtin("predict_proba", on: "Model", [Parameter("X")],
            doc: "The probability of each class (columns in the order of model.classes) for each row.",
            example: "rfc.predict_proba(X_valid)"
        ) { args in
            let object = args.receiver(as: ModelObject.self)
            let x = try ModelInput.of(args, "X", for: object.model)
            return LearnConversions.arrayValue(try LearnErrors.run(args, argument: "X") { try x.predictProba(object.model) })
        },
        Builtin("score", on: "Model", [Parameter("X"), Parameter("y")], doc: "The accuracy on rows X with labels y.",
            example: "rfc.score(X_valid, y_valid)"
        ) { args in
            let object = args.receiver(as: ModelObject.self)
            let x = try ModelInput.of(args, "X", for: object.model)
            let y = try LabelConversions.labels(args, "y")
            guard x.rows == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.rows, labels: y.count), args, argument: "y") }
            let predicted = object.decode(try LearnErrors.run(args, argument: "X") { try x.predict(object.model) })
            let (_, t, p) = try LabelConversions.union(y, predicted, says: ("y holds", "the model predicts"), argument: "y", args)
            return .double(accuracyScore(t, p))
        },
        Builtin("save", on: "Model", [Parameter("path", .string)], doc: "Writes the model to a JSON file.",
            example: "rfc.save(\"rf.json\")"
        ) { args in
            let object = args.receiver(as: ModelObject.self)
            return try save(object.model, labels: object.labels?.classes, args)
        },
        Builtin("fit", on: "Scaler", [Parameter("X")], doc: "Learns each feature's scale from X; returns the scaler.",
            example: "scaler.fit(X_train)"
        ) { args in
            let object = args.receiver(as: ScalerObject.self)
            let x = try LearnConversions.matrix(args, "X")
            try LearnErrors.run(args, argument: "X") { try object.scaler.fit(x) }
            return args.receiver!
        },
        Builtin("transform", on: "Scaler", [Parameter("X")], doc: "Scales X with what fit learnt.",
            example: "scaler.transform(X_valid)"
        ) { args in
            let object = args.receiver(as: ScalerObject.self)
            let x = try LearnConversions.matrix(args, "X")
            return LearnConversions.arrayValue(try LearnErrors.run(args, argument: "X") { try object.scaler.transform(x) })
        },
        Builtin("fit_transform", on: "Scaler", [Parameter("X")], doc: "Learns the scale from X and scales it.",
            example: "X_train = scaler.fit_transform(X_train)"
        ) { args in
            let object = args.receiver(as: ScalerObject.self)
            let x = try LearnConversions.matrix(args, "X")
            return LearnConversions.arrayValue(try LearnErrors.run(args, argument: "X") { try object.scaler.fitTransform(x) })
        },
        Builtin("save", on: "Scaler", [Parameter("path", .string)], doc: "Writes the scaler to a JSON file.",
            example: "scaler.save(\"scaler.json\")"
        ) { args in try save(args.receiver(as: ScalerObject.self).scaler, args) },
    ]

    private static func fit(_ args: Arguments) throws -> Value {
        let object = args.receiver(as: ModelObject.self)
        let input = try ModelInput.of(args, "X", for: object.model)
        let (labels, y, _) = try LabelConversions.training(args, "y")
        let userModel = object.model
        var model = LabelConversions.forTraining(userModel, labels)
        do {
            if case .sparse(let s) = input {
                model = try ModelInput.fit(model, s, y)
            } else if case .dense(let x) = input, var reporting = model as? any ReportsProgress, args.context.isInteractive {
                let bar = ProgressBar(noun: reporting.progressNoun)
                defer { bar.finish() }
                try reporting.fit(x, y) { done, total in bar.update(done, total) }
                model = reporting
            } else if case .dense(let x) = input {
                try model.fit(x, y)
            }
        } catch LearnError.oneClass where labels.count == 1 {
            // The class as the user wrote it (the model saw a number).
            throw QuireError(.value, "y holds only one class (\(labels.classes.names[0])); a classifier needs at least two", argument: "y")
        } catch LearnError.classesNotWeighted(let values) {
            throw LearnErrors.classesNotWeighted(LabelConversions.names(of: values, labels))
        } catch let error as LearnError {
            throw LearnErrors.sentence(error, args, argument: "y")
        } catch let error as TextError {
            throw textError(error, args)
        }
        // The user's own class_weight dict (its keys as written), after training on positions.
        if let weights = userModel.hyperParameters.first(where: { $0.name == "class_weight" })?.value {
            try? model.set("class_weight", weights)
        }
        object.model = model
        object.labels = labels
        warnIfNotConverged(model, args)
        return args.receiver!
    }

    private static func save(_ estimator: any Estimator, labels: LabelList? = nil, _ args: Arguments) throws -> Value {
        let (shown, path) = try args.filePath(for: .write)
        let data = try LearnErrors.run(args) { try ModelArchive.encode(estimator, labels: labels) }
        do {
            try AtomicWrite.write(data, to: path, shownAs: shown)
        } catch {
            throw QuireError(.io, "cannot write \"\(shown)\": \(error.reason)", argument: "path")
        }
        return .none
    }

    private static func loadModel(_ args: Arguments) throws -> Value {
        let (given, path) = try args.filePath(for: .read)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QuireError(.io, "cannot read \(given): no such file", argument: "path")
        }
        if NetworkArchive.holdsNetwork(data) { return try loadNetwork(data, args) }
        // Files of other kinds (layered networks) have readers of their own, chosen by `kind`.
        if let kind = ModelArchive.kind(of: data), kind != ModelArchive.estimatorKind {
            throw QuireError(.io, "cannot load the model: this version of Quire cannot read models of kind \"\(kind)\"", argument: "path")
        }
        let (estimator, labels) = try LearnErrors.run(args, argument: "path") { try ModelArchive.decodeWithLabels(data, kinds: savableTypes) }
        switch estimator {
        case let model as any Classifier:
            // Files without labels (older ones) give back the numeric classes.
            if let labels, labels.count != model.classes?.count {
                throw QuireError(.io, "cannot load the model: its class labels do not match its classes", argument: "path")
            }
            return .object(ModelObject(model, labels: labels.map { Labels(classes: $0) }))
        case let scaler as any Scaler:
            return .object(ScalerObject(scaler))
        default:
            throw QuireError(.io, "cannot load \(given): it holds no model")
        }
    }
}
