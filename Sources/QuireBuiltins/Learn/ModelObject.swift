import Foundation
import QuireArray
import QuireLang
import QuireLearn
import QuireSupport

/// A classifier in the language: shown as scikit-learn's repr, with fit / predict /
/// predict_proba / score / save and the members `classes` and `feature_importances`.
final class ModelObject: NativeObject {
    var model: any Classifier
    /// Whether the training labels were integers, so predictions come back as int64.
    var integralLabels = true

    init(_ model: any Classifier) { self.model = model }

    var typeName: String { "Model" }
    func displayText() -> String { model.repr }

    /// The attributes of a model, registered like its methods.
    static let attributes: [Builtin] = [
        attribute("classes", "The class labels seen by fit, sorted.", "rfc.classes") { object in
            guard let classes = object.model.classes else { throw LearnErrors.notFitted(object.model.estimatorName) }
            return LearnConversions.labelArray(classes, integral: object.integralLabels)
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
