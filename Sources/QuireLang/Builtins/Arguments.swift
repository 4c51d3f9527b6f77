/// The arguments of one builtin call, bound to its parameters and type-checked against them.
///
/// Accessors convert values and fail with the shared wording:
/// `bad argument "test_size" to train_test_split: expected a number between 0 and 1, got "0.2" (a string)`.
public struct Arguments {
    public let builtin: Builtin
    /// The object a method was called on.
    public let receiver: Value?
    public let context: any CallContext
    /// The values bound to the parameters (`self[i]`).
    let bound: Bound
    /// Which parameters the caller actually passed: bit i for parameter i (a builtin has at most
    /// 64 parameters, checked when it is declared).
    let given: UInt64
    /// The values collected by a variadic parameter.
    public let rest: [Value]
    /// The keyword arguments collected by a `**keywords` parameter, in call order.
    public let keywords: [(name: String, value: Value)]

    init(
        builtin: Builtin, receiver: Value?, context: any CallContext, bound: Bound, given: UInt64,
        rest: [Value], keywords: [(name: String, value: Value)]
    ) {
        self.builtin = builtin
        self.receiver = receiver
        self.context = context
        self.bound = bound
        self.given = given
        self.rest = rest
        self.keywords = keywords
    }

    private func slot(_ name: String) -> Int {
        guard let i = builtin.parameters.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(builtin.qualifiedName) has no parameter \(name)")
        }
        return i
    }

    /// The value of a parameter (`none` when optional and not given).
    public func value(_ name: String) -> Value { self[slot(name)] ?? .none }

    /// How arguments are held: the positional arguments of a call without keywords to a builtin
    /// with fixed parameters, as the call made them (parameters after them take their
    /// defaults); or one slot per parameter, filled by the general binding.
    enum Bound {
        case leading([Value])
        case slots(ArgumentSlots)
    }

    /// The value bound to parameter `i`: given, or its default; nil when neither.
    subscript(i: Int) -> Value? {
        switch bound {
        case .slots(let slots): return slots[i]
        case .leading(let given):
            if i < given.count { return given[i] }
            if case .optional(let d) = builtin.parameters[i].kind { return d }
            return nil
        }
    }

    /// True when the caller passed this argument.
    public func has(_ name: String) -> Bool { given & (1 << UInt64(slot(name))) != 0 }

    /// The same arguments with one parameter's value replaced (seaborn's `x="col"` becomes the
    /// column of `data=` before the chart's body reads it).
    public func replacing(_ name: String, with newValue: Value) -> Arguments {
        let values = ArgumentSlots.make(count: builtin.parameters.count)
        for i in 0..<values.count { values[i] = self[i] }
        values[slot(name)] = newValue
        return Arguments(builtin: builtin, receiver: receiver, context: context, bound: .slots(values), given: given, rest: rest, keywords: keywords)
    }

    /// The value of a parameter, or nil when it is `none` or not given.
    public func optional(_ name: String) -> Value? {
        if case .none = value(name) { return nil }
        return value(name)
    }

    /// The error for a bad argument, in the shared wording. A method's body may name the
    /// parameter of its function form (`img`) for its receiver: the receiver is then blamed.
    public func bad(_ name: String, expected: String) -> QuireError {
        if let receiver, !builtin.parameters.contains(where: { $0.name == name }) {
            return QuireError(
                .argument,
                "bad receiver of \(builtin.qualifiedName): expected \(expected), got \(Printer.shortRepr(receiver)) (\(receiver.typeNoun))")
        }
        return Arguments.badArgument(name, to: builtin.qualifiedName, expected: expected, got: value(name))
    }

    public static func badArgument(_ name: String, to function: String, expected: String, got: Value) -> QuireError {
        QuireError(
            .argument,
            "bad argument \"\(name)\" to \(function): expected \(expected), got \(Printer.shortRepr(got)) (\(got.typeNoun))",
            argument: name)
    }

    public func int(_ name: String) throws -> Int {
        switch value(name) {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .double(let d) where d == d.rounded() && abs(d) < 9e18: return Int(d)
        default: throw bad(name, expected: "an int")
        }
    }

    public func optionalInt(_ name: String) throws -> Int? { optional(name) == nil ? nil : try int(name) }

    public func double(_ name: String) throws -> Double {
        guard let d = value(name).asDouble else { throw bad(name, expected: "a number") }
        return d
    }

    public func optionalDouble(_ name: String) throws -> Double? { optional(name) == nil ? nil : try double(name) }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = value(name) else { throw bad(name, expected: "a string") }
        return s
    }

    public func optionalString(_ name: String) throws -> String? { optional(name) == nil ? nil : try string(name) }

    /// A string that must be one of the parameter's declared `choices` (checked again here, so
    /// a default outside them is caught too), with a did-you-mean hint when it is not.
    public func choice(_ name: String) throws -> String {
        let parameter = builtin.parameters[slot(name)]
        let s = try string(name)
        guard parameter.allows(.string(s)) else { throw parameter.notAChoice(.string(s), in: builtin.qualifiedName) }
        return s
    }

    /// A declared choice as the library's enum: `try args.choice("border", as: BorderMode.self)`.
    /// The enum's raw values must be the declared choices; one that is not fails as a bad argument.
    public func choice<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T where T.RawValue == String {
        let s = try choice(name)
        guard let value = T(rawValue: s) else { throw bad(name, expected: Parameter.listing(builtin.parameters[slot(name)].choices)) }
        return value
    }

    /// An optional declared choice as the library's enum; nil when the argument is none.
    public func optionalChoice<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        optional(name) == nil ? nil : try choice(name, as: type)
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let b) = value(name) else { throw bad(name, expected: "true or false") }
        return b
    }

    /// The elements of a list or tuple.
    public func sequence(_ name: String) throws -> [Value] {
        switch value(name) {
        case .list(let l): return l.items
        case .tuple(let t): return t
        default: throw bad(name, expected: "a list")
        }
    }

    /// A native object of a given Swift class.
    public func object<T: NativeObject>(_ name: String, as type: T.Type, expected: String) throws -> T {
        guard case .object(let o) = value(name), let t = o as? T else { throw bad(name, expected: expected) }
        return t
    }

    /// The receiver of a method, as its Swift class.
    public func receiver<T: NativeObject>(as type: T.Type) -> T {
        guard case .object(let o) = receiver, let t = o as? T else {
            preconditionFailure("\(builtin.qualifiedName) called on the wrong receiver")
        }
        return t
    }
}

/// The values bound to a builtin's parameters, one slot per parameter; nil when neither given nor
/// defaulted. One allocation with the values in its tail, made and destroyed by code specialised
/// for `Value?`: a `[Value?]` made by count goes through the standard library's unspecialised
/// allocator, which looks up the array type's generic metadata at every call, and is destroyed
/// element by element through value witnesses. On builtin and method calls that was about a
/// third of the call's cost (issue 19's `methods` benchmark).
final class ArgumentSlots: ManagedBuffer<Int, Value?> {
    /// `count` empty slots.
    static func make(count: Int) -> ArgumentSlots {
        let slots = unsafeDowncast(create(minimumCapacity: count) { _ in count }, to: ArgumentSlots.self)
        slots.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: count) }
        return slots
    }

    var count: Int { header }

    subscript(i: Int) -> Value? {
        get {
            precondition(i >= 0 && i < header)
            return withUnsafeMutablePointerToElements { $0[i] }
        }
        set {
            precondition(i >= 0 && i < header)
            withUnsafeMutablePointerToElements { $0[i] = newValue }
        }
    }

    deinit {
        // Slot by slot: `deinitialize(count:)` goes through the runtime's generic array
        // destruction; most slots hold ints, strings or nothing, released inline here.
        withUnsafeMutablePointers { count, values in
            for i in 0..<count.pointee { (values + i).deinitialize(count: 1) }
        }
    }
}
