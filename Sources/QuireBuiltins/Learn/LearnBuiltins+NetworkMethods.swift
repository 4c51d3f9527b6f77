import Foundation
import QuireArray
import QuireData
import QuireLang
import QuireLearn
import QuireSupport

extension LearnBuiltins {
    static let networkMethods: [Builtin] = [
        Builtin("fit", on: "Network", [
            Parameter("X"), Parameter("y"),
            .opt("epochs", .int, .int(10)), .opt("batch_size", .int, .int(32)),
            .opt("learning_rate", .optional(.number), .none, doc: "Step size; none: 0.001 for Adam, 0.01 for SGD."),
            .choice("optimizer", TrainingOptions.Optimizer.allCases.map(\.rawValue)),
            .opt("momentum", .number, .double(0), doc: "For SGD: the fraction of the last step added to the next."),
            .opt("validation", .optional(.sequence), .none, doc: "(X_val, y_val), measured after every epoch."),
            .opt("validation_split", .number, .double(0), doc: "The last fraction of the rows held out for validation."),
            .opt("random_state", .optional(.int), .none, doc: "Seed of the initial weights, shuffling and dropout."),
            .opt("early_stopping", .optional(.int), .none, doc: "Stop after this many epochs without a better validation loss."),
        ], doc: "Trains the network (softmax cross-entropy); returns its history, one row per epoch.",
           example: "history = net.fit(X_train, y_train, epochs=20, batch_size=32, validation=(X_test, y_test), random_state=0)",
           body: fitNetwork),
        Builtin("predict", on: "Network", [Parameter("X")], doc: "The predicted label of each row.",
                example: "y_pred = net.predict(X_test)") { args in
            let object = args.receiver(as: NetworkObject.self)
            let x = try object.tensor(args, "X")
            let codes = try NetworkErrors.run(args, argument: "X") { try object.network.predict(x) }
            guard let labels = object.labels else { throw LearnErrors.notFitted("network") }
            return LabelConversions.value(labels.decode(codes))
        },
        Builtin("predict_proba", on: "Network", [Parameter("X")],
                doc: "The probability of each class (columns in the order of net.classes) for each row.",
                example: "net.predict_proba(X_test)") { args in
            let object = args.receiver(as: NetworkObject.self)
            let x = try object.tensor(args, "X")
            let p = try NetworkErrors.run(args, argument: "X") { try object.network.predictProba(x) }
            let k = object.network.outputCount
            return .object(ArrayObject(NDArray(shape: [p.count, k], float32: p.flatMap { $0 })))
        },
        Builtin("evaluate", on: "Network", [Parameter("X"), Parameter("y")],
                doc: "(loss, accuracy) on rows X with labels y, as Keras' evaluate.",
                example: "loss, acc = net.evaluate(X_test, y_test)") { args in
            let (loss, accuracy) = try evaluateNetwork(args)
            return .tuple([.double(loss), .double(accuracy)])
        },
        Builtin("score", on: "Network", [Parameter("X"), Parameter("y")], doc: "The accuracy on rows X with labels y.",
                example: "net.score(X_test, y_test)") { args in .double(try evaluateNetwork(args).accuracy) },
        Builtin("summary", on: "Network", [], doc: "Prints the layers, their output shapes and parameter counts, as Keras.",
                example: "net.summary()") { args in
            let object = args.receiver(as: NetworkObject.self)
            args.context.write(try NetworkErrors.run(args) { try object.network.summary() } + "\n")
            return .none
        },
        Builtin("save", on: "Network", [Parameter("path", .string)], doc: "Writes the network and its weights to a JSON file.",
                example: "net.save(\"net.json\")") { args in
            let object = args.receiver(as: NetworkObject.self)
            guard object.labels != nil else { throw LearnErrors.notFitted("network") }
            let (shown, path) = try args.filePath(for: .write)
            let data = try NetworkErrors.run(args) { try NetworkArchive.encode(object.network, labels: object.labels?.classes, channelsFirst: object.channelsFirst) }
            do throws(WriteError) {
                try AtomicWrite.write(data, to: path, shownAs: shown)
            } catch {
                throw QuireError(.io, "cannot write \"\(shown)\": \(error.reason)", argument: "path")
            }
            return .none
        },
        Builtin(attribute: "history", on: "Network", doc: "The last fit's epochs as a DataFrame: epoch, loss, accuracy, val_loss, val_accuracy, seconds.",
                example: "net.history") { args in
            .object(DataFrameObject(args.receiver(as: NetworkObject.self).historyFrame))
        },
        Builtin(attribute: "classes", on: "Network", doc: "The class labels seen by fit, sorted.", example: "net.classes") { args in
            guard let labels = args.receiver(as: NetworkObject.self).labels else { throw LearnErrors.notFitted("network") }
            return LabelConversions.value(labels.classes)
        },
    ]

    /// Rows and labels of a call as the network takes them: labels must be ints or strings.
    private static func trainingLabels(_ args: Arguments, _ name: String) throws -> (Labels, [Int]) {
        let (labels, _, codes) = try LabelConversions.training(args, name)
        guard labels.classes.kind == .ints || labels.classes.kind == .strings else {
            throw QuireError(.value, "\(name) must hold class labels as whole numbers or strings, got \(labels.classes.kind == .floats ? "fractional numbers" : "booleans")",
                hint: "a network classifies: give each row's class, such as 0 to 9 or \"cat\"", argument: name)
        }
        return (labels, codes.map { Int($0) })
    }

    private static func fitNetwork(_ args: Arguments) throws -> Value {
        let object = args.receiver(as: NetworkObject.self)
        let x = try object.tensor(args, "X")
        guard x.count > 0 else { throw NetworkErrors.sentence(.empty, args, argument: "X") }
        let (labels, y) = try trainingLabels(args, "y")
        guard x.count == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.count, labels: y.count), args, argument: "y") }
        if let old = object.labels, old != labels, object.network.isTrained {
            throw QuireError(.value, "y has the classes \(labels.classes.listText), but the network was trained on \(old.classes.listText)", argument: "y")
        }
        var options = TrainingOptions()
        options.epochs = try args.int("epochs")
        options.batchSize = try args.int("batch_size")
        options.learningRate = try args.optionalDouble("learning_rate")
        options.optimizer = try args.choice("optimizer", as: TrainingOptions.Optimizer.self)
        options.momentum = try args.double("momentum")
        options.validationSplit = try args.double("validation_split")
        options.seed = UInt32(truncatingIfNeeded: try args.optionalInt("random_state") ?? Int.random(in: 0..<Int(UInt32.max)))
        options.patience = try args.optionalInt("early_stopping")
        if let p = options.patience, p < 1 { throw args.bad("early_stopping", expected: "a number of epochs, at least 1") }
        if args.optional("validation") != nil {
            let pair = try args.sequence("validation")
            guard pair.count == 2 else { throw args.bad("validation", expected: "a pair (X_val, y_val)") }
            let vx = try object.tensor(args, "validation", value: pair[0])
            let vy = try LabelConversions.labels(args, "validation", value: pair[1])
            guard case .success(let codes) = labels.codes(vy) else {
                throw QuireError(.value, "the validation labels hold a class that y does not have", argument: "validation")
            }
            guard vx.count == codes.count else {
                throw LearnErrors.sentence(.lengthMismatch(rows: vx.count, labels: codes.count), args, argument: "validation")
            }
            options.validation = (vx, codes)
        }
        let bar = args.context.isInteractive && isatty(2) != 0 ? ProgressBar(noun: "batches") : nil
        defer { bar?.finish() }
        object.labels = labels
        _ = try NetworkErrors.run(args, argument: "X") {
            try object.network.fit(x, y, classes: labels.count, options: options) { p in
                bar?.update((p.epoch - 1) * p.batches + p.batch, p.epochs * p.batches, note: String(format: "epoch %d/%d, loss %.4f", p.epoch, p.epochs, p.loss))
            }
        }
        return .object(DataFrameObject(object.historyFrame))
    }

    private static func evaluateNetwork(_ args: Arguments) throws -> (loss: Double, accuracy: Double) {
        let object = args.receiver(as: NetworkObject.self)
        guard let labels = object.labels else { throw LearnErrors.notFitted("network") }
        let x = try object.tensor(args, "X")
        let y = try LabelConversions.labels(args, "y")
        guard x.count == y.count else { throw LearnErrors.sentence(.lengthMismatch(rows: x.count, labels: y.count), args, argument: "y") }
        guard case .success(let codes) = labels.codes(y) else {
            throw QuireError(.value, "y holds a class that the network was not trained on", argument: "y")
        }
        return try NetworkErrors.run(args, argument: "X") { try object.network.evaluate(x, codes) }
    }

    /// `load_model` on a saved network.
    static func loadNetwork(_ data: Data, _ args: Arguments) throws -> Value {
        let (network, labels, channelsFirst) = try NetworkErrors.run(args, argument: "path") { try NetworkArchive.decode(data) }
        guard let labels, labels.count == network.outputCount else {
            throw QuireError(.io, "cannot load the network: its class labels do not match its last layer", argument: "path")
        }
        let shape = network.inputShape ?? []
        let declared = channelsFirst && shape.count == 3 ? [shape[2], shape[0], shape[1]] : shape
        return .object(NetworkObject(network, labels: Labels(classes: labels), declaredShape: declared, channelsFirst: channelsFirst))
    }
}
