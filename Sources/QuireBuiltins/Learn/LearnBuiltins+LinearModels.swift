import QuireArray
import QuireLang
import QuireLearn

extension LearnBuiltins {
    /// The members of linear models that score rows (linear_svc): decision_function, coef and
    /// intercept, as scikit-learn's decision_function, coef_ and intercept_.
    static let linearModelMembers: [Builtin] = [
        Builtin("decision_function", on: "Model", [Parameter("X")],
            doc: "The score of each row: one per row for two classes (positive means the second class), one per class otherwise.",
            example: "svm.decision_function(X_test)"
        ) { args in
            let object = args.receiver(as: ModelObject.self)
            let model = try scoring(object.model, "decision_function")
            let x = try ModelInput.of(args, "X", for: object.model)
            let z = try LearnErrors.run(args, argument: "X") { () throws -> Matrix in
                switch x {
                case .dense(let m): return try model.decisionFunction(m)
                case .sparse(let s): return try model.decisionFunction(s)
                }
            }
            if z.cols == 1 { return .object(ArrayObject(NDArray(shape: [z.rows], float64: z.values))) }
            return LearnConversions.arrayValue(z)
        },
        linear("coef", "The weight of each feature: one row for two classes, one row per class otherwise (scikit-learn's coef_).",
            "svm.coef") { model in
            .object(ArrayObject(NDArray(shape: [model.outputs, model.coefficients.count / max(model.outputs, 1)], float64: model.coefficients)))
        },
        linear("intercept", "The intercept of each row of coef, an array; 0.0 with fit_intercept=false (scikit-learn's intercept_).",
            "svm.intercept") { model in
            model.settings.bool("fit_intercept") ? .object(ArrayObject(NDArray(shape: [model.outputs], float64: model.intercepts))) : .double(0)
        },
    ]

    /// The model as one that scores rows, or the error that names which models do.
    private static func scoring(_ model: any Classifier, _ member: String) throws -> any HasDecisionFunction {
        guard let scoring = model as? any HasDecisionFunction else {
            throw QuireError(.name, "\(model.estimatorName) has no \(member)", hint: "linear_svc has one; for probabilities use predict_proba")
        }
        return scoring
    }

    /// An attribute of a fitted linear_svc.
    private static func linear(_ name: String, _ doc: String, _ example: String, _ read: @escaping (LinearSVC) -> Value) -> Builtin {
        Builtin(attribute: name, on: "Model", doc: doc, example: example) { args in
            let model = args.receiver(as: ModelObject.self).model
            guard let svm = model as? LinearSVC else {
                throw QuireError(.name, "\(model.estimatorName) has no \(name)", hint: "only linear models (linear_svc) have one")
            }
            guard svm.classes != nil else { throw LearnErrors.notFitted(model.estimatorName) }
            return read(svm)
        }
    }

    /// scikit-learn's ConvergenceWarning, written to the output after a fit that stopped at its
    /// iteration limit.
    static func warnIfNotConverged(_ model: any Classifier, _ args: Arguments) {
        guard let reporting = model as? any ReportsConvergence, let warning = reporting.convergenceWarning else { return }
        args.context.write("ConvergenceWarning: \(warning)\n")
    }
}
