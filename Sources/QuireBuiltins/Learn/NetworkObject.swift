import Foundation
import QuireArray
import QuireData
import QuireLang
import QuireLearn
import QuireSupport

/// One layer as a language value (`dense(64)`), to be put in `sequential([...])`.
final class LayerObject: NativeObject {
    let spec: LayerSpec
    init(_ spec: LayerSpec) { self.spec = spec }
    var typeName: String { "Layer" }
    func displayText() -> String { spec.text }
}

/// A sequential network in the language, with the labels it was trained on and how its input
/// rows are laid out.
final class NetworkObject: NativeObject {
    let network: Sequential
    var labels: Labels?
    /// The shape flat rows are reshaped to (`input_shape=`), if any.
    let declaredShape: [Int]?
    /// Images given as (rows, channels, height, width) rather than (rows, height, width, channels).
    let channelsFirst: Bool

    init(_ network: Sequential, labels: Labels? = nil, declaredShape: [Int]?, channelsFirst: Bool) {
        self.network = network
        self.labels = labels
        self.declaredShape = declaredShape
        self.channelsFirst = channelsFirst
    }

    var typeName: String { "Network" }
    func displayText() -> String {
        "sequential([" + network.specs.map(\.text).joined(separator: ", ") + "])"
    }

    /// The rows of an argument as the network takes them: flat rows reshaped to `input_shape`,
    /// channels-first images turned channels-last, values as float32.
    func tensor(_ args: Arguments, _ name: String, value: Value? = nil) throws -> Tensor {
        let array = try value.map(ndarray(from:)) ?? ndarray(args, name)
        guard array.ndim >= 2 else {
            throw QuireError(.value, "\(name) must hold one row per sample (at least 2-D), got an array of shape \(LearnErrors.shapeText(array.shape))",
                argument: name)
        }
        let n = array.shape[0]
        var shape = Array(array.shape.dropFirst())
        let values: [Float]
        if case .float32(let v) = array.storage { values = v } else { values = array.doubles.map(Float.init) }
        if let declared = declaredShape, shape != declared, shape.reduce(1, *) == declared.reduce(1, *) {
            shape = declared
        }
        if channelsFirst, shape.count == 3 {
            return Tensor.fromChannelsFirst(values, count: n, channels: shape[0], height: shape[1], width: shape[2])
        }
        return Tensor(count: n, shape: shape, values: values)
    }

    /// The history of the last fit as a DataFrame, one row per epoch.
    var historyFrame: DataFrame {
        let h = network.history
        return DataFrame(names: ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"], columns: [
            Column(int64: h.map { Int64($0.epoch) }), Column(float64: h.map(\.loss)), Column(float64: h.map(\.accuracy)),
            Column(float64: h.map(\.valLoss)), Column(float64: h.map(\.valAccuracy)), Column(float64: h.map(\.seconds)),
        ])
    }
}
