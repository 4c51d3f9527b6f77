/// What can go wrong in QuireLearn; data only: the bindings turn each case into a sentence.
public enum LearnError: Error, Equatable, Sendable {
    /// `X` has `rows` rows but `y` has `labels` labels.
    case lengthMismatch(rows: Int, labels: Int)
    /// `X` holds a NaN (a missing value) at this row and column.
    case missingValue(row: Int, column: Int)
    /// `X` holds an infinite value at this row and column.
    case infiniteValue(row: Int, column: Int)
    /// `X` must be a table: rows of features.
    case notTwoDimensional(shape: [Int])
    /// Labels must be one value per row.
    case labelsNotOneDimensional(shape: [Int])
    /// There are no rows at all.
    case empty
    /// A method that needs a trained model was called before `fit`.
    case notFitted(model: String)
    /// `predict` got rows with another number of features than `fit`.
    case featureCountMismatch(expected: Int, got: Int)
    /// More neighbours were asked for than there are training rows.
    case tooManyNeighbors(requested: Int, samples: Int)
    /// A classifier needs at least two classes; `y` holds only this one.
    case oneClass(label: Double)
    /// A parameter has a value outside its range; `expected` names the range in words.
    case badParameter(name: String, expected: String)
    /// A split leaves no rows for training or testing.
    case emptySplit(nSamples: Int, testSize: Int, trainSize: Int)
    /// Stratification needs at least two members in every class (the smallest has `count`).
    case classTooSmall(label: Double, count: Int)
    /// There are more folds than rows, or than members of every class.
    case tooManyFolds(folds: Int, available: Int)
    /// LIBSVM refused the problem with this message.
    case svm(String)
    /// A saved model could not be read back.
    case badModelFile(String)
    /// Probabilities were asked of an SVC trained without `probability=true`.
    case probabilityNotEnabled
    /// Probabilities were asked of a model that has none (LinearSVC).
    case noProbabilities(model: String)
    /// LIBLINEAR has no solver for this loss, penalty and dual (scikit-learn's own sentence).
    case unsupportedArguments(String)
    /// A `class_weight` dict that leaves these classes (values the model trains on) without a
    /// weight while naming labels that are not classes.
    case classesNotWeighted([Double])
    /// A network's training loss became NaN or infinite in this epoch (1-based).
    case lossNotFinite(epoch: Int)
    /// `early_stopping`'s validation share of `rows` is too small (under two rows, or not one of each class).
    case validationTooSmall(rows: Int)
}
