import Foundation
import QuireSupport

/// A stack of layers trained with softmax cross-entropy on class positions 0..<classes, as
/// Keras' Sequential with `sparse_categorical_crossentropy`. The last layer gives one value per
/// class: scores (logits), or probabilities when it is `softmax()` (then the loss is computed on
/// the scores before it, which is the same loss with a stabler gradient). float32 throughout.
public final class Sequential: @unchecked Sendable {
    public let specs: [LayerSpec]
    var layers: [any Layer]
    /// The shape of one input row (images: height, width, channels); nil until built.
    public internal(set) var inputShape: [Int]?
    /// The output shape of each layer, once built.
    public private(set) var outputShapes: [[Int]] = []
    /// One row per epoch of every fit so far (the last fit's rows).
    public internal(set) var history: [EpochRecord] = []
    var random = NetworkRandom(seed: 0)

    public init(_ specs: [LayerSpec]) throws(NetworkError) {
        guard !specs.isEmpty else { throw .noLayers }
        self.specs = specs
        self.layers = specs.map { $0.make() }
    }

    public var isBuilt: Bool { inputShape != nil }
    /// Whether a fit has run (or the network was loaded trained): later fits go on from its
    /// weights; the first one draws them from its seed.
    public internal(set) var isTrained = false

    /// Builds every layer for input rows of `shape`, drawing the initial weights from `seed`.
    public func build(_ shape: [Int], seed: UInt32) throws(NetworkError) {
        random = NetworkRandom(seed: seed)
        var current = shape
        var shapes: [[Int]] = []
        var working = try LayerSize.values(shape, name: "the input rows")
        for (i, layer) in layers.enumerated() {
            do {
                current = try layer.build(current, &random)
                // Int.max on overflow: a count that reserveBatch then refuses.
                let values = Checked.sum(try LayerSize.values(current, name: layer.spec.text), layer.scratchPerRow) ?? Int.max
                working = Checked.sum(working, values) ?? Int.max
            } catch NetworkError.shapeMismatch(_, let name, let expected, let got) {
                throw .shapeMismatch(layer: i + 1, name: name, expected: expected, got: got)
            } catch NetworkError.tooLarge(_, let name, let size) {
                throw .tooLarge(layer: i + 1, name: name, size)
            } catch {
                throw error
            }
            shapes.append(current)
        }
        inputShape = shape
        outputShapes = shapes
        workingValuesPerRow = working
    }

    /// Values per row that a forward and backward pass hold at once (every layer's output and
    /// scratch), once built.
    private var workingValuesPerRow = 0

    /// Checks that a batch of `rows` rows can run through the network (forward and backward)
    /// before any of its buffers is allocated.
    func reserveBatch(rows: Int) throws(NetworkError) {
        let count = Memory.product(rows, workingValuesPerRow) ?? Int.max
        do {
            try Memory.reserve(.array(shape: [rows, workingValuesPerRow]), count: count,
                               elementSize: LayerSize.buffersPerActivation * MemoryLayout<Float>.stride)
        } catch {
            throw .tooLarge(layer: 0, name: rows == 1 ? "a single row" : "a batch of \(rows) rows", error)
        }
    }

    /// Values per row that the last layer gives.
    public var outputCount: Int { outputShapes.last?.reduce(1, *) ?? 0 }

    /// Trainable values in each layer (weights and biases; batch normalisation's scale and shift).
    public var parameterCounts: [Int] { layers.map { $0.weights.reduce(0) { $0 + $1.value.count } } }

    /// Values each layer keeps that training does not change (batch normalisation's moving
    /// mean and variance).
    public var nonTrainableCounts: [Int] {
        layers.map { ($0 as? BatchNormLayer).map { $0.movingMean.count * 2 } ?? 0 }
    }

    /// Whether the last layer is softmax (then the scores are the input of that layer).
    private var endsWithSoftmax: Bool { specs.last == .softmax }

    /// Scores (logits) for each row, in batches of `chunk` rows; the network must be built.
    func scores(_ x: Tensor, training: Bool) -> Tensor {
        var t = x
        let stop = endsWithSoftmax ? layers.count - 1 : layers.count
        for layer in layers[..<stop] { t = layer.forward(t, training: training, &random) }
        return t
    }

    /// Checks that rows `x` fit the built network.
    public func check(_ x: Tensor) throws(NetworkError) {
        guard let inputShape else { throw .notBuilt }
        guard x.shape == inputShape else { throw .inputShape(expected: inputShape, got: x.shape) }
        if let row = x.firstNonFiniteRow { throw .notFinite(row: row) }
    }

    /// The probability of each class for each row (rows x classes).
    public func predictProba(_ x: Tensor) throws(NetworkError) -> [[Float]] {
        try check(x)
        try reserveBatch(rows: min(Self.predictionChunk, x.count))
        let classes = outputCount
        var out: [[Float]] = []
        out.reserveCapacity(x.count)
        var start = 0
        while start < x.count {
            let end = min(start + Self.predictionChunk, x.count)
            var s = scores(x.rows(start..<end), training: false)
            softmaxRows(&s.values, columns: classes)
            for r in 0..<(end - start) { out.append(Array(s.values[(r * classes)..<((r + 1) * classes)])) }
            start = end
        }
        return out
    }

    /// Rows predicted at once: bounds the memory of the unfolded patches of large inputs.
    static let predictionChunk = 256

    /// The class position with the highest probability for each row (the first on ties).
    public func predict(_ x: Tensor) throws(NetworkError) -> [Int] {
        try predictProba(x).map { p in p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0 }
    }

    /// Mean cross-entropy and accuracy of the network on rows `x` with class positions `y`.
    public func evaluate(_ x: Tensor, _ y: [Int]) throws(NetworkError) -> (loss: Double, accuracy: Double) {
        let proba = try predictProba(x)
        guard !proba.isEmpty else { throw .empty }
        var loss = 0.0, right = 0
        for (p, label) in zip(proba, y) {
            loss -= log(Double(max(p[label], Float.leastNormalMagnitude)))
            if p.indices.max(by: { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) }) == label { right += 1 }
        }
        return (loss / Double(proba.count), Double(right) / Double(proba.count))
    }
}

/// One epoch of training: mean loss and accuracy over its batches, on the validation rows if
/// any (NaN when there are none), and the time it took.
public struct EpochRecord: Sendable, Equatable {
    public let epoch: Int
    public let loss: Double
    public let accuracy: Double
    public let valLoss: Double
    public let valAccuracy: Double
    public let seconds: Double
}
