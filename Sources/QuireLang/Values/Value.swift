import QuireSupport

/// A Quire value. Scalars are stored inline; lists and dicts are shared, mutable boxes;
/// DataFrames, arrays, figures, models and images are native objects.
public enum Value: @unchecked Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case function(Function)
    case builtin(BoundBuiltin)
    case object(any NativeObject)
    /// A variable slot that has not been assigned yet; never visible to programs.
    case undefined
}

/// A mutable list, shared by reference as in Python.
public final class ListBox {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
}

/// An insertion-ordered dictionary, shared by reference as in Python.
public final class DictBox {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]
    /// A key and a value, and about as much again for the hash index.
    static let bytesPerEntry = 4 * MemoryLayout<Value>.stride

    public init() {}
    public init(_ pairs: [(Value, Value)]) throws {
        for (k, v) in pairs { try set(k, v) }
    }

    public var count: Int { keys.count }

    public func get(_ key: Value) throws -> Value? {
        guard let i = index[try HashKey(key)] else { return nil }
        return values[i]
    }

    public func set(_ key: Value, _ value: Value) throws {
        let hk = try HashKey(key)
        if let i = index[hk] {
            values[i] = value
        } else {
            try Memory.checkGrowth(of: keys, as: Allocation.dict(count:), bytesPerItem: DictBox.bytesPerEntry)
            index[hk] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    @discardableResult
    public func remove(_ key: Value) throws -> Value? {
        guard let i = index[try HashKey(key)] else { return nil }
        let old = values[i]
        keys.remove(at: i)
        values.remove(at: i)
        index = [:]
        for (j, k) in keys.enumerated() { index[try HashKey(k)] = j }
        return old
    }
}

/// The hashable form of a value that can be a dict key (none, bools, numbers, strings, tuples).
public enum HashKey: Hashable {
    case none
    case number(Double)
    case int(Int)
    case string(String)
    indirect case tuple([HashKey])

    public init(_ value: Value) throws {
        switch value {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .double(let d):
            // 2.0 and 2 are the same key, as in Python.
            if d == d.rounded(), abs(d) < 9.0e18 { self = .int(Int(d)) } else { self = .number(d) }
        case .string(let s): self = .string(s)
        case .tuple(let items): self = .tuple(try items.map(HashKey.init))
        default:
            throw QuireError(.type, "a \(value.typeName) cannot be a dict key", hint: "use a string, a number or a tuple")
        }
    }
}

extension Value {
    /// The type name shown by `type(x)` and in messages.
    public var typeName: String {
        switch self {
        case .none: "none"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "str"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .function, .builtin: "function"
        case .object(let o): o.typeName
        case .undefined: "undefined"
        }
    }

    /// The type with an article, as used in messages: "a string", "an int", "none".
    public var typeNoun: String {
        switch self {
        case .none: "none"
        case .bool: "a bool"
        case .int: "an int"
        case .double: "a float"
        case .string: "a string"
        case .list: "a list"
        case .tuple: "a tuple"
        case .dict: "a dict"
        case .function, .builtin: "a function"
        case .object(let o): article(o.typeName)
        case .undefined: "nothing"
        }
    }

    /// The number as a Double, for ints, floats and bools.
    public var asDouble: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }
}

/// "a DataFrame", "an Image", "an int".
public func article(_ noun: String) -> String {
    guard let first = noun.lowercased().first else { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}
