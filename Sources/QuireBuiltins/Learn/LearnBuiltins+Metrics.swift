import QuireArray
import QuireLang
import QuireLearn

extension LearnBuiltins {
    private static let pair: [Parameter] = [Parameter("y_true"), Parameter("y_pred")]
    private static let averaged: [Parameter] = pair + [.choice("average", Averaging.allCases.map(\.rawValue), default: "binary"), .opt("pos_label", .number, .int(1))]

    static let metrics: [Builtin] = [
        Builtin("accuracy_score", pair, doc: "The fraction of labels predicted exactly.",
            example: "accuracy_score(y_valid, y_pred)"
        ) { args in
            let (t, p) = try labelPair(args)
            return .double(accuracyScore(t.values, p.values))
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
        Builtin("confusion_matrix", pair,
            doc: "Counts of each true label (rows) against each predicted label (columns), labels sorted.",
            example: "heatmap(confusion_matrix(y_valid, y_pred), annot=true)"
        ) { args in
            let (t, p) = try labelPair(args)
            let cm = try LearnErrors.run(args) { try ConfusionMatrix(t.values, p.values) }
            let k = cm.labels.count
            return .object(ArrayObject(NDArray(shape: [k, k], int64: cm.counts.flatMap { $0.map { Int64($0) } })))
        },
        Builtin("classification_report", pair + [.opt("target_names", .optional(.sequence), .none), .opt("digits", .int, .int(2))],
            doc: "Precision, recall, F1 and support per class, in scikit-learn's layout.",
            example: "print(classification_report(y_valid, y_pred))"
        ) { args in
            let (t, p) = try labelPair(args)
            var names: [String]?
            if args.optional("target_names") != nil {
                names = try args.sequence("target_names").map(Printer.str)
            } else if !(t.integral && p.integral) {
                names = Array(Set(t.values).union(p.values)).sorted().map(Printer.formatDouble)
            }
            let digits = try args.int("digits")
            guard (0...15).contains(digits) else { throw args.bad("digits", expected: "an int from 0 to 15") }
            let text = try LearnErrors.run(args, argument: "target_names") {
                try classificationReport(t.values, p.values, targetNames: names, digits: digits)
            }
            return .object(ReportObject(text))
        },
    ]

    private static func labelPair(_ args: Arguments) throws -> ((values: [Double], integral: Bool), (values: [Double], integral: Bool)) {
        let t = try LearnConversions.labels(args, "y_true")
        let p = try LearnConversions.labels(args, "y_pred")
        guard t.values.count == p.values.count else {
            throw QuireError(.value, "y_true has \(t.values.count) labels but y_pred has \(p.values.count)",
                hint: "compare the predictions of the same rows", argument: "y_pred")
        }
        // scikit-learn: "Found array with 0 sample(s) ... while a minimum of 1 is required".
        guard !t.values.isEmpty else {
            throw QuireError(
                .value, "\(args.builtin.qualifiedName) needs at least one label, got none", hint: "score the predictions of at least one row",
                argument: "y_true")
        }
        return (t, p)
    }

    private static func score(_ args: Arguments, _ pick: ((precision: Double, recall: Double, f1: Double)) -> Double) throws -> Value {
        let (t, p) = try labelPair(args)
        let average = try args.choice("average", as: Averaging.self)
        let positive = try args.double("pos_label")
        let scores = try LearnErrors.run(args) { try ClassScores(t.values, p.values) }
        if average == .binary, scores.labels.count > 2 {
            throw args.bad("average", expected: "\"micro\", \"macro\" or \"weighted\" for more than two classes")
        }
        let result = try LearnErrors.run(args, argument: "average") {
            try scores.averaged(average, positive: positive)
        }
        return .double(pick(result))
    }
}
