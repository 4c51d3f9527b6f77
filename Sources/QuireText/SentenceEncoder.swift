import Foundation
import QuireArray
import QuireSupport

/// The shape of a BERT encoder, from the model's `config.json`.
public struct BertConfig: Equatable, Sendable {
    public var hidden: Int
    public var layers: Int
    public var heads: Int
    public var intermediate: Int
    public var layerNormEps: Float
    public var maxPositions: Int
    public var vocabularySize: Int
    public var typeVocabularySize: Int

    public init(hidden: Int, layers: Int, heads: Int, intermediate: Int, layerNormEps: Float, maxPositions: Int, vocabularySize: Int, typeVocabularySize: Int) {
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.intermediate = intermediate
        self.layerNormEps = layerNormEps
        self.maxPositions = maxPositions
        self.vocabularySize = vocabularySize
        self.typeVocabularySize = typeVocabularySize
    }
}

/// One encoder layer's weights (linear weights as stored by PyTorch: out x in, row-major). The
/// query, key and value projections are stacked into one 3h x h matrix: one product instead of
/// three.
struct BertLayer {
    let queryKeyValue, queryKeyValueBias: Weights
    let attentionOut, attentionOutBias, attentionNorm, attentionNormBias: Weights
    let intermediate, intermediateBias, output, outputBias, outputNorm, outputNormBias: Weights
}

/// A sentence-transformers encoder run in Swift: BERT (word, position and token-type
/// embeddings, layer norm, self-attention layers with GELU feed-forward), mean pooling over the
/// real tokens and L2 normalisation, in float32, with matrix products on `Gemm`.
public final class SentenceEncoder: @unchecked Sendable {
    public let folder: String
    public let config: BertConfig
    public let tokenizer: WordPieceTokenizer
    /// Most tokens of one text, `[CLS]` and `[SEP]` included (sentence_bert_config.json's max_seq_length).
    public let maxSequenceLength: Int
    /// Whether the embeddings are L2-normalised (a Normalize module in modules.json).
    public let normalize: Bool
    let wordEmbeddings, positionEmbeddings, typeEmbeddings, embeddingNorm, embeddingNormBias: Weights
    let layers: [BertLayer]

    init(folder: String, config: BertConfig, tokenizer: WordPieceTokenizer, maxSequenceLength: Int, normalize: Bool, weights: SafeTensors) throws(TextModelError) {
        self.folder = folder
        self.config = config
        self.tokenizer = tokenizer
        self.maxSequenceLength = maxSequenceLength
        self.normalize = normalize
        let h = config.hidden, i = config.intermediate
        // Checkpoints saved from BertModel have no prefix; from BertForX they start with "bert.".
        let prefix = weights.entries["embeddings.word_embeddings.weight"] == nil && weights.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func w(_ name: String, _ shape: [Int]) throws(TextModelError) -> Weights { try weights.floats(prefix + name, shape: shape) }
        wordEmbeddings = try w("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try w("embeddings.position_embeddings.weight", [config.maxPositions, h])
        typeEmbeddings = try w("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, h])
        embeddingNorm = try w("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try w("embeddings.LayerNorm.bias", [h])
        var layers: [BertLayer] = []
        for l in 0..<config.layers {
            let p = "encoder.layer.\(l)."
            let projections = try ["query", "key", "value"].map { (name: String) throws(TextModelError) -> (Weights, Weights) in
                (try w(p + "attention.self.\(name).weight", [h, h]), try w(p + "attention.self.\(name).bias", [h]))
            }
            let stacked = Weights(count: 3 * h * h) { projections[$0 / (h * h)].0[$0 % (h * h)] }
            let stackedBias = Weights(count: 3 * h) { projections[$0 / h].1[$0 % h] }
            layers.append(BertLayer(
                queryKeyValue: stacked, queryKeyValueBias: stackedBias,
                attentionOut: try w(p + "attention.output.dense.weight", [h, h]),
                attentionOutBias: try w(p + "attention.output.dense.bias", [h]),
                attentionNorm: try w(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try w(p + "attention.output.LayerNorm.bias", [h]),
                intermediate: try w(p + "intermediate.dense.weight", [i, h]), intermediateBias: try w(p + "intermediate.dense.bias", [i]),
                output: try w(p + "output.dense.weight", [h, i]), outputBias: try w(p + "output.dense.bias", [h]),
                outputNorm: try w(p + "output.LayerNorm.weight", [h]), outputNormBias: try w(p + "output.LayerNorm.bias", [h])))
        }
        self.layers = layers
    }

    /// The embedding width (384 for all-MiniLM-L6-v2).
    public var dimension: Int { config.hidden }

    /// The ids `encode` feeds the model for `text` (`[CLS]` ... `[SEP]`, truncated to the model's limit).
    public func tokenize(_ text: String) -> (ids: [Int], truncated: Bool) {
        tokenizer.encode(text, maxLength: maxSequenceLength)
    }

    /// The embeddings of `texts`, row-major `texts.count x dimension`. Texts are run
    /// `batchSize` at a time; each batch's tokens are packed without padding (each text attends
    /// only to its own tokens, which is what padding with an attention mask computes), and the
    /// stop flag is polled between batches and layers. `truncated` counts texts cut at the limit.
    public func encode(_ texts: [String], batchSize: Int = 32) throws(Cancelled) -> (embeddings: [Float], truncated: Int) {
        let h = config.hidden
        var out = [Float](repeating: 0, count: texts.count * h)
        var truncated = 0
        let tokenised: [[Int]] = texts.map { text in
            let (ids, cut) = tokenize(text)
            if cut { truncated += 1 }
            return ids
        }
        // Longest first, as sentence-transformers orders them: batches of similar lengths.
        let order = tokenised.indices.sorted { tokenised[$0].count > tokenised[$1].count || (tokenised[$0].count == tokenised[$1].count && $0 < $1) }
        var start = 0
        while start < order.count {
            try Cancellation.check()
            let batch = Array(order[start..<min(order.count, start + max(1, batchSize))])
            let pooled = try forward(batch.map { tokenised[$0] })
            for (row, index) in batch.enumerated() {
                for j in 0..<h { out[index * h + j] = pooled[row * h + j] }
            }
            start += batch.count
        }
        return (out, truncated)
    }

    /// The pooled (and normalised) embedding of each sequence of ids.
    func forward(_ sequences: [[Int]]) throws(Cancelled) -> [Float] {
        let h = config.hidden, inter = config.intermediate
        let starts = sequences.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let rows = starts.last!
        var x = [Float](repeating: 0, count: rows * h)
        // Embeddings: word + position + token type 0, then layer norm.
        for (s, ids) in sequences.enumerated() {
            for (p, id) in ids.enumerated() {
                let r = starts[s] + p
                let word = wordEmbeddings.pointer + min(max(id, 0), config.vocabularySize - 1) * h
                let position = positionEmbeddings.pointer + min(p, config.maxPositions - 1) * h
                x.withUnsafeMutableBufferPointer { xb in
                    for j in 0..<h { xb[r * h + j] = word[j] + position[j] + typeEmbeddings[j] }
                }
            }
        }
        layerNorm(&x, rows: rows, gamma: embeddingNorm, beta: embeddingNormBias)
        var queryKeyValue = [Float](repeating: 0, count: rows * 3 * h)
        var context = [Float](repeating: 0, count: rows * h), attended = context
        var hiddenUnits = [Float](repeating: 0, count: rows * inter)
        for layer in layers {
            try Cancellation.check()
            linear(x, rows: rows, inputs: h, layer.queryKeyValue, layer.queryKeyValueBias, outputs: 3 * h, into: &queryKeyValue)
            attention(queryKeyValue, starts: starts, into: &context)
            linear(context, rows: rows, inputs: h, layer.attentionOut, layer.attentionOutBias, outputs: h, into: &attended)
            add(x, into: &attended)
            layerNorm(&attended, rows: rows, gamma: layer.attentionNorm, beta: layer.attentionNormBias)
            linear(attended, rows: rows, inputs: h, layer.intermediate, layer.intermediateBias, outputs: inter, into: &hiddenUnits)
            gelu(&hiddenUnits)
            linear(hiddenUnits, rows: rows, inputs: inter, layer.output, layer.outputBias, outputs: h, into: &x)
            add(attended, into: &x)
            layerNorm(&x, rows: rows, gamma: layer.outputNorm, beta: layer.outputNormBias)
        }
        // Mean over each sequence's tokens, then L2 normalisation.
        var pooled = [Float](repeating: 0, count: sequences.count * h)
        for s in sequences.indices {
            let n = starts[s + 1] - starts[s]
            var sums = [Float](repeating: 0, count: h)
            for r in starts[s]..<starts[s + 1] {
                for j in 0..<h { sums[j] += x[r * h + j] }
            }
            let count = Float(max(n, 1))
            for j in 0..<h { pooled[s * h + j] = sums[j] / count }
            if normalize {
                var norm: Float = 0
                for j in 0..<h { norm += pooled[s * h + j] * pooled[s * h + j] }
                let scale = 1 / max(norm.squareRoot(), 1e-12)
                for j in 0..<h { pooled[s * h + j] *= scale }
            }
        }
        return pooled
    }

    /// `y += x`, the residual connections.
    func add(_ x: [Float], into y: inout [Float]) {
        y.withUnsafeMutableBufferPointer { yb in
            x.withUnsafeBufferPointer { xb in
                for i in 0..<min(xb.count, yb.count) { yb[i] += xb[i] }
            }
        }
    }

    /// `out (rows x outputs) = x (rows x inputs) * weight^T + bias`, weight stored outputs x inputs.
    func linear(_ x: [Float], rows: Int, inputs: Int, _ weight: Weights, _ bias: Weights, outputs: Int, into out: inout [Float]) {
        out.withUnsafeMutableBufferPointer { o in
            for r in 0..<rows {
                for j in 0..<outputs { o[r * outputs + j] = bias[j] }
            }
            x.withUnsafeBufferPointer { a in
                Gemm.multiply(
                    .plain, .transposed, m: rows, n: outputs, k: inputs, a: a.baseAddress!, lda: inputs,
                    b: weight.pointer, ldb: inputs, beta: 1, c: o.baseAddress!, ldc: outputs)
            }
        }
    }

    /// Self-attention of each sequence over its own tokens, one (sequence, head) pair per task.
    /// `qkv` holds each token's query, key and value side by side (rows x 3h).
    func attention(_ qkv: [Float], starts: [Int], into context: inout [Float]) {
        let h = config.hidden, heads = config.heads, d = h / heads, stride = 3 * h
        let scale = 1 / Float(d).squareRoot()
        let sequences = starts.count - 1
        context.withUnsafeMutableBufferPointer { c in
            let cp = UncheckedPointer(c.baseAddress!)
            qkv.withUnsafeBufferPointer { buffer in
                let qp = UncheckedPointer(UnsafeMutablePointer(mutating: buffer.baseAddress!))
                let kp = UncheckedPointer(qp.pointer + h), vp = UncheckedPointer(qp.pointer + 2 * h)
                Parallel.forEach(sequences * heads) { _, range in
                    var scores = [Float](repeating: 0, count: 0)
                    for task in range {
                        let s = task / heads, head = task % heads
                        let first = starts[s], n = starts[s + 1] - starts[s]
                        if scores.count < n { scores = [Float](repeating: 0, count: n) }
                        let offset = head * d
                        scores.withUnsafeMutableBufferPointer { buffer in
                            let row = buffer.baseAddress!
                            for i in 0..<n {
                                let qi = qp.pointer + (first + i) * stride + offset
                                var best = -Float.infinity
                                for j in 0..<n {
                                    row[j] = VectorMath.dot(qi, kp.pointer + (first + j) * stride + offset, count: d) * scale
                                    best = max(best, row[j])
                                }
                                let total = VectorMath.expShifted(row, count: n, shift: best)
                                let ci = cp.pointer + (first + i) * h + offset
                                ci.update(repeating: 0, count: d)
                                for j in 0..<n {
                                    VectorMath.addScaled(ci, vp.pointer + (first + j) * stride + offset, row[j] / total, count: d)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Layer normalisation of each row (statistics in double precision).
    func layerNorm(_ x: inout [Float], rows: Int, gamma: Weights, beta: Weights) {
        let h = config.hidden, eps = Double(config.layerNormEps)
        x.withUnsafeMutableBufferPointer { buffer in
            let p = UncheckedPointer(buffer.baseAddress!)
            Parallel.forEach(rows, minimumPerChunk: 64) { _, range in
                for r in range {
                    let row = p.pointer + r * h
                    var mean = 0.0
                    for j in 0..<h { mean += Double(row[j]) }
                    mean /= Double(h)
                    var variance = 0.0
                    for j in 0..<h {
                        let dev = Double(row[j]) - mean
                        variance += dev * dev
                    }
                    variance /= Double(h)
                    let inv = 1 / (variance + eps).squareRoot()
                    for j in 0..<h { row[j] = Float((Double(row[j]) - mean) * inv) * gamma[j] + beta[j] }
                }
            }
        }
    }

    /// GELU in its exact (erf) form, as BERT's "gelu".
    func gelu(_ x: inout [Float]) {
        let count = x.count
        x.withUnsafeMutableBufferPointer { buffer in
            let p = UncheckedPointer(buffer.baseAddress!)
            Parallel.forEach(count, minimumPerChunk: 16384) { _, range in
                VectorMath.gelu(p.pointer + range.lowerBound, count: range.count)
            }
        }
    }
}

/// A pointer handed to parallel chunks that write disjoint parts of one buffer.
struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
