/// What values a model setting accepts. The one description serves checking (`set`), the
/// builtin's parameter (its type and choices), the saved form and the docs.
public indirect enum SettingKind: Sendable, Equatable {
    /// An int of at least `min`.
    case int(min: Int)
    /// An int from `min` to `max`.
    case intRange(min: Int, max: Int)
    /// A number, kept as a double; `min` is inclusive unless `positive`.
    case number(min: Double?, positive: Bool = false)
    /// A number of at least `min`, kept as an int when it is whole (`p=2`, `p=1.5`).
    case wholeOrNumber(min: Double)
    /// A fraction in (0, 1].
    case fraction
    case bool
    /// One of these strings.
    case choice([String])
    /// None, or a value of the inner kind.
    case optional(SettingKind)
    /// A value of any of these kinds; `expected` words the error when none fits.
    case oneOf([SettingKind], expected: String?)
    /// A dict from class labels to non-negative weights (`class_weight={0: 1, 1: 5}`).
    case classWeights
    /// A number from `min` to `max` (`max` itself only when `maxIncluded`).
    case interval(min: Double, max: Double, maxIncluded: Bool)
    /// Sizes of layers: an int of at least 1, or a list of them (`hidden_layer_sizes`).
    case layerSizes

    /// How an error says what is expected: "an int of at least 1", "one of "gini", "entropy"".
    public var expected: String {
        switch self {
        case .int(let min): "an int of at least \(min)"
        case .intRange(let min, let max): "an int from \(min) to \(max)"
        case .number(nil, _): "a number"
        case .number(let min?, let positive):
            positive && min == 0 ? "a positive number" : "a number of at least \(Self.text(min))"
        case .wholeOrNumber(let min): "a number of at least \(Self.text(min))"
        case .fraction: "a fraction between 0 and 1"
        case .bool: "true or false"
        case .choice(let choices): "one of " + choices.map { "\"\($0)\"" }.joined(separator: ", ")
        case .optional(.oneOf(_, let phrase?)): phrase
        case .optional(let inner): inner.expected + " or none"
        case .oneOf(let kinds, let expected): expected ?? kinds.map(\.expected).joined(separator: " or ")
        case .classWeights: "a dict of class labels to weights"
        case .interval(let min, let max, let included):
            "a number from \(Self.text(min)) to \(Self.text(max))" + (included ? "" : " (not \(Self.text(max)) itself)")
        case .layerSizes: "an int of at least 1 or a list of them"
        }
    }

    /// A bound as a person writes it: 1, 0.5.
    static func text(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : formatPythonFloat(d) }

    /// The allowed strings, when the kind has any.
    public var choices: [String] {
        switch self {
        case .choice(let c): c
        case .optional(let inner): inner.choices
        case .oneOf(let kinds, _): kinds.flatMap(\.choices)
        default: []
        }
    }

    /// Whether `value` is of this kind's type, whatever its range.
    func admitsType(_ value: ParameterValue) -> Bool {
        switch (self, value) {
        case (.int, .int), (.int, .bool), (.intRange, .int), (.intRange, .bool): true
        case (.number, .int), (.number, .double), (.number, .bool): true
        case (.wholeOrNumber, .int), (.wholeOrNumber, .double): true
        case (.fraction, .int), (.fraction, .double): true
        case (.bool, .bool), (.choice, .string): true
        case (.classWeights, .classWeights): true
        case (.interval, .int), (.interval, .double): true
        case (.layerSizes, .int), (.layerSizes, .ints): true
        case (.optional, .none): true
        case (.optional(let inner), _): inner.admitsType(value)
        case (.oneOf(let kinds, _), _): kinds.contains { $0.admitsType(value) }
        default: false
        }
    }

    /// The value as the model keeps it, or the error that says what was expected.
    public func check(_ name: String, _ value: ParameterValue) throws -> ParameterValue {
        let bad = LearnError.badParameter(name: name, expected: expected)
        switch self {
        case .int(let min):
            guard let i = value.asInt, i >= min, value.isNumeric else { throw bad }
            return .int(i)
        case .intRange(let min, let max):
            guard let i = value.asInt, i >= min, i <= max, value.isNumeric else { throw bad }
            return .int(i)
        case .number(let min, let positive):
            guard value.isNumeric, let d = value.asDouble else { throw bad }
            if let min, !(positive ? d > min : d >= min) { throw bad }
            return .double(d)
        case .wholeOrNumber(let min):
            guard value.isNumeric, let d = value.asDouble, d >= min else { throw bad }
            return d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .double(d)
        case .fraction:
            guard value.isNumeric, let d = value.asDouble, d > 0, d <= 1 else { throw bad }
            return .double(d)
        case .bool:
            guard case .bool = value else { throw bad }
            return value
        case .choice(let choices):
            guard case .string(let s) = value, choices.contains(s) else { throw bad }
            return value
        case .optional(let inner):
            return value == .none ? .none : try inner.check(name, value)
        case .interval(let min, let max, let included):
            guard value.isNumeric, let d = value.asDouble, d >= min, included ? d <= max : d < max else { throw bad }
            return .double(d)
        case .layerSizes:
            switch value {
            case .int(let i) where i >= 1: return .ints([i])
            case .ints(let sizes) where sizes.allSatisfy({ $0 >= 1 }): return value
            default: throw bad
            }
        case .classWeights:
            guard case .classWeights(let entries) = value, !entries.isEmpty else { throw bad }
            var seen: [ParameterValue] = []
            for entry in entries {
                switch entry.label {
                case .int, .double, .bool, .string: break
                default: throw LearnError.badParameter(name: name, expected: "class labels (ints, floats, bools or strings) as keys")
                }
                guard entry.weight.isNumeric, let w = entry.weight.asDouble, w.isFinite, w >= 0 else {
                    throw LearnError.badParameter(name: name, expected: "a weight of at least 0 for every class")
                }
                if seen.contains(where: { ClassWeight.sameLabel($0, entry.label) }) {
                    throw LearnError.badParameter(name: name, expected: "each class once")
                }
                seen.append(entry.label)
            }
            return value
        case .oneOf(let kinds, _):
            // A string is judged by the kind that takes strings, so its error lists the choices.
            if case .string = value, let strings = kinds.first(where: { $0.admitsType(value) }) {
                return try strings.check(name, value)
            }
            // A dict is judged by the kind that takes dicts, so its error says what is wrong in it.
            if case .classWeights = value, kinds.contains(.classWeights) {
                return try SettingKind.classWeights.check(name, value)
            }
            for kind in kinds where kind.admitsType(value) {
                if let ok = try? kind.check(name, value) { return ok }
            }
            let fitting = kinds.filter { $0.admitsType(value) }
            if case .oneOf(_, nil) = self, fitting.count == 1 { _ = try fitting[0].check(name, value) }
            throw bad
        }
    }
}

/// One setting of a model, declared once: its scikit-learn name, kind, default and a doc line.
public struct Setting: Sendable, Equatable {
    public let name: String
    public let kind: SettingKind
    public let defaultValue: ParameterValue
    public let doc: String

    public init(_ name: String, _ kind: SettingKind, _ defaultValue: ParameterValue, doc: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

/// The current values of a model's declared settings, checked on every change.
public struct Settings: Sendable, Equatable {
    public let declarations: [Setting]
    private var values: [String: ParameterValue]

    public init(_ declarations: [Setting]) {
        self.declarations = declarations
        values = Dictionary(uniqueKeysWithValues: declarations.map { ($0.name, $0.defaultValue) })
    }

    public func declaration(_ name: String) -> Setting? { declarations.first { $0.name == name } }

    /// The value of a declared setting.
    public subscript(_ name: String) -> ParameterValue {
        guard let v = values[name] else { preconditionFailure("no setting named \(name) is declared") }
        return v
    }

    /// Checks `value` against the declaration and keeps it; throws `badParameter` otherwise.
    public mutating func set(_ name: String, _ value: ParameterValue) throws {
        guard let setting = declaration(name) else { throw LearnError.badParameter(name: name, expected: "a parameter of this model") }
        values[name] = try setting.kind.check(name, value)
    }

    public func int(_ name: String) -> Int { self[name].asInt ?? 0 }
    public func optionalInt(_ name: String) -> Int? { self[name] == .none ? nil : self[name].asInt }
    public func double(_ name: String) -> Double { self[name].asDouble ?? 0 }
    public func bool(_ name: String) -> Bool { self[name] == .bool(true) }
    public func string(_ name: String) -> String {
        if case .string(let s) = self[name] { return s }
        return ""
    }

    /// Name, value and default of each setting, in declaration order.
    public var hyperParameters: [HyperParameter] {
        declarations.map { HyperParameter($0.name, self[$0.name], $0.defaultValue) }
    }
}

/// A model whose settings are declared once in `declaredSettings`; `hyperParameters`, `set`,
/// the builtin's parameters, the saved form and the docs are all derived from it.
public protocol Configurable: Estimator {
    static var declaredSettings: [Setting] { get }
    var settings: Settings { get set }
}

extension Configurable {
    public var hyperParameters: [HyperParameter] { settings.hyperParameters }
    public mutating func set(_ name: String, _ value: ParameterValue) throws { try settings.set(name, value) }
}

/// A model that can report its progress while it trains (`done` of `total` steps, from any thread).
public protocol ReportsProgress: Classifier {
    /// What the steps are called in a progress bar: "trees".
    var progressNoun: String { get }
    mutating func fit(_ x: Matrix, _ y: [Double], progress: (@Sendable (Int, Int) -> Void)?) throws
}

/// A model that learns how much each feature counts (scikit-learn's `feature_importances_`).
public protocol HasFeatureImportances: Classifier {
    /// One value per feature, summing to one; nil before `fit`.
    var featureImportances: [Double]? { get }
}

extension ParameterValue {
    var isNumeric: Bool {
        switch self {
        case .int, .double: true
        default: false
        }
    }
}

/// A model that can be saved and loaded: its settings and what `fit` learnt, as JSON.
/// The language's model rows list the savable types (`LearnBuiltins.modelRows`).
public protocol Savable: Configurable, Codable {
    init()
}

extension CodingUserInfoKey {
    /// The model whose settings a decoder is reading: its name and declarations.
    static let savedModel: CodingUserInfoKey = {
        guard let key = CodingUserInfoKey(rawValue: "quire.savedModel") else { preconditionFailure("CodingUserInfoKey refused a plain name") }
        return key
    }()
}

/// What `Settings` needs to read a saved model's settings.
struct SavedModelContext: Sendable {
    let name: String
    let declarations: [Setting]
}

/// Settings are saved as a plain JSON object, `{"leaf_size": 30, "weights": "uniform"}`. JSON
/// writes the float 1.0 as `1`, which would read back as an int (for `max_features`, one feature
/// instead of all), so a whole float is written tagged: `{"float": 1}`.
extension Settings: Codable {
    static let floatTag = Key(stringValue: "float")
    static let classWeightsTag = Key(stringValue: "class_weights")

    struct Key: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for setting in declarations {
            let key = Key(stringValue: setting.name)
            switch self[setting.name] {
            case .none: try c.encodeNil(forKey: key)
            case .bool(let b): try c.encode(b, forKey: key)
            case .int(let i): try c.encode(i, forKey: key)
            case .double(let d) where d == d.rounded():
                var tagged = c.nestedContainer(keyedBy: Key.self, forKey: key)
                try tagged.encode(d, forKey: Self.floatTag)
            case .double(let d): try c.encode(d, forKey: key)
            case .string(let s): try c.encode(s, forKey: key)
            case .ints(let values): try c.encode(values, forKey: key)
            case .classWeights(let entries):
                var tagged = c.nestedContainer(keyedBy: Key.self, forKey: key)
                try tagged.encode(entries, forKey: Self.classWeightsTag)
            }
        }
    }

    /// Reads settings saved by `encode`; a missing, unknown or bad setting is a clear error.
    public init(from decoder: any Decoder) throws {
        guard let context = decoder.userInfo[.savedModel] as? SavedModelContext else {
            throw LearnError.badModelFile("settings can only be read as part of a model")
        }
        self.init(context.declarations)
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys where declaration(key.stringValue) == nil {
            throw LearnError.badModelFile("the saved \(context.name) has an unknown setting \"\(key.stringValue)\"")
        }
        for setting in context.declarations {
            let key = Key(stringValue: setting.name)
            guard c.contains(key) else {
                throw LearnError.badModelFile("the saved \(context.name) has no setting \"\(setting.name)\"")
            }
            let value: ParameterValue
            if try c.decodeNil(forKey: key) {
                value = .none
            } else if let tagged = try? c.nestedContainer(keyedBy: Key.self, forKey: key),
                let d = try? tagged.decode(Double.self, forKey: Self.floatTag)
            {
                value = .double(d)
            } else if let tagged = try? c.nestedContainer(keyedBy: Key.self, forKey: key),
                let entries = try? tagged.decode([ClassWeight].self, forKey: Self.classWeightsTag)
            {
                value = .classWeights(entries)
            } else if let values = try? c.decode([Int].self, forKey: key) {
                value = .ints(values)
            } else if let b = try? c.decode(Bool.self, forKey: key) {
                value = .bool(b)
            } else if let i = try? c.decode(Int.self, forKey: key) {
                value = .int(i)
            } else if let d = try? c.decode(Double.self, forKey: key) {
                value = .double(d)
            } else if let s = try? c.decode(String.self, forKey: key) {
                value = .string(s)
            } else {
                throw LearnError.badModelFile("the saved \(context.name) has a bad \(setting.name)")
            }
            do {
                try set(setting.name, value)
            } catch LearnError.badParameter(_, let expected) {
                throw LearnError.badModelFile("the saved \(context.name) has a bad \(setting.name): expected \(expected)")
            }
        }
    }
}
