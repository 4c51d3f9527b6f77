import Foundation
import QuireArray
import QuireLang
import QuireLearn
import QuireSupport

/// A classifier in the language: shown as scikit-learn's repr, with fit / predict /
/// predict_proba / score / save and the members `classes` and `feature_importances`.
final class ModelObject: NativeObject {
    var model: any Classifier
    /// The classes as the training labels gave them (ints, floats, bools or strings), sorted as
    /// the model's numeric classes are; nil before fit.
    var labels: Labels?

    init(_ model: any Classifier, labels: Labels? = nil) {
        self.model = model
        self.labels = labels
    }

    /// The labels of a fitted model: the ones fit saw, or for a model saved without them, its
    /// numeric classes (ints when all are whole).
    var fittedLabels: Labels? {
        if let labels { return labels }
        guard let classes = model.classes else { return nil }
        return Labels(classes: Self.numericLabels(classes))
    }

    /// Numeric classes as labels: ints when all are whole numbers, else floats.
    static func numericLabels(_ classes: [Double]) -> LabelList {
        classes.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) ? .ints(classes.map { Int64($0) }) : .floats(classes)
    }

    /// Predictions of the numeric model as the training labels' kind.
    func decode(_ predictions: [Double]) -> LabelList {
        guard let labels = fittedLabels, let classes = model.classes else { return .floats(predictions) }
        return labels.decode(predictions: predictions, modelClasses: classes)
    }

    var typeName: String { "Model" }
    func displayText() -> String { model.repr }

    /// The attributes of a model, registered like its methods.
    static let attributes: [Builtin] = [
        attribute("classes", "The class labels seen by fit, sorted.", "rfc.classes") { object in
            guard let labels = object.fittedLabels else { throw LearnErrors.notFitted(object.model.estimatorName) }
            return LabelConversions.value(labels.classes)
        },
        attribute("feature_importances", "How much each feature counted, summing to 1 (tree models only).", "rfc.feature_importances") { object in
            let model = object.model
            guard let learns = model as? any HasFeatureImportances else {
                throw QuireError(.name, "\(model.estimatorName) has no feature_importances", hint: "only tree models (decision_tree, random_forest) learn them")
            }
            guard let importances = learns.featureImportances else { throw LearnErrors.notFitted(model.estimatorName) }
            return .object(ArrayObject(NDArray(shape: [importances.count], float64: importances)))
        },
        attribute("params", "Every setting and its value, as a dict (scikit-learn's get_params).", "rfc.params") { object in
            let dict = DictBox()
            for p in object.model.hyperParameters { try dict.set(.string(p.name), LearnConversions.value(p.value)) }
            return .dict(dict)
        },
    ]

    private static func attribute(_ name: String, _ doc: String, _ example: String, _ read: @escaping (ModelObject) throws -> Value) -> Builtin {
        Builtin(attribute: name, on: "Model", doc: doc, example: example) { args in try read(args.receiver(as: ModelObject.self)) }
    }
}

/// A scaler in the language: fit / transform / fit_transform / save.
final class ScalerObject: NativeObject {
    var scaler: any Scaler

    init(_ scaler: any Scaler) { self.scaler = scaler }

    var typeName: String { "Scaler" }
    func displayText() -> String { scaler.repr }
}

/// `classification_report`'s result: printing it, or showing it as a value, gives the text in
/// scikit-learn's layout.
final class ReportObject: NativeObject {
    let text: String
    init(_ text: String) { self.text = text }
    var typeName: String { "Report" }
    func displayText() -> String { text }
    func richDisplay() -> RichDisplay? { .html("<pre>" + HTMLEscape.escape(text) + "</pre>") }
}

extension LearnErrors {
    static func notFitted(_ model: String) -> QuireError {
        QuireError(.value, "this \(model) is not fitted yet", hint: "call fit(X, y) first")
    }
}
