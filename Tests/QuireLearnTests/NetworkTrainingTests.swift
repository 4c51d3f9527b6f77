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

/// Sizes from the user's numbers are checked before anything is allocated: a product that
/// overflows, weights or a batch the process cannot hold, and a saved file with sizes out of
/// range are errors, never a trap.
@Suite struct NetworkSizeTests {
    @Test func weightsTooLargeToExistNameTheLayer() throws {
        let net = try Sequential([.conv2d(filters: 1 << 62, kernel: 3, stride: 1, same: true), .flatten, .dense(units: 2)])
        do throws(NetworkError) {
            try net.build([8, 8, 1], seed: 0)
            Issue.record("2**62 filters should be refused")
        } catch {
            guard case .tooLarge(1, "conv2d(4611686018427387904, 3, padding=\"same\")", .tooLarge(.array(let shape), _)) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(shape == [1 << 62, 3, 3, 1])
        }
        #expect(!net.isBuilt)
    }

    @Test func inputRowsWhoseSizeOverflows() throws {
        let net = try Sequential([.flatten, .dense(units: 2)])
        #expect(throws: NetworkError.tooLarge(layer: 0, name: "the input rows", .tooLarge(.array(shape: [1 << 62, 1 << 62]), bytes: 0x1p126))) {
            try net.build([1 << 62, 1 << 62], seed: 0)
        }
    }

    /// Weights that fit in an integer but not in memory: dense(10**12) after 257 inputs.
    @Test func weightsLargerThanMemory() throws {
        let net = try Sequential([.flatten, .dense(units: 1_000_000_000_000)])
        do throws(NetworkError) {
            try net.build([257], seed: 0)
            Issue.record("10**12 units should be refused")
        } catch {
            guard case .tooLarge(2, "dense(1000000000000)", .outOfMemory(.array(shape: [257, 1_000_000_000_000]), _, _)) = error else {
                Issue.record("unexpected \(error)"); return
            }
        }
    }

    /// Small weights, but one row's activations (a same-padded convolution of a 10000 x 10000
    /// image into 64 channels, and its unfolded patches) are more than memory: refused when a
    /// batch is about to run, naming the batch.
    @Test func aBatchTooLargeToRun() throws {
        let net = try Sequential([.conv2d(filters: 64, kernel: 3, stride: 1, same: true), .maxPool(size: 100), .flatten, .dense(units: 2)])
        try net.build([10_000, 10_000, 1], seed: 0)
        do throws(NetworkError) {
            try net.reserveBatch(rows: 32)
            Issue.record("the batch should be refused")
        } catch {
            guard case .tooLarge(0, "a batch of 32 rows", .outOfMemory) = error else { Issue.record("unexpected \(error)"); return }
        }
        #expect(throws: NetworkError.self) { try net.reserveBatch(rows: 1) }
    }

    /// A batch_size larger than the rows (even Int.max) is one batch of all of them.
    @Test func batchSizeLargerThanTheRows() throws {
        let (x, y) = NetworkTrainingTests.bars(10, seed: 1)
        var o = TrainingOptions()
        o.epochs = 1
        o.batchSize = Int.max
        var seen: [TrainingProgress] = []
        let net = try Sequential([.flatten, .dense(units: 2)])
        try net.fit(x, y, classes: 2, options: o) { seen.append($0) }
        #expect(seen.map(\.batches) == [1])
        #expect(net.history.count == 1)
    }

    @Test func savedFileWithSizesOutOfRange() throws {
        let net = try Sequential([.flatten, .dense(units: 2)])
        try net.build([3], seed: 0)
        let good = String(decoding: try NetworkArchive.encode(net, labels: nil), as: UTF8.self)
        #expect(good.contains(#""units":2"#) && good.contains(#""input_shape":[3]"#))
        let negativeUnits = good.replacingOccurrences(of: #""units":2"#, with: #""units":-5"#)
        #expect(throws: NetworkError.badFile("it has a layer with a size of 0 or less")) { try NetworkArchive.decode(Data(negativeUnits.utf8)) }
        let zeroShape = good.replacingOccurrences(of: #""input_shape":[3]"#, with: #""input_shape":[0]"#)
        #expect(throws: NetworkError.badFile("its input_shape has a size of 0 or less")) { try NetworkArchive.decode(Data(zeroShape.utf8)) }
        let hugeShape = good.replacingOccurrences(of: #""input_shape":[3]"#, with: #""input_shape":[4611686018427387904,4]"#)
        #expect(throws: NetworkError.self) { try NetworkArchive.decode(Data(hugeShape.utf8)) }
    }
}

extension Tensor {
    func scaled(_ k: Float) -> Tensor { Tensor(count: count, shape: shape, values: values.map { $0 * k }) }
}
