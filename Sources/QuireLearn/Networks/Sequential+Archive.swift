import Foundation

/// A sequential network as a JSON file: `{"format": "quire-model", "kind": "sequential",
/// "layers": [...], "input_shape": [...], "state": [[layer's arrays]], "labels": {...}}`.
/// float32 values are written in their shortest form, so a loaded network predicts exactly as
/// the saved one.
public struct NetworkArchive: Codable {
    public static let kind = "sequential"
    var format = "quire-model"
    var kind = NetworkArchive.kind
    var layers: [LayerSpec]
    var input_shape: [Int]
    var state: [[[Float]]]
    /// The classes as the user gave them (the language's labels).
    public var labels: LabelList?
    /// Whether the caller gives images channels first (NCHW); the layers work channels last.
    public var channels_first: Bool?

    /// Whether `data` is a saved sequential network (and not another kind of model).
    public static func holdsNetwork(_ data: Data) -> Bool {
        struct Header: Decodable { let kind: String? }
        return (try? JSONDecoder().decode(Header.self, from: data))?.kind == kind
    }

    public static func encode(_ network: Sequential, labels: LabelList?, channelsFirst: Bool = false) throws(NetworkError) -> Data {
        guard let shape = network.inputShape else { throw .notBuilt }
        let archive = NetworkArchive(layers: network.specs, input_shape: shape, state: network.layers.map(\.state), labels: labels,
            channels_first: channelsFirst)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return try encoder.encode(archive) } catch { throw .badFile("cannot encode the network") }
    }

    /// The network saved in `data` and its labels.
    public static func decode(_ data: Data) throws(NetworkError) -> (network: Sequential, labels: LabelList?, channelsFirst: Bool) {
        let archive: NetworkArchive
        do { archive = try JSONDecoder().decode(NetworkArchive.self, from: data) } catch {
            throw .badFile("not a saved sequential network, or a damaged one")
        }
        guard archive.layers.allSatisfy(\.isValid) else { throw .badFile("it has a layer with a size of 0 or less") }
        guard !archive.input_shape.isEmpty, archive.input_shape.allSatisfy({ $0 >= 1 }) else {
            throw .badFile("its input_shape has a size of 0 or less")
        }
        let network = try Sequential(archive.layers)
        try network.build(archive.input_shape, seed: 0)
        guard archive.state.count == network.layers.count else { throw .badFile("its layers do not match its weights") }
        for (layer, saved) in zip(network.layers, archive.state) {
            guard saved.map(\.count) == layer.state.map(\.count) else { throw .badFile("its weights do not match its layers") }
            layer.state = saved
        }
        network.isTrained = true
        return (network, archive.labels, archive.channels_first ?? false)
    }
}

extension Sequential {
    /// Keras' text of `model.summary()`: each layer's name and type, output shape and
    /// parameter count, then the totals.
    public func summary() throws(NetworkError) -> String {
        guard isBuilt else { throw .notBuilt }
        var seen: [String: Int] = [:]
        let rule = String(repeating: "_", count: 65), double = String(repeating: "=", count: 65)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        var lines = ["Model: \"sequential\"", rule, " " + pad("Layer (type)", 28) + pad("Output Shape", 26) + "Param #", double]
        let counts = zip(parameterCounts, nonTrainableCounts).map { $0 + $1 }
        for (i, spec) in specs.enumerated() {
            let base = Self.kerasLayerName(spec)
            let n = seen[base, default: 0]
            seen[base] = n + 1
            let name = n == 0 ? base : "\(base)_\(n)"
            let shape = "(None, " + outputShapes[i].map(String.init).joined(separator: ", ") + ")"
            // Columns start at fixed positions (1, 29, 55), as Keras prints them.
            let first = pad(" \(name) (\(spec.kerasName))", 29)
            lines.append(first + pad(shape, 55 - first.count) + Self.grouped(counts[i]))
            lines.append(i == specs.count - 1 ? double : "")
        }
        let trainable = parameterCounts.reduce(0, +), fixed = nonTrainableCounts.reduce(0, +)
        lines += ["Total params: \(Self.grouped(trainable + fixed))", "Trainable params: \(Self.grouped(trainable))",
                  "Non-trainable params: \(Self.grouped(fixed))", rule]
        return lines.joined(separator: "\n")
    }

    static func kerasLayerName(_ spec: LayerSpec) -> String {
        switch spec {
        case .dense: "dense"
        case .conv2d: "conv2d"
        case .maxPool: "max_pooling2d"
        case .avgPool: "average_pooling2d"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .batchNorm: "batch_normalization"
        case .relu, .tanh, .sigmoid, .softmax: "activation"
        }
    }

    /// 12345 as "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
