import Foundation
import QuireArray
import QuireLang
import QuireLearn
import QuireSupport

/// `pipeline(steps...)`, as scikit-learn's `make_pipeline`: the first step turns texts into
/// rows (a TextEncoder's `encode`, or any object's `fit_transform`/`transform`), the steps in
/// between transform rows (scalers), the last is a classifier. `labels` names the classes for
/// `classify`, as the Hugging Face pipeline shows them.
final class PipelineObject: NativeObject {
    let steps: [Value]
    /// Class names by class value (`{0: "negative", 1: "positive"}`), or nil.
    let labels: DictBox?
    let batchSize: Int

    init(steps: [Value], labels: DictBox?, batchSize: Int) {
        self.steps = steps
        self.labels = labels
        self.batchSize = batchSize
    }

    var typeName: String { "Pipeline" }
    var head: Value { steps.last! }

    func displayText() -> String {
        let inner = steps.map { value -> String in
            if case .object(let o) = value { return o.displayText() }
            return Printer.repr(value)
        }
        return "Pipeline(steps=[" + inner.joined(separator: ", ") + "])"
    }

    /// The rows the classifier sees: the first step on the texts, then each transformer.
    func features(_ texts: [String], fitting: Bool, _ args: Arguments) throws -> Value {
        var x: Value
        switch steps[0] {
        case .object(let encoder as TextEncoderObject):
            x = .object(ArrayObject(try encoder.embed(texts, batchSize: batchSize, args)))
        default:
            let list = Value.list(ListBox(texts.map(Value.string)))
            x = try args.context.callMethod(steps[0], fitting ? "fit_transform" : "transform", [list])
        }
        for step in steps.dropFirst().dropLast() {
            x = try args.context.callMethod(step, fitting ? "fit_transform" : "transform", [x])
        }
        return x
    }

    /// The name of a class for `classify`: from `labels`, else the class itself as text.
    func name(of value: Value) throws -> Value {
        if let labels, let name = try labels.get(value) { return name }
        if case .string = value { return value }
        return .string(Printer.repr(value))
    }

    // MARK: - Saving

    /// The encoder's name or folder, the label names and the head's own saved form, in one JSON file.
    func archive() throws -> Data {
        guard case .object(let encoder as TextEncoderObject) = steps[0] else {
            throw QuireError(.value, "only a pipeline that starts with a text_encoder can be saved")
        }
        guard steps.count == 2, case .object(let model as ModelObject) = head else {
            throw QuireError(.value, "only a pipeline of a text_encoder and a classifier can be saved")
        }
        guard model.fittedLabels != nil else { throw LearnErrors.notFitted(model.model.estimatorName) }
        let headData = try ModelArchive.encode(model.model, labels: model.labels?.classes)
        let headJSON = try JSONSerialization.jsonObject(with: headData)
        var names: [[Any]] = []
        if let labels {
            for (k, v) in zip(labels.keys, labels.values) {
                guard case .string(let name) = v else { throw QuireError(.value, "the label names must be strings to be saved") }
                switch k {
                case .int(let i): names.append(["int", i, name])
                case .string(let s): names.append(["string", s, name])
                case .bool(let b): names.append(["bool", b, name])
                default: throw QuireError(.value, "the labels' keys must be ints, strings or bools to be saved")
                }
            }
        }
        let object: [String: Any] = [
            "format": "quire-pipeline", "version": 1, "encoder": encoder.savedName, "batch_size": batchSize,
            "labels": names, "head": headJSON,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// A pipeline from `archive()`'s JSON: the encoder is loaded again by name or folder.
    static func restore(_ data: Data, _ args: Arguments, shown: String) throws -> PipelineObject {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["format"] as? String == "quire-pipeline"
        else { throw QuireError(.io, "cannot load \(shown): it is not a pipeline saved by Quire", argument: "path") }
        guard let name = object["encoder"] as? String, let headJSON = object["head"],
            let headData = try? JSONSerialization.data(withJSONObject: headJSON)
        else { throw QuireError(.io, "cannot load \(shown): its encoder or head is missing", argument: "path") }
        let encoder = try TextEncoderObject.load(name, args, argument: "path")
        let (estimator, labels) = try LearnErrors.run(args, argument: "path") { try ModelArchive.decodeWithLabels(headData, kinds: LearnBuiltins.savableTypes) }
        guard let model = estimator as? any Classifier else { throw QuireError(.io, "cannot load \(shown): its head is not a classifier", argument: "path") }
        let dict = DictBox()
        for pair in (object["labels"] as? [[Any]]) ?? [] {
            guard pair.count == 3, let kind = pair[0] as? String, let label = pair[2] as? String else { continue }
            switch kind {
            case "bool": if let b = pair[1] as? Bool { try dict.set(.bool(b), .string(label)) }
            case "int": if let i = pair[1] as? Int { try dict.set(.int(i), .string(label)) }
            case "string": if let s = pair[1] as? String { try dict.set(.string(s), .string(label)) }
            default: continue
            }
        }
        let head = ModelObject(model, labels: labels.map { Labels(classes: $0) })
        let batch = (object["batch_size"] as? Int) ?? 32
        return PipelineObject(steps: [.object(encoder), .object(head)], labels: dict.count > 0 ? dict : nil, batchSize: batch)
    }

    static let attributes: [Builtin] = [
        Builtin(attribute: "steps", on: "Pipeline", doc: "The steps, first to last, as a list.", example: "clf.steps") { args in
            .list(ListBox(args.receiver(as: PipelineObject.self).steps))
        },
        Builtin(attribute: "classes", on: "Pipeline", doc: "The classes the last step learnt, sorted.", example: "clf.classes") { args in
            guard case .object(let model as ModelObject) = args.receiver(as: PipelineObject.self).head else {
                throw QuireError(.value, "this pipeline's last step is not a classifier")
            }
            guard let labels = model.fittedLabels else { throw LearnErrors.notFitted(model.model.estimatorName) }
            return LabelConversions.value(labels.classes)
        },
    ]
}
