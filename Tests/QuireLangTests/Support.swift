import QuireLang

/// Collects what a program prints and displays.
final class Capture: OutputSink {
    var text = ""
    var displayed: [Value] = []
    func write(_ s: String) { text += s }
    func display(_ value: Value) { displayed.append(value) }
}

/// A small native object of the tests' own: a vector of numbers with element-wise `+` and `*`,
/// indexing, iteration, members, a method, truthiness and display.
final class Vec: NativeObject {
    var items: [Double]
    init(_ items: [Double]) { self.items = items }

    var typeName: String { "Vec" }
    var memberNames: [String] { ["size", "first"] }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "size": .int(items.count)
        case "first": items.first.map { .double($0) } ?? .none
        default: nil
        }
    }
    func setMember(_ name: String, _ value: Value) throws -> Bool {
        guard name == "first", let d = value.asDouble, !items.isEmpty else { return false }
        items[0] = d
        return true
    }
    func subscriptGet(_ index: Value) throws -> Value {
        guard case .int(let i) = index, items.indices.contains(i) else { throw QuireError(.index, "Vec index out of range") }
        return .double(items[i])
    }
    func subscriptSet(_ index: Value, _ value: Value) throws {
        guard case .int(let i) = index, items.indices.contains(i), let d = value.asDouble else { throw QuireError(.index, "bad Vec assignment") }
        items[i] = d
    }
    func binary(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        let rhs: [Double]
        if case .object(let o as Vec) = other { rhs = o.items } else if let d = other.asDouble { rhs = Array(repeating: d, count: items.count) } else { return nil }
        switch op {
        case .add: return .object(Vec(zip(items, rhs).map { $0 + $1 }))
        case .multiply: return .object(Vec(zip(items, rhs).map { $0 * $1 }))
        case .greater: return .list(ListBox(zip(items, rhs).map { .bool(reflected ? $1 > $0 : $0 > $1) }))
        default: return nil
        }
    }
    func unary(_ op: UnaryOperator) throws -> Value? {
        op == .negate ? .object(Vec(items.map { -$0 })) : nil
    }
    func elements() throws -> [Value]? { items.map { .double($0) } }
    var length: Int? { items.count }
    func truth() throws -> Bool { throw QuireError(.value, "the truth of a Vec is ambiguous", hint: "use .any() or .all()") }
    func displayText() -> String { "Vec(" + items.map { Printer.formatDouble($0) }.joined(separator: ", ") + ")" }
    func richDisplay() -> RichDisplay? { .html("<b>vec</b>") }
}

let testBuiltins: [Builtin] = [
    Builtin("print", [Parameter("values", .any, .variadic)], doc: "Prints.", example: "print(1)") { args in
        args.context.write(args.rest.map(Printer.str).joined(separator: " ") + "\n")
        return .none
    },
    Builtin("vec", [Parameter("values", .sequence)], doc: "Makes a Vec.", example: "vec([1, 2])") { args in
        .object(Vec(try args.sequence("values").map { v in
            guard let d = v.asDouble else { throw args.bad("values", expected: "a list of numbers") }
            return d
        }))
    },
    Builtin("split", [Parameter("x", .number), .opt("test_size", .number, .double(0.25)), .opt("seed", .optional(.int), .none)],
        doc: "A builtin with keyword arguments.", example: "split(3, test_size=0.5)"
    ) { args in
        let t = try args.double("test_size")
        guard t > 0 && t < 1 else { throw args.bad("test_size", expected: "a number between 0 and 1") }
        return .tuple([args.value("x"), .double(t), args.value("seed")])
    },
    Builtin("total", on: "Vec", [], doc: "The sum of the items.", example: "v.total()") { args in
        .double(args.receiver(as: Vec.self).items.reduce(0, +))
    },
    Builtin("any", on: "Vec", [], doc: "True if any item is non-zero.", example: "v.any()") { args in
        .bool(args.receiver(as: Vec.self).items.contains { $0 != 0 })
    },
]

let testRegistry = BuiltinRegistry([testBuiltins])

/// Runs a program; returns what it printed and the displayed value's repr (or nil).
func run(_ code: String) throws -> (output: String, value: String?) {
    let capture = Capture()
    let interpreter = Interpreter(registry: testRegistry, sink: capture)
    let value = try interpreter.run(Source(name: "test.qr", text: code))
    return (capture.text, value.map(Printer.repr))
}

/// Runs a program that must fail; returns its error.
func failure(_ code: String) -> QuireError? {
    do {
        _ = try run(code)
        return nil
    } catch let e as QuireError {
        return e
    } catch {
        return nil
    }
}
