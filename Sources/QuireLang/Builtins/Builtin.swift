/// What a parameter accepts; used for the automatic type check, `:help` and the reference page.
public enum Accepts: Sendable, Equatable {
    case any
    case int, number, string, bool, list, tuple, sequence, dict, function
    /// A native object of this type name ("DataFrame", "Series", "Array").
    case object(String)
    indirect case oneOf([Accepts])
    indirect case optional(Accepts)

    /// "a number", "a string or none", "a DataFrame".
    public var noun: String {
        switch self {
        case .any: "any value"
        case .int: "an int"
        case .number: "a number"
        case .string: "a string"
        case .bool: "a bool"
        case .list: "a list"
        case .tuple: "a tuple"
        case .sequence: "a list or tuple"
        case .dict: "a dict"
        case .function: "a function"
        case .object(let name): article(name)
        case .oneOf(let options): options.map(\.noun).joined(separator: " or ")
        case .optional(let inner): inner.noun + " or none"
        }
    }

    public func matches(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): true
        case (.int, .int), (.int, .bool): true
        case (.number, .int), (.number, .double), (.number, .bool): true
        case (.string, .string), (.bool, .bool), (.list, .list), (.tuple, .tuple), (.dict, .dict): true
        case (.sequence, .list), (.sequence, .tuple): true
        case (.function, .function), (.function, .builtin): true
        case (.object(let name), .object(let o)): o.typeName == name
        case (.oneOf(let options), _): options.contains { $0.matches(value) }
        case (.optional, .none): true
        case (.optional(let inner), _): inner.matches(value)
        default: false
        }
    }
}

/// One parameter of a builtin.
public struct Parameter: Sendable {
    public enum Kind: Sendable {
        /// Must be given, by position or name.
        case required
        /// May be given; otherwise this default is used.
        case optional(Value)
        /// Collects the remaining positional arguments (`print(a, b, c)`).
        case variadic
        /// Collects keyword arguments not otherwise named (`agg(price="mean")`).
        case keywords
    }

    public let name: String
    public let kind: Kind
    public let accepts: Accepts
    /// The strings this parameter allows, when it takes a fixed set of names (`kernel`, `cmap`):
    /// checked before the body runs, listed by `:help`, completion and `docs/builtins.md`.
    public let choices: [String]
    /// Other spellings accepted but not listed (numpy's "float" for "float64").
    public let synonyms: [String]
    /// What a choice is called in the error for a wrong one (`unknown colormap "bupu"`).
    public let choiceNoun: String?
    /// One line on what the parameter does, for `:help` and the reference page.
    public let doc: String?

    public init(
        _ name: String, _ accepts: Accepts = .any, _ kind: Kind = .required, choices: [String] = [],
        synonyms: [String] = [], choiceNoun: String? = nil, doc: String? = nil
    ) {
        self.name = name
        self.accepts = accepts
        self.kind = kind
        self.choices = choices
        self.synonyms = synonyms
        self.choiceNoun = choiceNoun
        self.doc = doc
    }

    /// A parameter with a default value.
    public static func opt(
        _ name: String, _ accepts: Accepts = .any, _ defaultValue: Value, choices: [String] = [],
        synonyms: [String] = [], choiceNoun: String? = nil, doc: String? = nil
    ) -> Parameter {
        Parameter(name, accepts, .optional(defaultValue), choices: choices, synonyms: synonyms, choiceNoun: choiceNoun, doc: doc)
    }

    /// A string parameter that must be one of `choices`; the default is the first unless given.
    public static func choice(_ name: String, _ choices: [String], default defaultValue: String? = nil, doc: String? = nil) -> Parameter {
        Parameter(name, .string, .optional(.string(defaultValue ?? choices[0])), choices: choices, doc: doc)
    }

    /// Whether `value` is allowed by `choices` (anything is, when there are none; so are
    /// values that are not strings, which `accepts` judges).
    public func allows(_ value: Value) -> Bool {
        guard !choices.isEmpty, case .string(let s) = value else { return true }
        return choices.contains(s) || synonyms.contains(s)
    }

    /// The error for a string that is not one of the choices, with the closest as a hint.
    public func notAChoice(_ value: Value, in function: String) -> QuireError {
        var error = Arguments.badArgument(name, to: function, expected: Parameter.listing(choices), got: value)
        if let noun = choiceNoun {
            error = QuireError(.value, "unknown \(noun) \(Printer.shortRepr(value)) for \(function): expected \(Parameter.listing(choices))", argument: name)
        }
        if case .string(let s) = value, let close = Suggest.closest(to: s, in: choices) { error.hint = "did you mean \"\(close)\"?" }
        return error
    }

    /// `one of "rbf", "linear", "poly"`.
    public static func listing(_ choices: [String]) -> String {
        "one of " + choices.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// The text of the parameter in signatures: `test_size=0.25`, `*values`.
    public var signature: String {
        switch kind {
        case .required: name
        case .optional(let v): "\(name)=\(Printer.repr(v))"
        case .variadic: "*\(name)"
        case .keywords: "**\(name)"
        }
    }
}

/// A builtin function or method, declared once: the declaration serves the call, argument
/// checking, `:help`, completion, did-you-mean and `docs/builtins.md`.
public final class Builtin: @unchecked Sendable {
    public typealias Body = (Arguments) throws -> Value

    public let name: String
    /// The type whose method this is ("list", "dict", "str", "DataFrame"), or nil for a function.
    public let receiver: String?
    public let parameters: [Parameter]
    public let doc: String
    public let example: String
    /// True for an attribute (`df.shape`): read without a call, its body given only the receiver.
    public let isAttribute: Bool
    public let body: Body
    /// `train_test_split` or `DataFrame.head`: how messages name it.
    public let qualifiedName: String
    /// No variadic or keyword-collecting parameter: positional arguments bind to the first
    /// parameters in order, which lets a call without keywords skip most of the binding.
    public let hasFixedParameters: Bool

    public init(
        _ name: String, on receiver: String? = nil, _ parameters: [Parameter] = [], doc: String,
        example: String, body: @escaping Body
    ) {
        self.name = name
        self.receiver = receiver
        self.parameters = parameters
        self.doc = doc
        self.example = example
        self.isAttribute = false
        self.body = body
        precondition(parameters.count <= 64, "a builtin has at most 64 parameters")
        self.qualifiedName = receiver.map { "\($0).\(name)" } ?? name
        self.hasFixedParameters = parameters.allSatisfy {
            switch $0.kind {
            case .required, .optional: true
            case .variadic, .keywords: false
            }
        }
    }

    /// An attribute of a native object, declared like a method: `df.shape`, `fig.xticks`.
    public init(attribute name: String, on receiver: String, doc: String, example: String, body: @escaping Body) {
        self.name = name
        self.receiver = receiver
        self.parameters = []
        self.doc = doc
        self.example = example
        self.isAttribute = true
        self.body = body
        self.qualifiedName = "\(receiver).\(name)"
        self.hasFixedParameters = true
    }

    /// `head(n=5)`, or `DataFrame.shape` for an attribute.
    public var signature: String {
        isAttribute ? qualifiedName : "\(qualifiedName)(\(parameters.map(\.signature).joined(separator: ", ")))"
    }
}

/// A builtin ready to be called: a function, or a method with its receiver.
public final class BoundBuiltin {
    public let builtin: Builtin
    public let receiver: Value?
    public init(_ builtin: Builtin, receiver: Value? = nil) {
        self.builtin = builtin
        self.receiver = receiver
    }
}

/// All builtins, looked up by name (functions) or by receiver type and name (methods).
public final class BuiltinRegistry: @unchecked Sendable {
    public let all: [Builtin]
    public private(set) var functions: [String: Builtin] = [:]
    public private(set) var methods: [String: [String: Builtin]] = [:]
    public private(set) var attributes: [String: [String: Builtin]] = [:]
    /// Python's names for the builtins, for the errors that answer Python habits.
    public let python: PythonNames

    public init(_ tables: [[Builtin]], python: PythonNames = PythonNames()) {
        all = tables.flatMap { $0 }
        self.python = python
        // Built at every start: one hash of each name (the insert tells of a duplicate).
        functions.reserveCapacity(all.count)
        for b in all {
            if let receiver = b.receiver, b.isAttribute {
                let old = attributes[receiver, default: [:]].updateValue(b, forKey: b.name)
                precondition(old == nil, "attribute \(b.qualifiedName) declared twice")
            } else if let receiver = b.receiver {
                let old = methods[receiver, default: [:]].updateValue(b, forKey: b.name)
                precondition(old == nil, "method \(b.qualifiedName) declared twice")
            } else {
                let old = functions.updateValue(b, forKey: b.name)
                precondition(old == nil, "builtin \(b.name) declared twice")
            }
        }
        for (receiver, named) in attributes {
            guard let methods = methods[receiver] else { continue }
            for name in named.keys {
                precondition(methods[name] == nil, "method \(receiver).\(name) declared as an attribute too")
            }
        }
    }

    public func method(_ name: String, on typeName: String) -> Builtin? {
        methods[typeName]?[name]
    }

    public func methodNames(on typeName: String) -> [String] {
        (methods[typeName]?.keys).map { Array($0).sorted() } ?? []
    }

    public func attribute(_ name: String, on typeName: String) -> Builtin? {
        attributes[typeName]?[name]
    }

    public func attributeNames(on typeName: String) -> [String] {
        (attributes[typeName]?.keys).map { Array($0).sorted() } ?? []
    }
}
