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

    public init(_ name: String, _ accepts: Accepts = .any, _ kind: Kind = .required) {
        self.name = name
        self.accepts = accepts
        self.kind = kind
    }

    /// A parameter with a default value.
    public static func opt(_ name: String, _ accepts: Accepts = .any, _ defaultValue: Value) -> Parameter {
        Parameter(name, accepts, .optional(defaultValue))
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
public struct Builtin: @unchecked Sendable {
    public typealias Body = (Arguments) throws -> Value

    public let name: String
    /// The type whose method this is ("list", "dict", "str", "DataFrame"), or nil for a function.
    public let receiver: String?
    public let parameters: [Parameter]
    public let doc: String
    public let example: String
    public let body: Body

    public init(
        _ name: String, on receiver: String? = nil, _ parameters: [Parameter] = [], doc: String,
        example: String, body: @escaping Body
    ) {
        self.name = name
        self.receiver = receiver
        self.parameters = parameters
        self.doc = doc
        self.example = example
        self.body = body
    }

    /// `train_test_split` or `DataFrame.head`: how messages name it.
    public var qualifiedName: String { receiver.map { "\($0).\(name)" } ?? name }

    /// `head(n=5)`.
    public var signature: String {
        "\(qualifiedName)(\(parameters.map(\.signature).joined(separator: ", ")))"
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

    public init(_ tables: [[Builtin]]) {
        all = tables.flatMap { $0 }
        for b in all {
            if let receiver = b.receiver {
                precondition(methods[receiver]?[b.name] == nil, "method \(b.qualifiedName) declared twice")
                methods[receiver, default: [:]][b.name] = b
            } else {
                precondition(functions[b.name] == nil, "builtin \(b.name) declared twice")
                functions[b.name] = b
            }
        }
    }

    public func method(_ name: String, on typeName: String) -> Builtin? {
        methods[typeName]?[name]
    }

    public func methodNames(on typeName: String) -> [String] {
        (methods[typeName]?.keys).map { Array($0).sorted() } ?? []
    }
}
