import Foundation

/// Saving and loading models as JSON: `{"format": "quire-model", "version": 2, "type": ...,
/// "model": {"settings": {...}, ...what fit learnt}, "labels": {"kind": "strings", "values": [...]}}`;
/// `labels` (the classes as the user gave them) is absent from older files and from scalers.
/// `kind` says which loader reads the file: `"estimator"` (a model with declared settings, read
/// here; files without `kind` are estimators) or another kind of model (layered networks) whose
/// own reader `load_model` picks by this field.
public enum ModelArchive {
    /// The `kind` of the files this archive writes and reads.
    public static let estimatorKind = "estimator"

    /// Marks a file as a Quire model.
    static let format = "quire-model"
    /// Bumped when the stored layout changes. Version 1 kept settings under Swift property names;
    /// such files are translated on reading (`Version1`).
    static let version = 2

    /// The savable type with this scikit-learn name, among `kinds`.
    static func kind(named name: String, in kinds: [any Savable.Type]) -> (any Savable.Type)? {
        kinds.first { $0.init().estimatorName == name }
    }

    private struct Header: Codable {
        let format: String
        let version: Int
        let type: String
        var kind: String? = nil
    }

    /// The `kind` of a Quire model file (`"estimator"` when it has none), or nil when the data
    /// is not a Quire model file.
    public static func kind(of data: Data) -> String? {
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else { return nil }
        return header.kind ?? estimatorKind
    }

    private struct Envelope<Model: Codable>: Codable {
        let format: String
        let version: Int
        let type: String
        var kind: String? = ModelArchive.estimatorKind
        let model: Model
        var labels: LabelList? = nil
    }

    /// The JSON text of a model (a classifier or a scaler), with the class labels the user gave.
    public static func encode(_ estimator: any Estimator, labels: LabelList? = nil) throws -> Data {
        guard let savable = estimator as? any Savable else {
            throw LearnError.badModelFile("\(estimator.estimatorName) cannot be saved")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func wrap<M: Savable>(_ model: M) throws -> Data {
            try encoder.encode(Envelope(format: format, version: version, type: model.estimatorName, model: model, labels: labels))
        }
        return try wrap(savable)
    }

    /// Reads a model written by `encode` (or by the version before), of one of the types `kinds`
    /// (the language passes the types of its model rows).
    public static func decode(_ data: Data, kinds: [any Savable.Type]) throws -> any Estimator {
        try decodeWithLabels(data, kinds: kinds).estimator
    }

    /// `decode`, with the class labels saved beside the model (nil in files without them).
    public static func decodeWithLabels(_ data: Data, kinds: [any Savable.Type]) throws -> (estimator: any Estimator, labels: LabelList?) {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw LearnError.badModelFile("not a Quire model file")
        }
        guard header.format == format else { throw LearnError.badModelFile("not a Quire model file") }
        guard header.version == version || header.version == 1 else {
            throw LearnError.badModelFile("written by another version of Quire (format \(header.version))")
        }
        guard let kind = kind(named: header.type, in: kinds) else {
            let known = kinds.map { $0.init().estimatorName }.joined(separator: ", ")
            throw LearnError.badModelFile("unknown model type \"\(header.type)\" (Quire saves \(known))")
        }
        let text = header.version == 1 ? try Version1.translate(data, kind.declaredSettings) : data
        func unwrap<M: Savable>(_ type: M.Type) throws -> (estimator: any Estimator, labels: LabelList?) {
            let decoder = JSONDecoder()
            decoder.userInfo[.savedModel] = SavedModelContext(name: header.type, declarations: M.declaredSettings)
            do {
                let envelope = try decoder.decode(Envelope<M>.self, from: text)
                return (envelope.model, envelope.labels)
            } catch let error as LearnError {
                throw error
            } catch {
                throw LearnError.badModelFile("the \(header.type) in it is damaged")
            }
        }
        return try unwrap(kind)
    }
}

/// Files of format version 1 kept each setting under its Swift property name (`leafSize`, the
/// trees' under `parameters`), some as tagged values (`{"int": {"_0": 5}}`). Reading one moves
/// them into `settings` under their scikit-learn names.
enum Version1 {
    static func translate(_ data: Data, _ declarations: [Setting]) throws -> Data {
        guard var file = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            var model = file["model"] as? [String: Any]
        else { throw LearnError.badModelFile("not a Quire model file") }
        let nested = model["parameters"] as? [String: Any] ?? [:]
        var settings: [String: Any] = [:]
        for setting in declarations {
            let key = propertyName(setting.name)
            let saved = model[key] ?? nested[key]
            // A setting added after version 1 takes its default; any other missing one is damage.
            let fallback: Any = addedAfterVersion1.contains(setting.name) ? json(setting.defaultValue) : NSNull()
            settings[setting.name] = untagged(saved ?? fallback)
        }
        model["settings"] = settings
        file["model"] = model
        return try JSONSerialization.data(withJSONObject: file)
    }

    /// Settings that version 1 files cannot have.
    static let addedAfterVersion1: Set<String> = [
        "min_weight_fraction_leaf", "max_leaf_nodes", "min_impurity_decrease", "class_weight", "max_samples", "oob_score", "n_jobs",
    ]

    /// A default as `Settings` saves it.
    static func json(_ value: ParameterValue) -> Any {
        switch value {
        case .none: NSNull()
        case .bool(let b): b
        case .int(let i): i
        case .double(let d) where d == d.rounded(): ["float": d]
        case .double(let d): d
        case .string(let s): s
        case .ints(let values): values
        // No setting has a dict as its default.
        case .classWeights: NSNull()
        }
    }

    /// `min_samples_leaf` → `minSamplesLeaf`, `C` → `c`.
    static func propertyName(_ name: String) -> String {
        let words = name.split(separator: "_")
        return words.enumerated().map { i, w in i == 0 ? w.lowercased() : w.prefix(1).uppercased() + w.dropFirst() }.joined()
    }

    /// A value as Swift's synthesized coding tagged a `ParameterValue`, untagged.
    static func untagged(_ value: Any) -> Any {
        guard let tagged = value as? [String: Any], tagged.count == 1, let (tag, inner) = tagged.first else { return value }
        if tag == "none" { return NSNull() }
        return (inner as? [String: Any])?["_0"] ?? value
    }
}
