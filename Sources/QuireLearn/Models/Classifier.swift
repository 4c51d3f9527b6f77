/// A hyperparameter's value, as scikit-learn's parameters take them.
public indirect enum ParameterValue: Sendable, Equatable, Codable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A weight per class, as scikit-learn's `class_weight={0: 1, 1: 5}`, in the order given.
    case classWeights([ClassWeight])
    /// A list of ints, as `hidden_layer_sizes=(64, 32)`; written as Python's tuple.
    case ints([Int])

    /// The value as Python's repr writes it in a model's repr (`max_depth=7`, `kernel='linear'`).
    public var pythonRepr: String {
        switch self {
        case .none: "None"
        case .bool(let b): b ? "True" : "False"
        case .int(let i): String(i)
        case .double(let d): formatPythonFloat(d)
        case .string(let s): "'\(s)'"
        case .classWeights(let entries):
            "{" + entries.map { "\($0.label.pythonRepr): \($0.weight.pythonRepr)" }.joined(separator: ", ") + "}"
        case .ints(let values) where values.count == 1: "(\(values[0]),)"
        case .ints(let values): "(" + values.map(String.init).joined(separator: ", ") + ")"
        }
    }

    var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// The value as a class the models train on (a number), if it is one.
    public var classValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    var asInt: Int? {
        switch self {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: Int(d)
        default: nil
        }
    }
}

/// One entry of a `class_weight` dict: a class label (an int, float, bool or string, as the
/// user wrote it) and its weight (an int or float).
public struct ClassWeight: Sendable, Equatable, Codable {
    public var label: ParameterValue
    public var weight: ParameterValue

    public init(label: ParameterValue, weight: ParameterValue) {
        self.label = label
        self.weight = weight
    }

    /// Whether two keys name the same class (1, 1.0 and true do, as in a Python dict).
    static func sameLabel(_ a: ParameterValue, _ b: ParameterValue) -> Bool {
        if let x = a.classValue, let y = b.classValue { return x == y }
        return a == b
    }
}

/// A float as Python's repr writes it (shortest round-trip digits).
func formatPythonFloat(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    let text = "\(d)"
    if let e = text.firstIndex(of: "e") {
        // Swift writes 1e-09; Python writes 1e-09 too, but 1.0e-05 as 1e-05.
        var mantissa = String(text[..<e])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponent = String(text[text.index(after: e)...])
        let negative = exponent.hasPrefix("-")
        if negative || exponent.hasPrefix("+") { exponent.removeFirst() }
        if exponent.count < 2 { exponent = "0" + exponent }
        return mantissa + "e" + (negative ? "-" : "+") + exponent
    }
    return text
}

/// One hyperparameter: its name, current value and scikit-learn's default.
public struct HyperParameter: Sendable, Equatable {
    public let name: String
    public let value: ParameterValue
    public let defaultValue: ParameterValue

    public init(_ name: String, _ value: ParameterValue, _ defaultValue: ParameterValue) {
        self.name = name
        self.value = value
        self.defaultValue = defaultValue
    }
}

/// Something with scikit-learn's hyperparameters: read, set, and shown in its repr.
public protocol Estimator: Sendable {
    /// The scikit-learn class name, used in the repr: "RandomForestClassifier".
    var estimatorName: String { get }
    /// Every hyperparameter, in scikit-learn's order.
    var hyperParameters: [HyperParameter] { get }
    /// Sets a hyperparameter by name; throws `badParameter` for a bad value.
    mutating func set(_ name: String, _ value: ParameterValue) throws
}

extension Estimator {
    /// scikit-learn's repr: the class name and the parameters that differ from their defaults,
    /// sorted by name: `RandomForestClassifier(max_depth=7, n_estimators=200)`.
    public var repr: String {
        let changed = hyperParameters.filter { $0.value != $0.defaultValue }.sorted { $0.name < $1.name }
        return estimatorName + "(" + changed.map { "\($0.name)=\($0.value.pythonRepr)" }.joined(separator: ", ") + ")"
    }

    /// The names of the hyperparameters.
    public var parameterNames: [String] { hyperParameters.map(\.name) }
}

/// A classifier with scikit-learn's fit / predict / predict_proba / score.
public protocol Classifier: Estimator {
    /// The sorted class labels seen by `fit`; nil before.
    var classes: [Double]? { get }
    /// Trains on rows `x` with labels `y`.
    mutating func fit(_ x: Matrix, _ y: [Double]) throws
    /// The probability of each class (columns in the order of `classes`) for each row.
    func predictProba(_ x: Matrix) throws -> Matrix
    /// The predicted label of each row.
    func predict(_ x: Matrix) throws -> [Double]
}

extension Classifier {
    /// Predicts the class of largest probability (the first on ties).
    public func predictByProbability(_ x: Matrix) throws -> [Double] {
        guard let classes else { throw LearnError.notFitted(model: estimatorName) }
        let proba = try predictProba(x)
        return (0..<proba.rows).map { classes[argmax(proba.row($0))] }
    }

    /// The mean accuracy on `x` and `y`.
    public func score(_ x: Matrix, _ y: [Double]) throws -> Double {
        guard x.rows == y.count else { throw LearnError.lengthMismatch(rows: x.rows, labels: y.count) }
        return accuracyScore(y, try predict(x))
    }
}
