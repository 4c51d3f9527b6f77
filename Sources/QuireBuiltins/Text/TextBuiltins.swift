import Foundation
import QuireArray
import QuireLang
import QuireLearn
import QuireSupport

/// The text builtins: the pretrained sentence encoder and pipelines with a trained head.
enum TextBuiltins {
    static let builtins: [Builtin] = encoder + pipelines + TextEncoderObject.attributes + PipelineObject.attributes

    static let encoder: [Builtin] = [
        Builtin("text_encoder", [.opt("name_or_path", .string, .string("all-MiniLM-L6-v2"), doc: "A model name or the path of a model folder.")],
            doc: "A pretrained sentence encoder (sentence-transformers' BERT models such as all-MiniLM-L6-v2), run in Quire.",
            example: "encoder = text_encoder(\"all-MiniLM-L6-v2\")"
        ) { args in
            .object(try TextEncoderObject.load(try args.string("name_or_path"), args, argument: "name_or_path"))
        },
        Builtin("encode", on: "TextEncoder", [
            Parameter("texts", .any, doc: "A string, a list of strings or a Series of strings."),
            .opt("batch_size", .int, .int(32), doc: "How many texts run through the model at once."),
        ], doc: "The embedding of each text: an N x dimension float32 array, each row of length 1.",
           example: "X = encoder.encode(df.text, batch_size=64)"
        ) { args in
            let object = args.receiver(as: TextEncoderObject.self)
            let texts = try TextEncoderObject.texts(args, "texts")
            let batch = try args.int("batch_size")
            guard batch >= 1 else { throw args.bad("batch_size", expected: "a whole number of at least 1") }
            return .object(ArrayObject(try object.embed(texts, batchSize: batch, args)))
        },
        Builtin("tokenize", on: "TextEncoder", [Parameter("text", .string)],
            doc: "The word pieces the model reads for a text: a dict of \"tokens\" and \"ids\", [CLS] and [SEP] included.",
            example: "encoder.tokenize(\"Unbelievably good!\")"
        ) { args in
            let object = args.receiver(as: TextEncoderObject.self)
            let (ids, truncated) = object.encoder.tokenize(try args.string("text"))
            let dict = DictBox()
            try dict.set(.string("tokens"), .list(ListBox(ids.map { .string(object.encoder.tokenizer.tokens[$0]) })))
            try dict.set(.string("ids"), .list(ListBox(ids.map { .int($0) })))
            if truncated { try dict.set(.string("truncated"), .bool(true)) }
            return .dict(dict)
        },
    ]

    static let pipelines: [Builtin] = [
        Builtin("pipeline", [
            Parameter("steps", .any, .variadic),
            .opt("labels", .optional(.dict), .none, doc: "Names of the classes for classify, such as {0: \"negative\", 1: \"positive\"}."),
            .opt("batch_size", .int, .int(32), doc: "The encoder's batch size."),
        ], doc: "Chains steps as scikit-learn's make_pipeline: an encoder (or transformer) first, a classifier last.",
           example: "clf = pipeline(text_encoder(), logistic_regression(max_iter=1000), labels={0: \"negative\", 1: \"positive\"})"
        ) { args in
            let steps = args.rest
            guard steps.count >= 2 else {
                throw QuireError(.argument, "pipeline needs at least two steps: an encoder and a classifier", hint: "pipeline(text_encoder(), logistic_regression())")
            }
            guard case .object(let last) = steps.last!, last is ModelObject || last is GridSearchObject else {
                throw QuireError(.argument, "the last step of a pipeline must be a classifier, got \(Printer.shortRepr(steps.last!))",
                    hint: "end with a model such as logistic_regression(max_iter=1000)")
            }
            for (i, step) in steps.dropLast().enumerated() {
                guard case .object = step else {
                    throw QuireError(.argument, "step \(i) of the pipeline is \(Printer.shortRepr(step)) (\(step.typeNoun)); steps are encoders, transformers and a classifier")
                }
            }
            let batch = try args.int("batch_size")
            guard batch >= 1 else { throw args.bad("batch_size", expected: "a whole number of at least 1") }
            var labels: DictBox?
            if case .dict(let d) = args.value("labels") { labels = d }
            return .object(PipelineObject(steps: steps, labels: labels, batchSize: batch))
        },
        Builtin("fit", on: "Pipeline", [Parameter("texts"), Parameter("y")],
            doc: "Encodes the texts and trains the last step on them with labels y; returns the pipeline.",
            example: "clf.fit(X_train, y_train)"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            let texts = try TextEncoderObject.texts(args, "texts")
            let x = try p.features(texts, fitting: true, args)
            _ = try args.context.callMethod(p.head, "fit", [x, args.value("y")])
            return args.receiver!
        },
        Builtin("predict", on: "Pipeline", [Parameter("texts")], doc: "The predicted class of each text (as y gave them).",
            example: "y_pred = clf.predict(X_test)"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            return try args.context.callMethod(p.head, "predict", [try p.features(try TextEncoderObject.texts(args, "texts"), fitting: false, args)])
        },
        Builtin("predict_proba", on: "Pipeline", [Parameter("texts")],
            doc: "The probability of each class (columns in the order of clf.classes) for each text.", example: "clf.predict_proba([\"Great phone!\"])"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            return try args.context.callMethod(p.head, "predict_proba", [try p.features(try TextEncoderObject.texts(args, "texts"), fitting: false, args)])
        },
        Builtin("score", on: "Pipeline", [Parameter("texts"), Parameter("y")], doc: "The accuracy on texts with labels y.",
            example: "clf.score(X_test, y_test)"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            return try args.context.callMethod(p.head, "score", [try p.features(try TextEncoderObject.texts(args, "texts"), fitting: false, args), args.value("y")])
        },
        Builtin("classify", on: "Pipeline", [Parameter("texts")],
            doc: "For each text, the most likely class and its probability, as the Hugging Face pipeline: [{\"label\": ..., \"score\": ...}].",
            example: "clf.classify([\"I love it\", \"It broke after a day\"])"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            guard case .object(let model as ModelObject) = p.head else { throw QuireError(.value, "classify needs a classifier as the last step") }
            let x = try p.features(try TextEncoderObject.texts(args, "texts"), fitting: false, args)
            let proba = try ndarray(from: try args.context.callMethod(p.head, "predict_proba", [x]))
            guard let classes = model.fittedLabels else { throw LearnErrors.notFitted(model.model.estimatorName) }
            let classValues: [Value]
            switch LabelConversions.value(classes.classes) {
            case .list(let box): classValues = box.items
            case .object(let o): classValues = try o.elements() ?? []
            case let other: classValues = [other]
            }
            let values = proba.doubles, k = classValues.count
            var out: [Value] = []
            for r in 0..<(values.count / max(k, 1)) {
                var best = 0
                for j in 1..<max(k, 1) where values[r * k + j] > values[r * k + best] { best = j }
                out.append(.dict(try DictBox([(.string("label"), try p.name(of: classValues[best])), (.string("score"), .double(values[r * k + best]))])))
            }
            return .list(ListBox(out))
        },
        Builtin("save", on: "Pipeline", [Parameter("path", .string)],
            doc: "Writes the pipeline to a JSON file: the encoder's name or folder (not its weights), the labels and the trained head.",
            example: "clf.save(\"sentiment.json\")"
        ) { args in
            let p = args.receiver(as: PipelineObject.self)
            let (shown, path) = try args.filePath(for: .write)
            let data = try p.archive()
            do {
                try AtomicWrite.write(data, to: path, shownAs: shown)
            } catch let error as WriteError {
                throw QuireError(.io, "cannot write \"\(shown)\": \(error.reason)", argument: "path")
            }
            return .none
        },
        Builtin("load_pipeline", [Parameter("path", .string)], doc: "Reads a pipeline saved with save(path); its encoder is loaded again by name.",
            example: "clf = load_pipeline(\"sentiment.json\")"
        ) { args in
            let (shown, path) = try args.filePath(for: .read)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw QuireError(.io, "cannot read \(shown): no such file", argument: "path")
            }
            return .object(try PipelineObject.restore(data, args, shown: shown))
        },
    ]
}
