import Foundation
import Testing

@testable import QuireText

/// The repository's fixtures, temporary folders and tiny hand-made models for the text tests.
enum TextTestData {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/reference/text")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The vocabulary of all-MiniLM-L6-v2 (bert-base-uncased's), kept in the fixtures.
    static let vocabularyPath = fixtures.appendingPathComponent("minilm_vocab.txt").path

    /// The real model, when it is installed (`quire models fetch all-MiniLM-L6-v2`); nil otherwise.
    static let realModelFolder: String? = {
        let folder = try? ModelStore().locate("all-MiniLM-L6-v2").folder
        if folder == nil {
            print("note: all-MiniLM-L6-v2 is not installed: the tests on the real model are skipped (run `quire models fetch all-MiniLM-L6-v2`)")
        }
        return folder
    }()

    static func temporaryFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quire-text-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A safetensors file's bytes: the header as given (raw JSON text) and the data.
    static func safetensors(header: String, data: [UInt8], lengthOverride: UInt64? = nil) -> Data {
        var out = Data()
        let length = lengthOverride ?? UInt64(header.utf8.count)
        for i in 0..<8 { out.append(UInt8((length >> (8 * UInt64(i))) & 0xFF)) }
        out.append(contentsOf: Array(header.utf8))
        out.append(contentsOf: data)
        return out
    }

    /// A valid safetensors file of F32 tensors (little-endian), in the order given.
    static func safetensors(_ tensors: [(String, [Int], [Float])]) -> Data {
        var entries: [String] = []
        var data: [UInt8] = []
        for (name, shape, values) in tensors {
            let begin = data.count
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(begin),\(data.count)]}")
        }
        return safetensors(header: "{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}", data: data)
    }

    /// A tiny BERT model folder (hidden 4, 2 heads, 1 layer, intermediate 8) with seeded weights.
    /// `skip` leaves a tensor out, `reshape` gives one another shape, `vocabulary` replaces the tokens.
    static func tinyModel(
        in dir: String, skip: String? = nil, reshape: (String, [Int])? = nil,
        vocabulary: [String] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "good", "bad", "phone", "##s", ".", "!"]
    ) throws {
        let h = 4, i = 8, v = 11, positions = 16
        let config = """
            {"model_type": "bert", "hidden_act": "gelu", "hidden_size": \(h), "num_hidden_layers": 1, "num_attention_heads": 2,
             "intermediate_size": \(i), "layer_norm_eps": 1e-12, "max_position_embeddings": \(positions), "vocab_size": \(v), "type_vocab_size": 2}
            """
        try config.write(toFile: dir + "/config.json", atomically: true, encoding: .utf8)
        try "{\"max_seq_length\": 8}".write(toFile: dir + "/sentence_bert_config.json", atomically: true, encoding: .utf8)
        try (vocabulary.joined(separator: "\n") + "\n").write(toFile: dir + "/vocab.txt", atomically: true, encoding: .utf8)
        var seed: UInt64 = 42
        func values(_ n: Int) -> [Float] {
            (0..<n).map { _ in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return Float(Int(seed >> 40) % 2000 - 1000) / 2000
            }
        }
        var tensors: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [v, h]), ("embeddings.position_embeddings.weight", [positions, h]),
            ("embeddings.token_type_embeddings.weight", [2, h]), ("embeddings.LayerNorm.weight", [h]), ("embeddings.LayerNorm.bias", [h]),
        ]
        let p = "encoder.layer.0."
        for name in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"] {
            tensors += [(p + name + ".weight", [h, h]), (p + name + ".bias", [h])]
        }
        tensors += [
            (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
            (p + "intermediate.dense.weight", [i, h]), (p + "intermediate.dense.bias", [i]),
            (p + "output.dense.weight", [h, i]), (p + "output.dense.bias", [h]),
            (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h]),
        ]
        var made: [(String, [Int], [Float])] = []
        for (name, shape) in tensors where name != skip {
            let s = reshape?.0 == name ? reshape!.1 : shape
            made.append((name, s, values(s.reduce(1, *))))
        }
        try safetensors(made).write(to: URL(fileURLWithPath: dir + "/model.safetensors"))
    }
}
