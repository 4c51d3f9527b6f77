import Foundation
import QuireSupport
import Testing

@testable import QuireLearn

/// Training: learning a separable problem, bit-for-bit repeatable runs, saving, bad input.
@Suite struct NetworkTrainingTests {
    /// Two classes of 6x6 images: a bright vertical bar or a bright horizontal bar, with noise.
    static func bars(_ n: Int, seed: UInt32) -> (Tensor, [Int]) {
        var random = NetworkRandom(seed: seed)
        var values: [Float] = []
        var labels: [Int] = []
        for i in 0..<n {
            let label = i % 2
            let at = 1 + i % 4
            for y in 0..<6 {
                for x in 0..<6 {
                    let on = label == 0 ? x == at : y == at
                    values.append((on ? 1 : 0) + random.uniform(-0.2, 0.2))
                }
            }
            labels.append(label)
        }
        return (Tensor(count: n, shape: [6, 6, 1], values: values), labels)
    }

    static let cnn: [LayerSpec] = [.conv2d(filters: 4, kernel: 3, stride: 1, same: true), .relu, .maxPool(size: 2), .flatten,
                                   .dropout(rate: 0.1), .dense(units: 8), .relu, .dense(units: 2)]

    func options(seed: UInt32 = 4) -> TrainingOptions {
        var o = TrainingOptions()
        o.epochs = 8
        o.batchSize = 8
        o.learningRate = 0.01
        o.seed = seed
        return o
    }

    @Test func learnsBars() throws {
        let (x, y) = Self.bars(80, seed: 1)
        let (tx, ty) = Self.bars(40, seed: 2)
        let net = try Sequential(Self.cnn)
        var o = options()
        o.validation = (tx, ty)
        let history = try net.fit(x, y, classes: 2, options: o)
        #expect(history.count == 8)
        #expect(history.last!.loss < history.first!.loss)
        #expect(try net.evaluate(tx, ty).accuracy >= 0.95)
        #expect(history.last!.valAccuracy >= 0.95)
    }

    @Test func seededFitsAreIdentical() throws {
        let (x, y) = Self.bars(64, seed: 1)
        var weights: [[[Float]]] = []
        for _ in 0..<2 {
            let net = try Sequential(Self.cnn + [.softmax])
            try net.fit(x, y, classes: 2, options: options())
            weights.append(net.layers.flatMap(\.state))
        }
        #expect(weights[0] == weights[1])
        let other = try Sequential(Self.cnn + [.softmax])
        try other.fit(x, y, classes: 2, options: options(seed: 5))
        #expect(other.layers.flatMap(\.state) != weights[0])
    }

    @Test func sgdWithMomentumAndBatchNormLearn() throws {
        let (x, y) = Self.bars(80, seed: 1)
        let net = try Sequential([.flatten, .dense(units: 16), .batchNorm, .tanh, .dense(units: 2), .softmax])
        var o = options()
        o.optimizer = .sgd
        o.momentum = 0.9
        o.learningRate = 0.05
        try net.fit(x, y, classes: 2, options: o)
        #expect(try net.evaluate(x, y).accuracy >= 0.95)
    }

    @Test func savedNetworkPredictsIdentically() throws {
        let (x, y) = Self.bars(40, seed: 1)
        let net = try Sequential([.conv2d(filters: 2, kernel: 3, stride: 1, same: false), .batchNorm, .relu, .avgPool(size: 2),
                                  .flatten, .dense(units: 2)])
        try net.fit(x, y, classes: 2, options: options())
        let data = try NetworkArchive.encode(net, labels: .strings(["h", "v"]))
        #expect(NetworkArchive.holdsNetwork(data))
        let (loaded, labels, _) = try NetworkArchive.decode(data)
        #expect(labels == .strings(["h", "v"]))
        #expect(try loaded.predictProba(x) == net.predictProba(x))
    }

    /// Ctrl-C (the current cancellation token) stops at the end of the batch it arrives in: the
    /// weights trained so far and the partial epoch's history stay.
    @Test func stopsAtTheEndOfABatchKeepingTheWeights() throws {
        let (x, y) = Self.bars(64, seed: 1)
        let net = try Sequential(Self.cnn)
        try net.build([6, 6, 1], seed: 4)
        let initial = net.layers.flatMap(\.state)
        let token = CancellationToken()
        var batches = 0
        _ = try Cancellation.with(token) { () throws(NetworkError) in
            try net.fit(x, y, classes: 2, options: options()) { _ in
                batches += 1
                if batches == 3 { token.cancel() }
            }
        }
        #expect(batches == 3)
        #expect(net.history.count == 1)
        #expect(net.isTrained)
        #expect(net.layers.flatMap(\.state) != initial)
    }

    @Test func summaryCountsParameters() throws {
        let net = try Sequential([.conv2d(filters: 16, kernel: 3, stride: 1, same: true), .relu, .maxPool(size: 2), .flatten,
                                  .batchNorm, .dense(units: 10)])
        try net.build([8, 8, 1], seed: 0)
        let text = try net.summary()
        #expect(text.contains(" conv2d (Conv2D)             (None, 8, 8, 16)          160"))
        #expect(text.contains("max_pooling2d (MaxPooling2D) (None, 4, 4, 16)"))
        #expect(text.contains(" dense (Dense)               (None, 10)                2,570"))
        #expect(text.contains("Total params: 3,754"))
        #expect(text.contains("Trainable params: 3,242"))
        #expect(text.contains("Non-trainable params: 512"))
    }

    @Test func badInput() throws {
        let (x, y) = Self.bars(8, seed: 1)
        #expect(throws: NetworkError.noLayers) { try Sequential([]) }
        let flat = Tensor(count: 8, shape: [36], values: x.values)
        #expect(throws: NetworkError.shapeMismatch(layer: 1, name: "conv2d(4, 3, padding=\"same\")", expected: "images (height, width, channels)", got: [36])) {
            try Sequential(Self.cnn).fit(flat, y, classes: 2, options: options())
        }
        #expect(throws: NetworkError.outputCount(outputs: 2, classes: 3)) {
            try Sequential(Self.cnn).fit(x, y, classes: 3, options: options())
        }
        var bad = x
        bad.values[40] = .nan
        #expect(throws: NetworkError.notFinite(row: 1)) { try Sequential(Self.cnn).fit(bad, y, classes: 2, options: options()) }
        var o = options()
        o.epochs = 0
        #expect(throws: NetworkError.self) { try Sequential(Self.cnn).fit(x, y, classes: 2, options: o) }
        o = options()
        o.learningRate = -1
        #expect(throws: NetworkError.self) { try Sequential(Self.cnn).fit(x, y, classes: 2, options: o) }
        o = options()
        o.learningRate = 1e6
        o.epochs = 5
        do throws(NetworkError) {
            try Sequential([.flatten, .dense(units: 64), .relu, .dense(units: 2)]).fit(x.scaled(1e4), y, classes: 2, options: o)
            Issue.record("a learning rate of 1e6 should make the loss overflow")
        } catch {
            guard case .lossNotFinite(let epoch) = error else { Issue.record("unexpected \(error)"); return }
            #expect(epoch >= 1 && epoch <= 5)
        }
        let empty = Tensor(count: 0, shape: [6, 6, 1], values: [])
        #expect(throws: NetworkError.empty) { try Sequential(Self.cnn).fit(empty, [], classes: 2, options: options()) }
    }
}

extension Tensor {
    func scaled(_ k: Float) -> Tensor { Tensor(count: count, shape: shape, values: values.map { $0 * k }) }
}
