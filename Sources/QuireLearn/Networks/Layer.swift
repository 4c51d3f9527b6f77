import QuireSupport
/// One layer of a sequential network, as declared (what a saved network stores).
public enum LayerSpec: Codable, Equatable, Sendable {
    case dense(units: Int)
    case conv2d(filters: Int, kernel: Int, stride: Int, same: Bool)
    case maxPool(size: Int)
    case avgPool(size: Int)
    case flatten
    case dropout(rate: Double)
    case batchNorm
    case relu, tanh, sigmoid, softmax

    /// The layer as the language writes it, e.g. `conv2d(16, 3, padding="same")`.
    public var text: String {
        switch self {
        case .dense(let u): "dense(\(u))"
        case .conv2d(let f, let k, let s, let same):
            "conv2d(\(f), \(k)\(s == 1 ? "" : ", stride=\(s)"), padding=\"\(same ? "same" : "valid")\")"
        case .maxPool(let p): "max_pool(\(p))"
        case .avgPool(let p): "avg_pool(\(p))"
        case .flatten: "flatten()"
        case .dropout(let r): "dropout(\(r))"
        case .batchNorm: "batch_norm()"
        case .relu: "relu()"
        case .tanh: "tanh()"
        case .sigmoid: "sigmoid()"
        case .softmax: "softmax()"
        }
    }

    /// Keras' name of the layer's class, for `summary()`.
    public var kerasName: String {
        switch self {
        case .dense: "Dense"
        case .conv2d: "Conv2D"
        case .maxPool: "MaxPooling2D"
        case .avgPool: "AveragePooling2D"
        case .flatten: "Flatten"
        case .dropout: "Dropout"
        case .batchNorm: "BatchNormalization"
        case .relu, .tanh, .sigmoid, .softmax: "Activation"
        }
    }

    /// Whether its sizes are in range (units, filters, kernels, strides and windows at least 1;
    /// a dropout rate from 0 to less than 1), as the builtins make them; a saved file may hold
    /// anything.
    var isValid: Bool {
        switch self {
        case .dense(let u): u >= 1
        case .conv2d(let f, let k, let s, _): f >= 1 && k >= 1 && s >= 1
        case .maxPool(let p), .avgPool(let p): p >= 1
        case .dropout(let r): r >= 0 && r < 1
        case .flatten, .batchNorm, .relu, .tanh, .sigmoid, .softmax: true
        }
    }

    /// A new layer of this kind, not yet built.
    func make() -> any Layer {
        switch self {
        case .dense(let u): DenseLayer(units: u)
        case .conv2d(let f, let k, let s, let same): Conv2DLayer(filters: f, kernel: k, stride: s, same: same)
        case .maxPool(let p): PoolLayer(size: p, max: true)
        case .avgPool(let p): PoolLayer(size: p, max: false)
        case .flatten: FlattenLayer()
        case .dropout(let r): DropoutLayer(rate: Float(r))
        case .batchNorm: BatchNormLayer()
        case .relu: ActivationLayer(.relu)
        case .tanh: ActivationLayer(.tanh)
        case .sigmoid: ActivationLayer(.sigmoid)
        case .softmax: ActivationLayer(.softmax)
        }
    }
}

/// A layer: built once for the shape of its input rows, then run forward on batches and backward
/// on the gradient of the loss with respect to its output (which fills its weights' gradients
/// and returns the gradient with respect to its input).
protocol Layer: AnyObject {
    var spec: LayerSpec { get }
    /// Checks the input row shape, allocates and initialises the weights; returns the output row
    /// shape. A layer's `expected` text describes what it takes when the shape does not fit.
    func build(_ input: [Int], _ random: inout NetworkRandom) throws(NetworkError) -> [Int]
    func forward(_ x: Tensor, training: Bool, _ random: inout NetworkRandom) -> Tensor
    func backward(_ dy: Tensor) -> Tensor
    /// Trainable weights (updated by the optimizer).
    var weights: [Weights] { get }
    /// Values per input row the layer keeps besides its output while it runs (a convolution's
    /// unfolded patches); known once built.
    var scratchPerRow: Int { get }
    /// Everything a saved network keeps: the weights, then any running statistics.
    var state: [[Float]] { get set }
}

extension Layer {
    var weights: [Weights] { [] }
    var scratchPerRow: Int { 0 }
    var state: [[Float]] {
        get { weights.map(\.value) }
        set { for (w, v) in zip(weights, newValue) { w.value = v } }
    }
}

/// The one checked path from a layer's numbers (units, filters, image sizes) to its buffers:
/// products that overflow and weights the process cannot allocate are errors, found before
/// anything is allocated.
enum LayerSize {
    /// Float buffers per trainable value: the value, its gradient and Adam's two moments.
    static let buffersPerWeight = 4
    /// Float buffers per value a layer gives while training: its output, the output kept for
    /// the backward pass and the gradient.
    static let buffersPerActivation = 3

    /// The weights of one layer, `shape` as the user's numbers give it (e.g. filters, kernel,
    /// kernel, channels): their count, after checking that they (and their gradients and
    /// optimiser moments) can be allocated.
    static func weights(_ spec: LayerSpec, _ shape: [Int]) throws(NetworkError) -> Int {
        do {
            return try Memory.reserve(shape: shape, elementSize: buffersPerWeight * MemoryLayout<Float>.stride)
        } catch {
            throw .tooLarge(layer: 0, name: spec.text, error)
        }
    }

    /// Values per row of `shape`, or an error when their count does not fit in an integer.
    static func values(_ shape: [Int], name: String) throws(NetworkError) -> Int {
        guard let n = Memory.elementCount(shape) else {
            let bytes = shape.reduce(Double(MemoryLayout<Float>.stride)) { $0 * Double($1) }
            throw .tooLarge(layer: 0, name: name, .tooLarge(.array(shape: shape), bytes: bytes))
        }
        return n
    }
}

/// The network's random numbers: numpy's Mersenne Twister, so a seed fixes every draw
/// (initial weights, shuffling, dropout masks).
public struct NetworkRandom: Sendable {
    var state: RandomState
    public init(seed: UInt32) { state = RandomState(seed: seed) }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * Float(state.randomSample())
    }

    /// Glorot's (Xavier's) uniform initialisation, as Keras' default.
    mutating func glorot(count: Int, fanIn: Int, fanOut: Int) -> [Float] {
        let limit = (6 / Float(fanIn + fanOut)).squareRoot()
        return (0..<count).map { _ in uniform(-limit, limit) }
    }

    mutating func permutation(_ n: Int) -> [Int] { state.permutation(n) }
}
