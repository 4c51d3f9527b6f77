/// What can go wrong loading or running a text model: data only, worded by the bindings.
public enum TextModelError: Error, Equatable, Sendable {
    /// A file of the model could not be opened or read (`reason` in plain words).
    case unreadable(path: String, reason: String)
    /// A model folder lacks a file it needs.
    case missingFile(folder: String, file: String)
    /// A safetensors file whose header or layout is wrong.
    case corruptSafetensors(path: String, reason: String)
    /// A tensor the encoder needs is not in the weights file.
    case missingTensor(path: String, name: String)
    /// A tensor has another shape than the configuration says.
    case wrongShape(path: String, name: String, expected: [Int], found: [Int])
    /// A tensor's element type is not one Quire reads (F32, F16, BF16).
    case unsupportedDType(path: String, name: String, dtype: String)
    /// config.json (or another JSON file of the model) is not what a BERT encoder needs.
    case badConfig(path: String, reason: String)
    /// The vocabulary lacks a special token the tokenizer needs (`[UNK]`, `[CLS]`, `[SEP]`, `[PAD]`).
    case missingToken(path: String, token: String)
    /// No model of that name or path was found; `searched` lists where Quire looked.
    case notFound(name: String, searched: [String])
    /// `quire models fetch` failed (a step and what it printed).
    case fetchFailed(name: String, reason: String)
    /// A name `quire models fetch` does not know how to download.
    case unknownModel(name: String, known: [String])

    /// The sentence for a person (the bindings add location and hint).
    public var message: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .missingFile(let folder, let file): "the model folder \(folder) has no \(file)"
        case .corruptSafetensors(let path, let reason): "\(path) is not a valid safetensors file: \(reason)"
        case .missingTensor(let path, let name): "\(path) has no tensor \"\(name)\""
        case .wrongShape(let path, let name, let expected, let found):
            "the tensor \"\(name)\" in \(path) has shape \(Self.shape(found)), expected \(Self.shape(expected))"
        case .unsupportedDType(let path, let name, let dtype):
            "the tensor \"\(name)\" in \(path) is \(dtype); Quire reads F32, F16 and BF16"
        case .badConfig(let path, let reason): "\(path): \(reason)"
        case .missingToken(let path, let token): "the vocabulary \(path) has no \(token) token"
        case .notFound(let name, _): "no model \"\(name)\" was found"
        case .fetchFailed(let name, let reason): "could not fetch the model \(name): \(reason)"
        case .unknownModel(let name, let known):
            "Quire does not know how to fetch \"\(name)\" (it knows \(known.joined(separator: ", ")))"
        }
    }

    static func shape(_ s: [Int]) -> String { "(" + s.map(String.init).joined(separator: ", ") + (s.count == 1 ? ",)" : ")") }
}
