import QuireArray
import QuireLang
import QuireLearn

extension LearnBuiltins {
    private static let pair: [Parameter] = [Parameter("y_true"), Parameter("y_pred")]
    private static let averaged: [Parameter] = pair + [.choice("average", Averaging.allCases.map(\.rawValue), default: "binary"), .opt("pos_label", .any, .int(1))]

    static let metrics: [Builtin] = [
        Builtin("accuracy_score", pair, doc: "The fraction of labels predicted exactly.",
            example: "accuracy_score(y_valid, y_pred)"
        ) { args in
            let (_, t, p) = try labelPair(args)
            return .double(accuracyScore(t, p))
        },
        Builtin("precision_score", averaged, doc: "Precision: of the rows predicted as a class, the share that are.",
            example: "precision_score(y_valid, y_pred, average=\"macro\")"
        ) { args in try score(args) { $0.precision } },
        Builtin("recall_score", averaged, doc: "Recall: of the rows of a class, the share predicted as it.",
            example: "recall_score(y_valid, y_pred, average=\"macro\")"
        ) { args in try score(args) { $0.recall } },
        Builtin("f1_score", averaged, doc: "F1: the harmonic mean of precision and recall.",
            example: "f1_score(y_valid, y_pred, average=\"weighted\")"
        ) { args in try score(args) { $0.f1 } },
        Builtin("confusion_matrix", pair + [.opt("labels", .any, .none)],
            doc: "Counts of each true label (rows) against each predicted label (columns), labels sorted or in the order of labels=.",
            example: "heatmap(confusion_matrix(y_valid, y_pred), annot=true, xticklabels=model.classes, yticklabels=model.classes)"
        ) { args in
            let (classes, t, p) = try labelPair(args)
            var order = (0..<classes.count).map(Double.init)
            var (rows, columns) = (t, p)
            if args.optional("labels") != nil {
                (order, rows, columns) = try chosenLabels(args, classes, t, p)
            }
            let cm = try LearnErrors.run(args) { try ConfusionMatrix(rows, columns, labels: order) }
            let k = cm.labels.count
            return .object(ArrayObject(NDArray(shape: [k, k], int64: cm.counts.flatMap { $0.map { Int64($0) } })))
        },
        Builtin("classification_report", pair + [.opt("target_names", .optional(.sequence), .none), .opt("digits", .int, .int(2))],
            doc: "Precision, recall, F1 and support per class, in scikit-learn's layout.",
            example: "print(classification_report(y_valid, y_pred))"
        ) { args in
            let (classes, t, p) = try labelPair(args)
            var names = classes.classes.names
            if args.optional("target_names") != nil {
                names = try args.sequence("target_names").map(Printer.str)
            }
            let digits = try args.int("digits")
            guard (0...15).contains(digits) else { throw args.bad("digits", expected: "an int from 0 to 15") }
            let text = try LearnErrors.run(args, argument: "target_names") {
                try classificationReport(t, p, targetNames: names, digits: digits)
            }
            return .object(ReportObject(text))
        },
    ]

    /// y_true and y_pred as the class positions of their labels together (sorted as np.unique).
    private static func labelPair(_ args: Arguments) throws -> (Labels, [Double], [Double]) {
        let t = try LabelConversions.labels(args, "y_true")
        let p = try LabelConversions.labels(args, "y_pred")
        guard t.count == p.count else {
            throw QuireError(.value, "y_true has \(t.count) labels but y_pred has \(p.count)",
                hint: "compare the predictions of the same rows", argument: "y_pred")
        }
        // scikit-learn: "Found array with 0 sample(s) ... while a minimum of 1 is required".
        guard t.count > 0 else {
            throw QuireError(
                .value, "\(args.builtin.qualifiedName) needs at least one label, got none", hint: "score the predictions of at least one row",
                argument: "y_true")
        }
        return try LabelConversions.union(t, p, says: ("y_true holds", "y_pred holds"), argument: "y_pred", args)
    }

    /// `labels=`: the classes to count, in this order; rows whose labels are not among them are
    /// left out, as scikit-learn does. Gives the order and each row's position in it (-1 if none).
    private static func chosenLabels(_ args: Arguments, _ classes: Labels, _ t: [Double], _ p: [Double]) throws -> ([Double], [Double], [Double]) {
        let chosen = try LabelConversions.labels(args, "labels")
        guard chosen.count > 0 else { throw args.bad("labels", expected: "at least one label") }
        guard LabelList.common(chosen, classes.classes) != nil else {
            throw QuireError(
                .value, "labels holds \(LabelConversions.kindNoun(chosen.kind)) but y_true holds \(LabelConversions.kindNoun(classes.classes.kind))",
                hint: "name classes among \(classes.classes.listText)", argument: "labels")
        }
        // The position in `labels=` of each class (nil when a class is not chosen).
        var position = [Int?](repeating: nil, count: classes.count)
        for i in 0..<chosen.count {
            if case .success(let code) = classes.codes(chosen.taking([i])) { position[code[0]] = position[code[0]] ?? i }
        }
        let mapped = { (v: [Double]) in v.map { position[Int($0)].map(Double.init) ?? -1 } }
        let rows = mapped(t)
        guard rows.contains(where: { $0 >= 0 }) else {
            throw QuireError(
                .value, "none of labels \(chosen.listText) is in y_true; at least one of them must be",
                hint: "the labels in y_true are \(classes.decode(Array(Set(t.map { Int($0) })).sorted()).listText)",
                argument: "labels")
        }
        return ((0..<chosen.count).map(Double.init), rows, mapped(p))
    }

    private static func score(_ args: Arguments, _ pick: ((precision: Double, recall: Double, f1: Double)) -> Double) throws -> Value {
        let (classes, t, p) = try labelPair(args)
        let average = try args.choice("average", as: Averaging.self)
        let scores = try LearnErrors.run(args) { try ClassScores(t, p) }
        if average == .binary, scores.labels.count > 2 {
            throw args.bad("average", expected: "\"micro\", \"macro\" or \"weighted\" for more than two classes")
        }
        var positive = -1.0
        if average == .binary {
            let given = args.value("pos_label")
            guard let label = LabelConversions.single(given) else { throw args.bad("pos_label", expected: "a label (a number, a bool or a string)") }
            if case .success(let code)? = LabelList.common(label, classes.classes).map({ _ in classes.codes(label) }) {
                positive = Double(code[0])
            } else if classes.count >= 2 {
                // scikit-learn: "pos_label=1 is not a valid label. It should be one of [...]".
                var error = QuireError(
                    .value, "pos_label=\(Printer.repr(given)) is not one of the labels \(classes.classes.listText)",
                    argument: "pos_label")
                let last = classes.classes.taking([classes.count - 1])
                error.hint = "name the positive class: pos_label=\(Printer.repr(LabelConversions.element(last, 0)))"
                throw error
            }
        }
        let result = try LearnErrors.run(args, argument: "average") {
            try scores.averaged(average, positive: positive)
        }
        return .double(pick(result))
    }
}
