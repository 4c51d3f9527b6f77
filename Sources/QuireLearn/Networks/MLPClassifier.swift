import Foundation
import QuireArray
import QuireSupport

/// A model trained epoch by epoch, whose loss per epoch can be shown and plotted
/// (scikit-learn's `loss_curve_`, `n_iter_`). Networks of other kinds join by conforming.
public protocol TrainsByEpochs: Classifier {
    /// The mean training loss of each epoch; nil before `fit`.
    var lossCurve: [Double]? { get }
    /// The validation accuracy of each epoch with early stopping; nil otherwise.
    var validationScores: [Double]? { get }
    /// The lowest training loss of any epoch; nil before `fit` and with early stopping.
    var bestLoss: Double? { get }
}

/// A multi-layer perceptron as scikit-learn's `MLPClassifier` with its stochastic solvers (adam,
/// sgd): Glorot-uniform weights drawn from `RandomState(random_state)` layer by layer, the same
/// per-epoch shuffling, mini-batches, loss (log-loss plus `alpha`/2 times the squared weights
/// over the batch size), optimisers, early stopping and adaptive learning rate, all in float64,
/// so that `loss_curve` equals scikit-learn's with the same `random_state`.
public struct MLPClassifier: TrainsByEpochs, Savable, ReportsProgress {
    public static let declaredSettings: [Setting] = [
        Setting("hidden_layer_sizes", .layerSizes, .ints([100]),
            doc: "Units of each hidden layer: 100, or a list such as [64, 32] for two layers."),
        Setting("activation", .choice(Activation.allCases.map(\.rawValue)), .string("relu"),
            doc: "The hidden layers' activation function."),
        Setting("solver", .choice(["adam", "sgd"]), .string("adam"), doc: "The optimiser of the weights."),
        Setting("alpha", .number(min: 0), .double(0.0001), doc: "Strength of the L2 penalty on the weights."),
        Setting("batch_size", .oneOf([.choice(["auto"]), .int(min: 1)], expected: "\"auto\" or an int of at least 1"),
            .string("auto"), doc: "Rows per mini-batch; \"auto\" is min(200, rows)."),
        Setting("learning_rate", .choice(["constant", "invscaling", "adaptive"]), .string("constant"),
            doc: "The sgd solver's schedule of the step size."),
        Setting("learning_rate_init", .number(min: 0, positive: true), .double(0.001), doc: "The first step size."),
        Setting("power_t", .number(min: 0), .double(0.5), doc: "The exponent of invscaling: rate = init / t ** power_t."),
        Setting("max_iter", .int(min: 1), .int(200), doc: "The most epochs (passes over the training rows)."),
        Setting("shuffle", .bool, .bool(true), doc: "Whether to shuffle the rows before each epoch."),
        Setting("random_state", .optional(.int(min: 0)), .none,
            doc: "The seed of the initial weights, the shuffling and the validation split; none draws a new one each fit."),
        Setting("tol", .number(min: 0), .double(1e-4), doc: "The least improvement of the loss (or validation score) that counts."),
        Setting("momentum", .interval(min: 0, max: 1, maxIncluded: true), .double(0.9), doc: "The sgd solver's momentum."),
        Setting("nesterovs_momentum", .bool, .bool(true), doc: "Whether sgd uses Nesterov's momentum."),
        Setting("early_stopping", .bool, .bool(false),
            doc: "Whether to keep validation_fraction of the rows aside and stop when their accuracy stops improving."),
        Setting("validation_fraction", .interval(min: 0, max: 1, maxIncluded: false), .double(0.1),
            doc: "The share of rows kept for validation with early_stopping."),
        Setting("beta_1", .interval(min: 0, max: 1, maxIncluded: false), .double(0.9), doc: "Adam's decay of the mean gradient."),
        Setting("beta_2", .interval(min: 0, max: 1, maxIncluded: false), .double(0.999), doc: "Adam's decay of the squared gradient."),
        Setting("epsilon", .number(min: 0, positive: true), .double(1e-8), doc: "Adam's guard against division by zero."),
        Setting("n_iter_no_change", .int(min: 1), .int(10), doc: "Epochs without improvement by tol before stopping."),
    ]
    public var settings = Settings(Self.declaredSettings)

    /// The hidden layers' activation functions.
    public enum Activation: String, CaseIterable, Sendable { case relu, tanh, logistic, identity }

    public private(set) var classes: [Double]?
    /// Units per layer: inputs, the hidden layers, outputs (1 for two classes).
    public private(set) var layerUnits: [Int] = []
    /// Every weight then every intercept, layer by layer (scikit-learn's `coefs_` then
    /// `intercepts_`, each weight matrix fan-in x fan-out, row-major).
    public private(set) var parameters: [Double] = []
    public private(set) var lossCurve: [Double]?
    public private(set) var validationScores: [Double]?
    /// The lowest training loss (nil with early stopping, as scikit-learn's `best_loss_`).
    public private(set) var bestLoss: Double?
    public private(set) var bestValidationScore: Double?
    /// Epochs run (`n_iter_`).
    public private(set) var iterations: Int?

    public init() {}

    public var estimatorName: String { "MLPClassifier" }
    public var progressNoun: String { "epochs" }

    var activation: Activation { Activation(rawValue: settings.string("activation")) ?? .relu }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws { try fit(x, y, progress: nil) }

    public mutating func fit(_ x: Matrix, _ y: [Double], progress: (@Sendable (Int, Int) -> Void)?) throws {
        let classes = try checkTrainingData(x, y)
        let codes = classCodes(y, classes: classes)
        let outputs = classes.count == 2 ? 1 : classes.count
        guard case .ints(let hidden) = settings["hidden_layer_sizes"] else {
            throw LearnError.badParameter(name: "hidden_layer_sizes", expected: SettingKind.layerSizes.expected)
        }
        let units = [x.cols] + hidden + [outputs]
        try Network.reserve(units, rows: min(x.rows, 200 + (settings["batch_size"].asInt ?? 0)))
        var net = Network(units: units, activation: activation)
        var rng = RandomState(seed: settings.seed)
        net.initialize(&rng, logistic: activation == .logistic)

        // Early stopping keeps a share of the rows aside, split with the same generator.
        var trainRows = Array(0..<x.rows)
        var validation: (rows: [Int], codes: [Int])?
        if settings.bool("early_stopping") {
            // scikit-learn stratifies only with one output (two classes); with more it shuffles.
            let split: Split
            let (nTest, nTrain): (Int, Int)
            do {
                (nTest, nTrain) = try splitSizes(
                    nSamples: x.rows, testSize: .fraction(settings.double("validation_fraction")), trainSize: nil)
            } catch LearnError.badParameter {
                throw LearnError.validationTooSmall(rows: x.rows)
            }
            if outputs == 1 {
                do {
                    split = try stratifiedShuffleSplit(codes.map(Double.init), nTest: nTest, nTrain: nTrain, rng: &rng)
                } catch LearnError.badParameter {
                    throw LearnError.validationTooSmall(rows: x.rows)
                }
            } else {
                let permutation = rng.permutation(x.rows)
                split = Split(train: Array(permutation[nTest..<(nTest + nTrain)]), test: Array(permutation[..<nTest]))
            }
            guard split.test.count >= 2 else { throw LearnError.validationTooSmall(rows: x.rows) }
            trainRows = split.train
            validation = (split.test, split.test.map { codes[$0] })
        }
        let n = trainRows.count
        let batchSize: Int
        switch settings["batch_size"] {
        case .int(let b): batchSize = min(max(b, 1), n)
        default: batchSize = min(200, n)
        }
        var optimizer = Optimizer(settings: settings, count: net.parameters.count)
        let maxIter = settings.int("max_iter"), tol = settings.double("tol"), patience = settings.int("n_iter_no_change")
        var curve: [Double] = [], scores: [Double] = []
        var bestLoss = Double.infinity, bestScore = -Double.infinity
        var bestParameters = net.parameters
        var noImprovement = 0, seen = 0
        var order = trainRows
        let shuffle = settings.bool("shuffle")
        let work = Workspace(units: net.units, rows: batchSize, parameters: net.parameters.count)
        for (i, v) in net.parameters.enumerated() { work.parameters[i] = v }
        for epoch in 1...maxIter {
            if shuffle { order = rng.permutation(n).map { order[$0] } }
            var accumulated = 0.0
            var start = 0
            while start < n {
                try Cancellation.check()
                let rows = order[start..<min(start + batchSize, n)]
                let batchLoss = net.step(x, rows, codes, work, alpha: settings.double("alpha"), optimizer: &optimizer)
                accumulated += batchLoss * Double(rows.count)
                start += batchSize
            }
            let loss = accumulated / Double(n)
            guard loss.isFinite else { throw LearnError.lossNotFinite(epoch: epoch) }
            curve.append(loss)
            seen += n
            if let validation {
                net.parameters = work.weights
                let predicted = net.predictCodes(x.selecting(rows: validation.rows))
                let score = Double(zip(predicted, validation.codes).filter { $0 == $1 }.count) / Double(validation.codes.count)
                scores.append(score)
                noImprovement = score < bestScore + tol ? noImprovement + 1 : 0
                if score > bestScore {
                    bestScore = score
                    bestParameters = net.parameters
                }
            } else {
                noImprovement = loss > bestLoss - tol ? noImprovement + 1 : 0
                if loss < bestLoss { bestLoss = loss }
            }
            optimizer.iterationEnds(samplesSeen: seen)
            progress?(epoch, maxIter)
            if noImprovement > patience {
                if optimizer.triggerStopping() { break }
                noImprovement = 0
            }
        }
        net.parameters = validation != nil ? bestParameters : work.weights
        guard net.parameters.allSatisfy(\.isFinite) else { throw LearnError.lossNotFinite(epoch: curve.count) }
        self.classes = classes
        layerUnits = net.units
        parameters = net.parameters
        lossCurve = curve
        iterations = curve.count
        validationScores = validation == nil ? nil : scores
        self.bestLoss = validation == nil ? bestLoss : nil
        bestValidationScore = validation == nil ? nil : bestScore
    }

    /// The fitted network, checked against the features of `x`.
    private func network(for x: Matrix) throws -> Network {
        guard classes != nil, let inputs = layerUnits.first else { throw LearnError.notFitted(model: estimatorName) }
        try x.checkColumns(inputs)
        var net = Network(units: layerUnits, activation: activation)
        net.parameters = parameters
        return net
    }

    public func predictProba(_ x: Matrix) throws -> Matrix {
        let net = try network(for: x)
        let out = net.forward(x)
        guard net.outputs == 1 else { return Matrix(rows: x.rows, cols: net.outputs, values: out) }
        var values = [Double](repeating: 0, count: 2 * x.rows)
        for i in 0..<x.rows {
            values[2 * i] = 1 - out[i]
            values[2 * i + 1] = out[i]
        }
        return Matrix(rows: x.rows, cols: 2, values: values)
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        guard let classes else { throw LearnError.notFitted(model: estimatorName) }
        return try network(for: x).predictCodes(x).map { classes[$0] }
    }
}

extension MLPClassifier: Codable {
    enum CodingKeys: String, CodingKey {
        case settings, classes, layerUnits = "layer_units", parameters, lossCurve = "loss_curve"
        case validationScores = "validation_scores", bestLoss = "best_loss", bestValidationScore = "best_validation_score"
        case iterations = "n_iter"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        settings = try c.decode(Settings.self, forKey: .settings)
        classes = try c.decodeIfPresent([Double].self, forKey: .classes)
        layerUnits = try c.decode([Int].self, forKey: .layerUnits)
        parameters = try c.decode([Double].self, forKey: .parameters)
        lossCurve = try c.decodeIfPresent([Double].self, forKey: .lossCurve)
        validationScores = try c.decodeIfPresent([Double].self, forKey: .validationScores)
        bestLoss = try c.decodeIfPresent(Double.self, forKey: .bestLoss)
        bestValidationScore = try c.decodeIfPresent(Double.self, forKey: .bestValidationScore)
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations)
        // A damaged file must not reach the arithmetic: the sizes have to agree.
        if classes != nil {
            let units = layerUnits
            guard units.count >= 2, units.allSatisfy({ $0 >= 1 }),
                let classCount = classes?.count, units.last == (classCount == 2 ? 1 : classCount),
                parameters.count == Network.parameterCount(units)
            else { throw LearnError.badModelFile("the saved MLPClassifier's weights do not match its layers") }
        }
    }
}

/// The layers' weights and the arithmetic of one forward and backward pass.
struct Network: Sendable {
    let units: [Int]
    let activation: MLPClassifier.Activation
    var parameters: [Double]
    /// Where each layer's weights and intercepts start in `parameters`.
    let coefOffsets: [Int]
    let interceptOffsets: [Int]

    var layers: Int { units.count - 1 }
    var outputs: Int { units[units.count - 1] }

    /// Checks, before anything is allocated, that the weights (with their gradients and two
    /// optimiser moments) and one batch's activations fit in memory: `hidden_layer_sizes` is
    /// the user's number.
    static func reserve(_ units: [Int], rows: Int) throws(SizeError) {
        var weights = 0, perRow = 0
        for i in 0..<(units.count - 1) {
            guard let w = Memory.product(units[i] + 1, units[i + 1]), case (let sum, false) = weights.addingReportingOverflow(w) else {
                throw .tooLarge(.array(shape: units), bytes: units.reduce(8.0) { $0 * Double($1) })
            }
            weights = sum
        }
        for u in units { perRow = perRow.addingReportingOverflow(u).overflow ? Int.max : perRow + u }
        try Memory.reserve(.array(shape: [weights]), count: weights, elementSize: 4 * MemoryLayout<Double>.stride)
        try Memory.reserve(.array(shape: [rows, perRow]), count: Memory.product(rows, perRow) ?? Int.max, elementSize: 2 * MemoryLayout<Double>.stride)
    }

    static func parameterCount(_ units: [Int]) -> Int {
        (0..<(units.count - 1)).reduce(0) { $0 + units[$1] * units[$1 + 1] + units[$1 + 1] }
    }

    init(units: [Int], activation: MLPClassifier.Activation) {
        self.units = units
        self.activation = activation
        var coefs: [Int] = [], offset = 0
        for i in 0..<(units.count - 1) {
            coefs.append(offset)
            offset += units[i] * units[i + 1]
        }
        var intercepts: [Int] = []
        for i in 0..<(units.count - 1) {
            intercepts.append(offset)
            offset += units[i + 1]
        }
        coefOffsets = coefs
        interceptOffsets = intercepts
        parameters = [Double](repeating: 0, count: offset)
    }

    /// Glorot-uniform weights and intercepts, as scikit-learn's `_init_coef`: for each layer the
    /// weights (row-major) then the intercepts, uniform in +-sqrt(6 / (fan_in + fan_out)) (2
    /// instead of 6 for the logistic activation).
    mutating func initialize(_ rng: inout RandomState, logistic: Bool) {
        for i in 0..<layers {
            let bound = ((logistic ? 2.0 : 6.0) / Double(units[i] + units[i + 1])).squareRoot()
            let low = -bound, range = bound - low
            for j in 0..<(units[i] * units[i + 1]) { parameters[coefOffsets[i] + j] = low + range * rng.randomSample() }
            for j in 0..<units[i + 1] { parameters[interceptOffsets[i] + j] = low + range * rng.randomSample() }
        }
    }

    /// `c (rows x units[layer+1]) = a (rows x units[layer]) * W[layer] + b[layer]`.
    private func affine(
        _ layer: Int, rows: Int, _ a: UnsafePointer<Double>, _ p: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>
    ) {
        let fanIn = units[layer], fanOut = units[layer + 1]
        Gemm.multiply(m: rows, n: fanOut, k: fanIn, a: a, lda: fanIn, b: p + coefOffsets[layer], ldb: fanOut, c: c, ldc: fanOut)
        let bias = p + interceptOffsets[layer]
        for r in 0..<rows {
            let row = c + r * fanOut
            for j in 0..<fanOut { row[j] += bias[j] }
        }
    }

    /// The hidden activation, in place.
    private func activate(_ z: UnsafeMutablePointer<Double>, _ count: Int) {
        switch activation {
        case .identity: break
        case .relu: for i in 0..<count where !(z[i] > 0) { z[i] = z[i].isNaN ? z[i] : 0 }
        case .tanh: for i in 0..<count { z[i] = Foundation.tanh(z[i]) }
        case .logistic: for i in 0..<count { z[i] = Self.logistic(z[i]) }
        }
    }

    /// scipy's `expit`.
    @inline(__always) static func logistic(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

    /// The output activation, in place: softmax per row (numpy's order: subtract the row's
    /// maximum, exponentiate, divide by the pairwise sum), or the logistic for one output.
    private func activateOutput(_ z: UnsafeMutablePointer<Double>, rows: Int) {
        let k = outputs
        if k == 1 {
            for i in 0..<rows { z[i] = Self.logistic(z[i]) }
            return
        }
        for r in 0..<rows {
            let row = z + r * k
            var top = row[0]
            for j in 1..<k where row[j] > top || row[j].isNaN { top = row[j] }
            for j in 0..<k { row[j] = exp(row[j] - top) }
            let sum = PairwiseSum.numpy(UnsafeBufferPointer(start: row, count: k), 0, k)
            for j in 0..<k { row[j] /= sum }
        }
    }

    /// The output probabilities of every row of `x` (rows x outputs), a block of rows at a time.
    func forward(_ x: Matrix) -> [Double] {
        var out = [Double](repeating: 0, count: x.rows * outputs)
        let block = 256
        let scratch = Workspace(units: [units.max() ?? 1, units.max() ?? 1], rows: block, parameters: 0)
        x.values.withUnsafeBufferPointer { xv in
            parameters.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { o in
                    var start = 0
                    while start < x.rows {
                        let rows = min(block, x.rows - start)
                        var input = UnsafePointer(xv.baseAddress! + start * units[0])
                        for layer in 0..<layers {
                            let last = layer == layers - 1
                            let target = last ? o.baseAddress! + start * outputs : scratch.activations[layer % 2]
                            affine(layer, rows: rows, input, p.baseAddress!, target)
                            if last { activateOutput(target, rows: rows) } else { activate(target, rows * units[layer + 1]) }
                            input = UnsafePointer(target)
                        }
                        start += rows
                    }
                }
            }
        }
        return out
    }

    /// The class position of each row: the largest probability (the first on ties), or for one
    /// output, class 1 when its probability is over 0.5 (scikit-learn's LabelBinarizer).
    func predictCodes(_ x: Matrix) -> [Int] {
        let out = forward(x), k = outputs
        if k == 1 { return out.map { $0 > 0.5 ? 1 : 0 } }
        return (0..<x.rows).map { r in
            var best = 0
            for j in 1..<k where out[r * k + j] > out[r * k + best] { best = j }
            return best
        }
    }

    /// One mini-batch: forward pass, loss, gradients and the optimiser's update. Returns the
    /// batch's loss (scikit-learn's `_backprop`).
    func step(
        _ x: Matrix, _ rows: ArraySlice<Int>, _ codes: [Int], _ w: Workspace, alpha: Double, optimizer: inout Optimizer
    ) -> Double {
        let b = rows.count, d = units[0], k = outputs, last = layers - 1
        // Gather the batch's rows.
        x.values.withUnsafeBufferPointer { xv in
            var r = 0
            for row in rows {
                (w.activations[0] + r * d).update(from: xv.baseAddress! + row * d, count: d)
                r += 1
            }
        }
        var loss = 0.0
        do {
            let pm = UnsafeMutableBufferPointer(start: w.parameters, count: w.parameterCount)
            let p = UnsafePointer(w.parameters)
            // Forward.
            for layer in 0..<layers {
                let output = w.activations[layer + 1]
                affine(layer, rows: b, w.activations[layer], p, output)
                if layer == last { activateOutput(output, rows: b) } else { activate(output, b * units[layer + 1]) }
            }
            let probs = w.activations[layers]
            // Log-loss, in numpy's order: per class, the sum over rows of log p of the rows of
            // that class, divided by the rows; then the classes' pairwise sum, negated.
            let eps = Double.ulpOfOne
            if k == 1 {
                var s = 0.0
                var r = 0
                for row in rows {
                    let q = min(max(probs[r], eps), 1 - eps)
                    s += codes[row] == 1 ? log(q) : log(1 - q)
                    r += 1
                }
                loss = -(s / Double(b))
            } else {
                var perClass = [Double](repeating: 0, count: k)
                var r = 0
                for row in rows {
                    let c = codes[row]
                    perClass[c] += log(min(max(probs[r * k + c], eps), 1 - eps))
                    r += 1
                }
                for c in 0..<k { perClass[c] /= Double(b) }
                loss = -perClass.withUnsafeBufferPointer { PairwiseSum.numpy($0, 0, k) }
            }
            var squares = 0.0
            for layer in 0..<layers {
                let start = coefOffsets[layer], count = units[layer] * units[layer + 1]
                var s = 0.0
                for j in start..<(start + count) { s += pm[j] * pm[j] }
                squares += s
            }
            loss += (0.5 * alpha) * squares / Double(b)

            // Backward: the output delta is probabilities minus targets.
            let delta = w.deltas[last]
            var r = 0
            for row in rows {
                for j in 0..<k {
                    let target: Double = k == 1 ? (codes[row] == 1 ? 1 : 0) : (codes[row] == j ? 1 : 0)
                    delta[r * k + j] = probs[r * k + j] - target
                }
                r += 1
            }
            let g = w.gradients
            gradient(last, rows: b, w, p, g, alpha: alpha)
            for layer in stride(from: last, to: 0, by: -1) {
                let fanIn = units[layer], fanOut = units[layer + 1]
                let upper = w.deltas[layer], lower = w.deltas[layer - 1]
                Gemm.multiply(.plain, .transposed, m: b, n: fanIn, k: fanOut, a: upper, lda: fanOut,
                    b: p + coefOffsets[layer], ldb: fanOut, c: lower, ldc: fanIn)
                let z = w.activations[layer]
                let count = b * fanIn
                switch activation {
                case .identity: break
                case .relu: for i in 0..<count where z[i] == 0 { lower[i] = 0 }
                case .tanh: for i in 0..<count { lower[i] *= 1 - z[i] * z[i] }
                case .logistic:
                    for i in 0..<count {
                        lower[i] *= z[i]
                        lower[i] *= 1 - z[i]
                    }
                }
                gradient(layer - 1, rows: b, w, p, g, alpha: alpha)
            }
            optimizer.update(pm, UnsafeBufferPointer(start: g, count: pm.count))
        }
        return loss
    }

    /// scikit-learn's `_compute_loss_grad`: `(a.T @ delta + alpha * W) / rows` and the
    /// intercepts' `sum(delta, axis=0) / rows`.
    private func gradient(
        _ layer: Int, rows b: Int, _ w: Workspace, _ p: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, alpha: Double
    ) {
        let fanIn = units[layer], fanOut = units[layer + 1]
        let a = w.activations[layer], delta = w.deltas[layer]
        let coef = g + coefOffsets[layer], weights = p + coefOffsets[layer]
        Gemm.multiply(.transposed, .plain, m: fanIn, n: fanOut, k: b, a: a, lda: fanIn, b: delta, ldb: fanOut, c: coef, ldc: fanOut)
        let n = Double(b)
        for j in 0..<(fanIn * fanOut) {
            coef[j] += alpha * weights[j]
            coef[j] /= n
        }
        let intercept = g + interceptOffsets[layer]
        for j in 0..<fanOut { intercept[j] = 0 }
        for r in 0..<b {
            let row = delta + r * fanOut
            for j in 0..<fanOut { intercept[j] += row[j] }
        }
        for j in 0..<fanOut { intercept[j] /= n }
    }
}

/// The buffers of one mini-batch, allocated once per fit and freed with it (their addresses
/// stay put while the network reads and writes them).
final class Workspace {
    /// Inputs, then each layer's outputs: rows x units.
    let activations: [UnsafeMutablePointer<Double>]
    /// Each layer's error signal: rows x units of its output.
    let deltas: [UnsafeMutablePointer<Double>]
    let gradients: UnsafeMutablePointer<Double>
    /// The weights being trained (the network's `parameters`, copied in).
    let parameters: UnsafeMutablePointer<Double>
    let parameterCount: Int

    init(units: [Int], rows: Int, parameters: Int) {
        func zeros(_ n: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(n, 1))
            p.initialize(repeating: 0, count: max(n, 1))
            return p
        }
        activations = units.map { zeros(rows * $0) }
        deltas = units.dropFirst().map { zeros(rows * $0) }
        gradients = zeros(parameters)
        self.parameters = zeros(parameters)
        parameterCount = parameters
    }

    /// The trained weights as an array.
    var weights: [Double] { Array(UnsafeBufferPointer(start: parameters, count: parameterCount)) }

    deinit {
        for p in activations { p.deallocate() }
        for p in deltas { p.deallocate() }
        gradients.deallocate()
        parameters.deallocate()
    }
}

/// scikit-learn's `SGDOptimizer` and `AdamOptimizer` (`_stochastic_optimizers.py`), over every
/// parameter at once (their updates are element by element).
struct Optimizer {
    enum Kind { case adam, sgd }
    let kind: Kind
    let initialRate: Double
    var rate: Double
    let schedule: String
    let momentum: Double, nesterov: Bool, powerT: Double
    let beta1: Double, beta2: Double, epsilon: Double
    var t = 0
    /// sgd's velocities, or adam's first moments.
    var first: [Double]
    /// adam's second moments.
    var second: [Double]

    init(settings: Settings, count: Int) {
        kind = settings.string("solver") == "sgd" ? .sgd : .adam
        initialRate = settings.double("learning_rate_init")
        rate = initialRate
        schedule = settings.string("learning_rate")
        momentum = settings.double("momentum")
        nesterov = settings.bool("nesterovs_momentum")
        powerT = settings.double("power_t")
        beta1 = settings.double("beta_1")
        beta2 = settings.double("beta_2")
        epsilon = settings.double("epsilon")
        first = [Double](repeating: 0, count: count)
        second = kind == .adam ? [Double](repeating: 0, count: count) : []
    }

    /// Adds the update for gradients `g` to the parameters `p`.
    mutating func update(_ p: UnsafeMutableBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>) {
        switch kind {
        case .sgd:
            let mu = momentum, lr = rate
            first.withUnsafeMutableBufferPointer { v in
                for i in 0..<p.count {
                    let velocity = mu * v[i] - lr * g[i]
                    v[i] = velocity
                    p[i] += nesterov ? mu * velocity - lr * g[i] : velocity
                }
            }
        case .adam:
            t += 1
            rate = initialRate * (1 - pow(beta2, Double(t))).squareRoot() / (1 - pow(beta1, Double(t)))
            let b1 = beta1, b2 = beta2, lr = -rate, eps = epsilon
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { v in
                    for i in 0..<p.count {
                        m[i] = b1 * m[i] + (1 - b1) * g[i]
                        v[i] = b2 * v[i] + (1 - b2) * (g[i] * g[i])
                        p[i] += lr * m[i] / (v[i].squareRoot() + eps)
                    }
                }
            }
        }
    }

    /// After an epoch: invscaling's rate for the rows seen so far.
    mutating func iterationEnds(samplesSeen: Int) {
        if kind == .sgd, schedule == "invscaling" { rate = initialRate / pow(Double(samplesSeen + 1), powerT) }
    }

    /// After `n_iter_no_change` epochs without improvement: whether to stop (adaptive sgd
    /// divides its rate by 5 instead, until it is 1e-6 or less).
    mutating func triggerStopping() -> Bool {
        guard kind == .sgd, schedule == "adaptive" else { return true }
        if rate <= 1e-6 { return true }
        rate /= 5
        return false
    }
}
