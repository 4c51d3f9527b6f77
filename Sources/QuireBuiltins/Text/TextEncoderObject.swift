import Foundation
import QuireArray
import QuireLang
import QuireSupport
import QuireText

/// A pretrained sentence encoder in the language: `encode`, `tokenize`, and its shape.
final class TextEncoderObject: NativeObject {
    let encoder: SentenceEncoder
    /// The name or path as the program gave it.
    let name: String
    /// What a saved pipeline records: the name, or for a folder its absolute path.
    let savedName: String
    /// Where it was found, in words ("the Quire cache").
    let source: String

    init(_ encoder: SentenceEncoder, name: String, savedName: String, source: String) {
        self.encoder = encoder
        self.name = name
        self.savedName = savedName
        self.source = source
    }

    var typeName: String { "TextEncoder" }
    func displayText() -> String {
        "TextEncoder(\"\(name)\", dimension=\(encoder.dimension), max_seq_length=\(encoder.maxSequenceLength))"
    }

    /// Loads `nameOrPath`: a folder (relative to the program's folder) or a model name looked up
    /// in the Quire cache, the Hugging Face cache and installed Python packages.
    static func load(_ nameOrPath: String, _ args: Arguments, argument: String) throws -> TextEncoderObject {
        let store = ModelStore()
        let isPath = nameOrPath.hasPrefix("/") || nameOrPath.hasPrefix(".") || nameOrPath.hasPrefix("~")
            || (nameOrPath.contains("/") && !nameOrPath.hasPrefix("sentence-transformers/"))
        var target = nameOrPath
        if isPath, !nameOrPath.hasPrefix("~") {
            target = args.context.resolvePath(nameOrPath)
            do {
                try FileAccess.check(target, .read)
            } catch {
                throw QuireError(.io, "cannot read the model folder \(nameOrPath): the sandbox does not allow it", argument: argument)
            }
        }
        do {
            let (folder, source) = try store.locate(target)
            let encoder = try SentenceEncoder.load(folder: folder)
            return TextEncoderObject(encoder, name: nameOrPath, savedName: isPath ? folder : nameOrPath, source: source)
        } catch {
            throw TextErrors.sentence(error, argument: argument, given: nameOrPath)
        }
    }

    /// The texts of an argument: a list or tuple of strings, a Series of strings, or one string.
    /// An empty text or a value that is not a string is an error naming its position.
    static func texts(_ args: Arguments, _ name: String) throws -> [String] {
        let value = args.value(name)
        let items: [Value]
        switch value {
        case .string(let s): items = [.string(s)]
        case .list(let box): items = box.items
        case .tuple(let values): items = values
        case .object(let o):
            guard let elements = try o.elements() else { throw args.bad(name, expected: "a string, a list of strings or a Series of strings") }
            items = elements
        default: throw args.bad(name, expected: "a string, a list of strings or a Series of strings")
        }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                throw QuireError(
                    .type, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): item \(i) is \(Self.describe(item)), not a string",
                    hint: "every text must be a string; convert with str(x) or drop the missing ones first", argument: name)
            }
            guard !s.allSatisfy(\.isWhitespace) else {
                throw QuireError(
                    .value, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): item \(i) is an empty text",
                    hint: "an empty text has no meaning to encode; drop the empty texts first", argument: name)
            }
            out.append(s)
        }
        guard !out.isEmpty else {
            throw QuireError(.value, "bad argument \"\(name)\" to \(args.builtin.qualifiedName): there are no texts", argument: name)
        }
        return out
    }

    /// `5 (an int)`, `none`.
    static func describe(_ value: Value) -> String {
        if case .none = value { return "none" }
        return "\(Printer.shortRepr(value)) (\(value.typeNoun))"
    }

    /// The embeddings of `texts` as an N x dimension float32 array; says once when texts were truncated.
    func embed(_ texts: [String], batchSize: Int, _ args: Arguments) throws -> NDArray {
        let (values, truncated) = try encoder.encode(texts, batchSize: batchSize)
        if truncated > 0 {
            let limit = encoder.maxSequenceLength
            args.context.write(
                "note: \(truncated == 1 ? "1 text was" : "\(truncated) texts were") longer than the model's limit of \(limit) tokens "
                    + "and \(truncated == 1 ? "was" : "were") truncated to \(limit - 2) word pieces\n")
        }
        return NDArray(shape: [texts.count, encoder.dimension], float32: values)
    }

    static let attributes: [Builtin] = [
        Builtin(attribute: "dimension", on: "TextEncoder", doc: "The length of each embedding (384 for all-MiniLM-L6-v2).", example: "encoder.dimension") { args in
            .int(args.receiver(as: TextEncoderObject.self).encoder.dimension)
        },
        Builtin(attribute: "max_seq_length", on: "TextEncoder", doc: "Most tokens of one text, [CLS] and [SEP] included; longer texts are truncated.",
            example: "encoder.max_seq_length"
        ) { args in .int(args.receiver(as: TextEncoderObject.self).encoder.maxSequenceLength) },
        Builtin(attribute: "folder", on: "TextEncoder", doc: "The folder the model was loaded from.", example: "encoder.folder") { args in
            .string(args.receiver(as: TextEncoderObject.self).encoder.folder)
        },
    ]
}

/// Text model errors in the language's words.
enum TextErrors {
    static func sentence(_ error: Error, argument: String?, given: String) -> Error {
        guard let error = error as? TextModelError else { return error }
        switch error {
        case .notFound(_, let searched):
            let fetchable = ModelStore.known.contains { $0.name.lowercased() == ModelStore.shortName(given).lowercased() }
            return QuireError(
                .io, "no model \"\(given)\" was found (looked in: \(searched.joined(separator: "; ")))",
                hint: fetchable
                    ? "install it with: quire models fetch \(ModelStore.shortName(given))"
                    : "give the path of a folder holding config.json, vocab.txt and model.safetensors", argument: argument)
        case .missingFile, .missingTensor, .wrongShape, .corruptSafetensors, .unsupportedDType, .badConfig, .missingToken:
            return QuireError(.value, "cannot load the model: " + error.message, hint: "fetch it again with: quire models fetch NAME, or check the folder", argument: argument)
        default:
            return QuireError(.io, error.message, argument: argument)
        }
    }
}
