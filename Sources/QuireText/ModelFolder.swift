import Foundation

extension SentenceEncoder {
    /// The files a model folder must hold.
    public static let requiredFiles = ["config.json", "vocab.txt", "model.safetensors"]

    /// Loads a sentence-transformers BERT model from a folder: `config.json`, `vocab.txt`,
    /// `model.safetensors`, and when present `tokenizer_config.json` (do_lower_case),
    /// `sentence_bert_config.json` (max_seq_length), `modules.json` (Normalize) and
    /// `1_Pooling/config.json` (mean pooling is the only one Quire runs).
    public static func load(folder: String) throws(TextModelError) -> SentenceEncoder {
        let dir = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        for file in requiredFiles where !FileManager.default.fileExists(atPath: dir + "/" + file) {
            throw .missingFile(folder: dir, file: file)
        }
        let configPath = dir + "/config.json"
        let json = try readJSON(configPath)
        func int(_ key: String) throws(TextModelError) -> Int {
            guard let n = json[key] as? NSNumber, let i = Int(exactly: n.doubleValue), i > 0 else {
                throw .badConfig(path: configPath, reason: "\"\(key)\" must be a positive whole number")
            }
            return i
        }
        if let type = json["model_type"] as? String, type != "bert" {
            throw .badConfig(path: configPath, reason: "the model type is \"\(type)\"; Quire runs BERT encoders")
        }
        if let act = json["hidden_act"] as? String, act != "gelu" {
            throw .badConfig(path: configPath, reason: "the activation is \"\(act)\"; Quire runs \"gelu\"")
        }
        if let kind = json["position_embedding_type"] as? String, kind != "absolute" {
            throw .badConfig(path: configPath, reason: "the position embeddings are \"\(kind)\"; Quire runs \"absolute\"")
        }
        let config = BertConfig(
            hidden: try int("hidden_size"), layers: try int("num_hidden_layers"), heads: try int("num_attention_heads"),
            intermediate: try int("intermediate_size"),
            layerNormEps: Float((json["layer_norm_eps"] as? NSNumber)?.doubleValue ?? 1e-12),
            maxPositions: try int("max_position_embeddings"), vocabularySize: try int("vocab_size"),
            typeVocabularySize: (json["type_vocab_size"] as? NSNumber)?.intValue ?? 2)
        guard config.hidden % config.heads == 0 else {
            throw .badConfig(path: configPath, reason: "hidden_size \(config.hidden) is not a multiple of num_attention_heads \(config.heads)")
        }
        guard config.typeVocabularySize >= 1 else { throw .badConfig(path: configPath, reason: "\"type_vocab_size\" must be at least 1") }

        var lowercase = true
        let tokenizerConfig = dir + "/tokenizer_config.json"
        if FileManager.default.fileExists(atPath: tokenizerConfig), let flag = try readJSON(tokenizerConfig)["do_lower_case"] as? Bool {
            lowercase = flag
        }
        var maxLength = config.maxPositions
        let sbertConfig = dir + "/sentence_bert_config.json"
        if FileManager.default.fileExists(atPath: sbertConfig), let n = try readJSON(sbertConfig)["max_seq_length"] as? NSNumber {
            maxLength = n.intValue
        }
        guard maxLength >= 3, maxLength <= config.maxPositions else {
            throw .badConfig(path: sbertConfig, reason: "max_seq_length \(maxLength) must be between 3 and max_position_embeddings \(config.maxPositions)")
        }
        let pooling = dir + "/1_Pooling/config.json"
        if FileManager.default.fileExists(atPath: pooling) {
            let p = try readJSON(pooling)
            if (p["pooling_mode_mean_tokens"] as? Bool) == false {
                throw .badConfig(path: pooling, reason: "Quire runs mean pooling only (pooling_mode_mean_tokens is false)")
            }
        }
        var normalize = true
        let modules = dir + "/modules.json"
        if FileManager.default.fileExists(atPath: modules) {
            guard let data = FileManager.default.contents(atPath: modules),
                let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            else { throw .badConfig(path: modules, reason: "it is not a JSON list of modules") }
            normalize = list.contains { ($0["type"] as? String)?.hasSuffix("Normalize") == true }
        }
        let tokenizer = try WordPieceTokenizer(vocabularyFile: dir + "/vocab.txt", lowercase: lowercase)
        guard tokenizer.tokens.count <= config.vocabularySize else {
            throw .badConfig(path: configPath, reason: "vocab.txt has \(tokenizer.tokens.count) tokens but vocab_size is \(config.vocabularySize)")
        }
        let weights = try SafeTensors(path: dir + "/model.safetensors")
        return try SentenceEncoder(folder: dir, config: config, tokenizer: tokenizer, maxSequenceLength: maxLength, normalize: normalize, weights: weights)
    }

    static func readJSON(_ path: String) throws(TextModelError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "no such file or not readable") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let dict = object as? [String: Any] else {
            throw .badConfig(path: path, reason: "it is not a JSON object")
        }
        return dict
    }
}
