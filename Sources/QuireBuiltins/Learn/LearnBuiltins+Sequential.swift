import Foundation
import QuireData
import QuireLang
import QuireLearn
import QuirePlot
import QuireSupport

extension LearnBuiltins {
    private static func layer(_ name: String, _ params: [Parameter], doc: String, example: String,
                              _ make: @escaping @Sendable (Arguments) throws -> LayerSpec) -> Builtin {
        Builtin(name, params, doc: doc, example: example) { args in .object(LayerObject(try make(args))) }
    }

    private static func positive(_ args: Arguments, _ name: String, _ what: String) throws -> Int {
        let n = try args.int(name)
        guard n >= 1 else { throw args.bad(name, expected: what) }
        return n
    }

    /// The layers and `sequential`.
    static let networks: [Builtin] = [
        layer("dense", [Parameter("units", .int)], doc: "A fully connected layer of `units` outputs (flat rows in).",
              example: "dense(64)") { args in .dense(units: try positive(args, "units", "a whole number of units, at least 1")) },
        layer("conv2d", [Parameter("filters", .int), Parameter("kernel", .int), .opt("stride", .int, .int(1)),
                         .choice("padding", ["same", "valid"])],
              doc: "A 2-D convolution of `filters` kernels of kernel x kernel pixels (images in).",
              example: "conv2d(16, 3, padding=\"same\")") { args in
            .conv2d(filters: try positive(args, "filters", "a whole number of filters, at least 1"),
                    kernel: try positive(args, "kernel", "a kernel size of at least 1 pixel"),
                    stride: try positive(args, "stride", "a stride of at least 1 pixel"), same: try args.choice("padding") == "same")
        },
        layer("max_pool", [.opt("size", .int, .int(2))], doc: "The maximum of each size x size window (halves the image for 2).",
              example: "max_pool(2)") { args in .maxPool(size: try positive(args, "size", "a window of at least 1 pixel")) },
        layer("avg_pool", [.opt("size", .int, .int(2))], doc: "The mean of each size x size window.",
              example: "avg_pool(2)") { args in .avgPool(size: try positive(args, "size", "a window of at least 1 pixel")) },
        layer("flatten", [], doc: "Images as flat rows (channels last), before dense layers.", example: "flatten()") { _ in .flatten },
        layer("dropout", [Parameter("rate", .number)], doc: "Zeroes a fraction `rate` of the values while training.",
              example: "dropout(0.25)") { args in
            let rate = try args.double("rate")
            guard rate >= 0, rate < 1 else { throw args.bad("rate", expected: "a fraction from 0 to less than 1") }
            return .dropout(rate: rate)
        },
        layer("batch_norm", [], doc: "Normalises each feature (or channel) over the batch, as Keras' BatchNormalization.",
              example: "batch_norm()") { _ in .batchNorm },
        layer("relu", [], doc: "max(0, x), element by element.", example: "relu()") { _ in .relu },
        layer("tanh", [], doc: "The hyperbolic tangent, element by element.", example: "tanh()") { _ in .tanh },
        layer("sigmoid", [], doc: "1 / (1 + exp(-x)), element by element.", example: "sigmoid()") { _ in .sigmoid },
        layer("softmax", [], doc: "Probabilities over the last layer's outputs (rows sum to 1).", example: "softmax()") { _ in .softmax },
        Builtin("sequential", [
            Parameter("layers", .sequence),
            .opt("input_shape", .optional(.sequence), .none, doc: "The shape of one row, e.g. (8, 8, 1): flat rows are reshaped to it."),
            .choice("data_format", ["channels_last", "channels_first"],
                    doc: "Images as (rows, height, width, channels) (the default, as Keras) or (rows, channels, height, width)."),
        ], doc: "A network of layers trained together (as Keras' Sequential), for classification.",
           example: "net = sequential([conv2d(16, 3), relu(), max_pool(2), flatten(), dense(10)], input_shape=(8, 8, 1))",
           body: makeNetwork),
        Builtin("plot_history", [Parameter("model", .object("Network"))],
                doc: "The learning curves of a network's last fit: loss and accuracy per epoch (validation too).",
                example: "plot_history(net)", body: plotHistory),
    ]

    private static func makeNetwork(_ args: Arguments) throws -> Value {
        let specs = try args.sequence("layers").map { value -> LayerSpec in
            guard case .object(let layer as LayerObject) = value else {
                throw args.bad("layers", expected: "a list of layers such as [dense(64), relu(), dense(10)]")
            }
            return layer.spec
        }
        let network = try NetworkErrors.run(args) { try Sequential(specs) }
        var shape: [Int]?
        if args.optional("input_shape") != nil {
            shape = try args.sequence("input_shape").map { v -> Int in
                guard case .int(let n) = v, n >= 1 else { throw args.bad("input_shape", expected: "a tuple of sizes such as (8, 8, 1)") }
                return n
            }
        }
        let channelsFirst = try args.choice("data_format") == "channels_first"
        if let shape {
            // The layers work channels last: (channels, height, width) becomes (height, width, channels).
            let built = channelsFirst && shape.count == 3 ? [shape[1], shape[2], shape[0]] : shape
            try NetworkErrors.run(args, argument: "input_shape") { try network.build(built, seed: 0) }
        }
        return .object(NetworkObject(network, declaredShape: shape, channelsFirst: channelsFirst))
    }

    private static func plotHistory(_ args: Arguments) throws -> Value {
        let object = try args.object("model", as: NetworkObject.self, expected: "a network")
        let history = object.network.history
        guard !history.isEmpty else { throw QuireError(.value, "this network has no history yet", hint: "call fit(X, y) first") }
        return try historyFigure(history)
    }
}

extension LearnBuiltins {
    /// Loss and accuracy per epoch side by side, training and (when there was some) validation.
    static func historyFigure(_ history: [EpochRecord]) throws -> Value {
        let panels: [(name: String, training: [Double], validation: [Double])] = [("loss", history.map(\.loss), history.map(\.valLoss)),
                      ("accuracy", history.map(\.accuracy), history.map(\.valAccuracy))]
        do throws(PlotError) {
            let figure = try Figure.learningCurves(epochs: history.map { Double($0.epoch) }, panels: panels)
            return .object(FigureObject(figure, kind: "learning curves"))
        } catch {
            throw PlotMessages.error(error, function: "plot_history")
        }
    }
}
