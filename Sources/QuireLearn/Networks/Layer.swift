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
    /// Everything a saved network keeps: the weights, then any running statistics.
    var state: [[Float]] { get set }
}

extension Layer {
    var weights: [Weights] { [] }
    var state: [[Float]] {
        get { weights.map(\.value) }
        set { for (w, v) in zip(weights, newValue) { w.value = v } }
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
