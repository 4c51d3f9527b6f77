import Foundation
import QuireArray
import QuireSupport

/// How a network is trained (the keywords of `model.fit`).
public struct TrainingOptions: Sendable {
    public enum Optimizer: String, CaseIterable, Sendable { case adam, sgd }
    public var epochs = 10
    public var batchSize = 32
    /// nil: the optimizer's default (Adam 0.001, SGD 0.01, as Keras).
    public var learningRate: Double?
    public var optimizer = Optimizer.adam
    public var momentum = 0.0
    /// Rows held out for validation: given, or the last `validationSplit` of the rows (as Keras,
    /// before shuffling).
    public var validation: (x: Tensor, y: [Int])?
    public var validationSplit = 0.0
    public var seed: UInt32 = 0
    /// Stop when the validation loss (the training loss without validation rows) has not
    /// improved for this many epochs.
    public var patience: Int?
    public init() {}
}

/// Where training is, for a progress bar: epoch (1-based) of epochs, batch of batches, the mean
/// loss of the epoch so far.
public struct TrainingProgress: Sendable {
    public let epoch: Int, epochs: Int, batch: Int, batches: Int
    public let loss: Double
}

extension Sequential {
    /// OpenBLAS threads while training: a batch's products are small (32 rows), and handing
    /// them to a second thread costs more than it saves; on a busy machine, waiting for that
    /// thread to be scheduled made an epoch of the digits' CNN about 6 times slower.
    static let gemmThreads = 1

    /// Trains on rows `x` with class positions `y` (0..<classes). Builds the network on first
    /// use (initial weights from `options.seed`). Stops at the end of a batch when the current
    /// `Cancellation` token is set, keeping the weights and the epochs done so far. Returns the
    /// history of this fit (also kept in `history`).
    @discardableResult
    public func fit(_ x: Tensor, _ y: [Int], classes: Int, options: TrainingOptions,
                    progress: ((TrainingProgress) -> Void)? = nil) throws(NetworkError) -> [EpochRecord] {
        guard options.epochs >= 1 else { throw .badParameter(name: "epochs", expected: "a whole number of epochs, at least 1") }
        guard options.batchSize >= 1 else { throw .badParameter(name: "batch_size", expected: "a whole number of rows, at least 1") }
        if let lr = options.learningRate, !(lr > 0 && lr.isFinite) {
            throw .badParameter(name: "learning_rate", expected: "a positive number such as 0.001")
        }
        guard options.momentum >= 0, options.momentum < 1 else { throw .badParameter(name: "momentum", expected: "a number from 0 to less than 1") }
        guard options.validationSplit >= 0, options.validationSplit < 1 else {
            throw .badParameter(name: "validation_split", expected: "a fraction from 0 to less than 1")
        }
        let threads = Gemm.threads
        Gemm.setThreads(Self.gemmThreads)
        defer { Gemm.setThreads(threads) }
        if !isTrained { try build(inputShape ?? x.shape, seed: options.seed) }
        try check(x)
        guard outputCount == classes else { throw .outputCount(outputs: outputCount, classes: classes) }
        var train = (x: x, y: y)
        var validation = options.validation
        if validation == nil, options.validationSplit > 0 {
            let held = Int((Double(x.count) * options.validationSplit).rounded(.down))
            let kept = x.count - held
            if held > 0 {
                validation = (x.rows(kept..<x.count), Array(y[kept...]))
                train = (x.rows(0..<kept), Array(y[..<kept]))
            }
        }
        if let v = validation { try check(v.x) }
        guard train.x.count > 0 else { throw .empty }
        let batchSize = min(options.batchSize, train.x.count)
        try reserveBatch(rows: batchSize)
        random = NetworkRandom(seed: options.seed &+ 1)
        var optimizer = OptimizerState(options, layers.flatMap(\.weights))
        history = []
        isTrained = true
        var best = Double.infinity, sinceBest = 0
        let batches = (train.x.count + batchSize - 1) / batchSize
        for epoch in 1...options.epochs {
            let start = Date()
            let order = random.permutation(train.x.count)
            var lossSum = 0.0, right = 0, seen = 0
            for b in 0..<batches {
                let indices = order[(b * batchSize)..<min((b + 1) * batchSize, order.count)]
                let (loss, correct) = step(train.x.rows(indices), indices.map { train.y[$0] }, &optimizer)
                guard loss.isFinite else { throw .lossNotFinite(epoch: epoch) }
                lossSum += loss * Double(indices.count)
                right += correct
                seen += indices.count
                progress?(TrainingProgress(epoch: epoch, epochs: options.epochs, batch: b + 1, batches: batches, loss: lossSum / Double(seen)))
                if Cancellation.isCancelled { break }
            }
            var record = EpochRecord(epoch: epoch, loss: lossSum / Double(max(seen, 1)), accuracy: Double(right) / Double(max(seen, 1)),
                valLoss: .nan, valAccuracy: .nan, seconds: 0)
            if let v = validation, !Cancellation.isCancelled {
                let (vl, va) = try evaluate(v.x, v.y)
                record = EpochRecord(epoch: epoch, loss: record.loss, accuracy: record.accuracy, valLoss: vl, valAccuracy: va, seconds: 0)
            }
            history.append(EpochRecord(epoch: epoch, loss: record.loss, accuracy: record.accuracy, valLoss: record.valLoss,
                valAccuracy: record.valAccuracy, seconds: Date().timeIntervalSince(start)))
            if Cancellation.isCancelled { break }
            if let patience = options.patience {
                let watched = validation == nil ? record.loss : record.valLoss
                if watched < best {
                    (best, sinceBest) = (watched, 0)
                } else {
                    sinceBest += 1
                    if sinceBest >= patience { break }
                }
            }
        }
        return history
    }

    /// One batch: forward, loss, backward, update. Returns the batch's mean loss and how many
    /// of its rows were classified right.
    private func step(_ x: Tensor, _ y: [Int], _ optimizer: inout OptimizerState) -> (Double, Int) {
        var s = scores(x, training: true)
        let (loss, correct) = softmaxCrossEntropy(&s, y)
        guard loss.isFinite else { return (loss, correct) }
        var grad = s
        let stop = specs.last == .softmax ? layers.count - 1 : layers.count
        for layer in layers[..<stop].reversed() { grad = layer.backward(grad) }
        optimizer.update()
        return (loss, correct)
    }

    /// Turns scores into the gradient of the mean cross-entropy with respect to them, in place;
    /// returns the mean loss and the number of rows whose top score is their label.
    func softmaxCrossEntropy(_ s: inout Tensor, _ y: [Int]) -> (Double, Int) {
        let c = s.rowSize, n = s.count
        var correct = 0
        for r in 0..<n {
            var top = 0
            for j in 1..<max(c, 1) where s.values[r * c + j] > s.values[r * c + top] { top = j }
            if top == y[r] { correct += 1 }
        }
        softmaxRows(&s.values, columns: c)
        var loss = 0.0
        let scale = 1 / Float(n)
        for r in 0..<n {
            loss -= log(Double(s.values[r * c + y[r]]))
            s.values[r * c + y[r]] -= 1
        }
        for i in s.values.indices { s.values[i] *= scale }
        return (loss / Double(n), correct)
    }
}

/// Adam (Keras' defaults: beta 0.9 and 0.999, epsilon 1e-7) or SGD with momentum, over every
/// trainable weight of a network.
struct OptimizerState {
    let options: TrainingOptions
    let weights: [Weights]
    var first: [[Float]]
    var second: [[Float]]
    var steps = 0

    init(_ options: TrainingOptions, _ weights: [Weights]) {
        self.options = options
        self.weights = weights
        first = weights.map { [Float](repeating: 0, count: $0.value.count) }
        second = options.optimizer == .adam ? first : []
    }

    mutating func update() {
        steps += 1
        switch options.optimizer {
        case .adam:
            let lr = Float(options.learningRate ?? 0.001)
            let b1: Float = 0.9, b2: Float = 0.999, eps: Float = 1e-7
            let t = Float(steps)
            let rate = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
            for (k, w) in weights.enumerated() {
                for i in w.value.indices {
                    let g = w.grad[i]
                    first[k][i] = b1 * first[k][i] + (1 - b1) * g
                    second[k][i] = b2 * second[k][i] + (1 - b2) * g * g
                    w.value[i] -= rate * first[k][i] / (second[k][i].squareRoot() + eps)
                }
            }
        case .sgd:
            let lr = Float(options.learningRate ?? 0.01), mu = Float(options.momentum)
            for (k, w) in weights.enumerated() {
                for i in w.value.indices {
                    first[k][i] = mu * first[k][i] - lr * w.grad[i]
                    w.value[i] += first[k][i]
                }
            }
        }
    }
}
