import QuireLang
import QuireLearn

/// The one place where QuireLearn's errors become sentences.
enum LearnErrors {
    /// The sentence for `error`, raised by a call whose argument `argument` (if any) is at fault.
    static func sentence(_ error: LearnError, _ args: Arguments, argument: String? = nil, columns: [String]? = nil) -> QuireError {
        func located(_ kind: QuireError.Kind, _ message: String, hint: String? = nil) -> QuireError {
            QuireError(kind, message, hint: hint, argument: argument)
        }
        switch error {
        case .lengthMismatch(let rows, let labels):
            return located(.value, "X has \(rows) rows but y has \(labels) labels", hint: "X and y must describe the same rows")
        case .missingValue(let row, let column):
            let name = columns.map { " (\"\($0[column])\")" } ?? ""
            return located(.value, "\(argument ?? "X") has a missing value (NaN) at row \(row), column \(column)\(name)",
                hint: "drop or fill missing values before training (dropna or fillna)")
        case .infiniteValue(let row, let column):
            return located(.value, "\(argument ?? "X") has an infinite value at row \(row), column \(column)")
        case .notTwoDimensional(let shape):
            return located(.value, "X must be a table of rows and features (2-D), got an array of shape \(shapeText(shape))",
                hint: "use a DataFrame, or a list of rows such as [[1, 2], [3, 4]]")
        case .labelsNotOneDimensional(let shape):
            return located(.value, "y must be one label per row (1-D), got an array of shape \(shapeText(shape))")
        case .empty:
            return located(.value, "\(argument ?? "X") has no rows or no features")
        case .notFitted(let model):
            return QuireError(.value, "this \(model) is not fitted yet", hint: "call fit(X, y) first")
        case .featureCountMismatch(let expected, let got):
            return located(.value, "X has \(got) features, but the model was fitted with \(expected)")
        case .tooManyNeighbors(let requested, let samples):
            return QuireError(.value, "n_neighbors is \(requested) but there are only \(samples) training rows",
                hint: "use n_neighbors=\(samples) or fewer")
        case .oneClass(let label):
            return located(.value, "y holds only one class (\(labelText(label))); a classifier needs at least two")
        case .badParameter(let name, let expected):
            if args.builtin.parameters.contains(where: { $0.name == name }) { return args.bad(name, expected: expected) }
            return QuireError(.value, "bad value for \(name): expected \(expected)")
        case .emptySplit(let n, let test, let train):
            return QuireError(.value, "with \(n) rows, a split of \(train) training and \(test) test rows leaves one side empty",
                hint: "change test_size or train_size")
        case .classTooSmall(let label, let count):
            return QuireError(.value, "class \(labelText(label)) has only \(count) row; stratifying needs at least 2 of every class",
                argument: "stratify")
        case .tooManyFolds(let folds, let available):
            return QuireError(.value, "cannot make \(folds) folds: there are only \(available) rows (of the largest class)",
                hint: "use fewer folds (cv=\(max(2, available)))")
        case .svm(let message):
            return QuireError(.value, "LIBSVM refused the problem: \(message)")
        case .badModelFile(let reason):
            return QuireError(.io, "cannot load the model: \(reason)")
        case .probabilityNotEnabled:
            return QuireError(.value, "predict_proba needs an SVC trained with probability=true", hint: "svc(probability=true)")
        case .noProbabilities(let model):
            return QuireError(.value, "\(model) has no predict_proba: it gives scores, not probabilities",
                hint: "use decision_function for its scores, or a model with probabilities such as logistic_regression")
        case .unsupportedArguments(let message):
            return QuireError(.value, "Unsupported set of arguments: \(message)",
                hint: "LinearSVC takes loss=\"squared_hinge\" with penalty=\"l2\" (dual or primal) or penalty=\"l1\" (dual=false), and loss=\"hinge\" with penalty=\"l2\" and dual=true")
        case .classesNotWeighted(let classes):
            return classesNotWeighted(classes.map(labelText))
        case .lossNotFinite(let epoch):
            return QuireError(.value, "the training loss became NaN in epoch \(epoch): the weights grew out of range",
                hint: "use a smaller learning_rate_init (for example a tenth of it), or scale X (standard_scaler)")
        case .validationTooSmall(let rows):
            return QuireError(.value, "early_stopping keeps too few of the \(rows) rows for validation (it needs at least 2, and one of each class)",
                hint: "raise validation_fraction, or train on more rows")
        }
    }

    /// `class_weight` leaves these classes (named as the user wrote them) without a weight while
    /// naming labels that are not classes.
    static func classesNotWeighted(_ names: [String]) -> QuireError {
        QuireError(.value, "class_weight names labels that y does not have, and leaves out the classes \(names.joined(separator: ", "))",
            hint: "the keys of class_weight must be the labels of y (a class left out weighs 1)", argument: "class_weight")
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Runs library code, turning its errors into sentences.
    static func run<T>(_ args: Arguments, argument: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LearnError {
            throw sentence(error, args, argument: argument)
        } catch let error as TextError {
            throw LearnBuiltins.textError(error, args)
        }
    }
}
