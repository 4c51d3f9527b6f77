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

    var memberNames: [String] { ["classes", "feature_importances", "params"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "classes":
            guard let classes = model.classes else { throw LearnErrors.notFitted(model.estimatorName) }
            return LearnConversions.labelArray(classes, integral: integralLabels)
        case "feature_importances":
            let importances: [Double]?
            switch model {
            case let m as RandomForestClassifier: importances = m.featureImportances
            case let m as DecisionTreeClassifier: importances = m.featureImportances
            default:
                throw QuireError(.name, "\(model.estimatorName) has no feature_importances", hint: "only decision_tree and random_forest have them")
            }
            guard let importances else { throw LearnErrors.notFitted(model.estimatorName) }
            return .object(ArrayObject(NDArray(shape: [importances.count], float64: importances)))
        case "params":
            let dict = DictBox()
            for p in model.hyperParameters { try dict.set(.string(p.name), LearnConversions.value(p.value)) }
            return .dict(dict)
        default:
            return nil
        }
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
