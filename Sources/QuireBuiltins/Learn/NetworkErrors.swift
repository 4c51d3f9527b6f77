import QuireLang
import QuireLearn

/// The one place where the networks' errors become sentences.
enum NetworkErrors {
    static func sentence(_ error: NetworkError, _ args: Arguments, argument: String?) -> QuireError {
        let shape = LearnErrors.shapeText
        switch error {
        case .shapeMismatch(let layer, let name, let expected, let got):
            var hint: String?
            if expected.hasPrefix("images"), got.count == 1 {
                let side = Int(Double(got[0]).squareRoot())
                hint = side * side == got[0]
                    ? "reshape the rows into images: X.reshape(-1, \(side), \(side), 1), or sequential([...], input_shape=(\(side), \(side), 1))"
                    : "give images as (rows, height, width, channels), or sequential([...], input_shape=(height, width, channels))"
            } else if expected.hasPrefix("flat"), got.count > 1 {
                hint = "put flatten() before \(name)"
            }
            return QuireError(.value, "layer \(layer), \(name), expects \(expected) but gets rows of shape \(shape(got))",
                hint: hint, argument: argument)
        case .inputShape(let expected, let got):
            return QuireError(.value, "\(argument ?? "X") has rows of shape \(shape(got)), but the network was built for rows of shape \(shape(expected))",
                argument: argument)
        case .outputCount(let outputs, let classes):
            return QuireError(.value, "the last layer gives \(outputs) values per row, but y has \(classes) classes",
                hint: "end the network with dense(\(classes)), one output per class", argument: "y")
        case .notFinite(let row):
            return QuireError(.value, "\(argument ?? "X") has a missing or infinite value (NaN or inf) in row \(row)",
                hint: "drop or fill missing values before training (dropna or fillna)", argument: argument)
        case .lossNotFinite(let epoch):
            return QuireError(.value, "the training loss became NaN (or infinite) in epoch \(epoch)",
                hint: "try a smaller learning_rate, such as a tenth of this one")
        case .noLayers:
            return QuireError(.value, "a network needs at least one layer", hint: "sequential([dense(10)])", argument: "layers")
        case .notBuilt:
            return QuireError(.value, "this network is not built yet",
                hint: "give sequential([...], input_shape=(...)) or call fit(X, y) first")
        case .empty:
            return QuireError(.value, "there are no rows to train on", hint: "X must have at least one row (besides the validation rows)",
                argument: argument)
        case .badParameter(let name, let expected):
            if args.builtin.parameters.contains(where: { $0.name == name }) { return args.bad(name, expected: expected) }
            return QuireError(.value, "bad value for \(name): expected \(expected)")
        case .tooLarge(let layer, let name, let size):
            var error = QuireError(size)
            error.message = (layer > 0 ? "layer \(layer), \(name): " : "\(name): ") + error.message
            if layer > 0 {
                error.hint = "use fewer units or filters, or make the images smaller before it (max_pool)"
            } else if name.hasPrefix("a batch"), args.builtin.parameters.contains(where: { $0.name == "batch_size" }) {
                error.hint = "use a smaller batch_size, or smaller images (resize them)"
            } else if name.hasPrefix("a batch") || name.hasPrefix("a single") {
                error.hint = "use smaller images (resize them), or fewer filters"
            }
            error.argument = argument
            return error
        case .badFile(let reason):
            return QuireError(.io, "cannot load the network: \(reason)", argument: argument)
        }
    }

    /// Runs library code, turning its errors into sentences.
    static func run<T>(_ args: Arguments, argument: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as NetworkError {
            throw sentence(error, args, argument: argument)
        }
    }
}
