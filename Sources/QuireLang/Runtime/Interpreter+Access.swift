import Foundation
import QuireSupport

extension Interpreter {
    func truth(_ v: Value, _ span: SourceSpan?) throws -> Bool {
        do { return try Operators.truth(v) } catch let e as QuireError {
            if let span { throw e.located(at: span) }
            throw e
        }
    }

    func unary(_ op: UnaryOperator, _ v: Value, _ span: SourceSpan) throws -> Value {
        switch (op, v) {
        case (.not, .object(let o)):
            if let r = try o.unary(.not) { return r }
            return .bool(!(try truth(v, span)))
        case (.not, _): return .bool(!(try truth(v, span)))
        case (.negate, .int(let i)):
            if i == Int.min { throw Operators.overflow(.subtract) }
            return .int(-i)
        case (.negate, .double(let d)): return .double(-d)
        case (.negate, .bool(let b)): return .int(b ? -1 : 0)
        case (.plus, .int), (.plus, .double): return v
        case (.plus, .bool(let b)): return .int(b ? 1 : 0)
        case (_, .object(let o)):
            if let r = try o.unary(op) { return r }
        default: break
        }
        throw QuireError(.type, "cannot apply unary \(op.rawValue) to \(v.typeNoun)")
    }

    func unassigned(_ name: String, _ span: SourceSpan) -> QuireError {
        QuireError(.name, "local variable \"\(name)\" is used before it is assigned", hint: "assign it first, or declare `global \(name)` to use the top-level one", span: span)
    }

    func undefinedName(_ name: String, _ span: SourceSpan) -> QuireError {
        let python = ["True": "true", "False": "false", "None": "none", "def": "fn", "elif": "else if", "nil": "none", "null": "none"]
        if let quire = python[name] {
            return QuireError(.name, "name \"\(name)\" is not defined", hint: "Quire writes \"\(quire)\"", span: span)
        }
        if let hint = pythonNameHint(name) {
            return QuireError(.name, "name \"\(name)\" is not defined", hint: hint, span: span)
        }
        let candidates = globalNames + registry.functions.keys.sorted() + Keyword.allCases.map(\.rawValue)
        let hint = Suggest.closest(to: name, in: candidates).map { "did you mean \"\($0)\"?" }
        return QuireError(.name, "name \"\(name)\" is not defined", hint: hint, span: span)
    }

    // MARK: members

    func getMember(_ value: Value, _ name: String) throws -> Value {
        let typeKey = registryType(of: value)
        if let method = registry.method(name, on: typeKey) { return .builtin(BoundBuiltin(method, receiver: value)) }
        if let attribute = registry.attribute(name, on: typeKey) { return try readAttribute(attribute, of: value) }
        switch value {
        case .object(let o as PythonModule):
            return try pythonMember(o, name)
        case .object(let o):
            // pandas' members that Quire spells otherwise (df.iloc) are answered as such, not as
            // missing columns.
            let pandas = pythonMemberHint(o.typeName, name)
            let found: Value?
            do { found = try o.member(name) } catch let e as QuireError {
                guard pandas != nil, e.kind == .key || e.kind == .name else { throw e }
                found = nil
            }
            if let v = found { return v }
            if let pandas { throw QuireError(.name, "\(article(o.typeName)) has no attribute \"\(name)\"", hint: pandas) }
            let candidates = registry.attributeNames(on: typeKey) + o.memberNames + registry.methodNames(on: typeKey)
            let hint = Suggest.closest(to: name, in: candidates).map { "did you mean \"\($0)\"?" }
            throw QuireError(.name, "\(article(o.typeName)) has no member \"\(name)\"", hint: hint)
        case .dict(let d):
            if let v = try d.get(.string(name)) { return v }
            let keys = d.keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
            let hint = Suggest.closest(to: name, in: keys + registry.methodNames(on: "dict")).map { "did you mean \"\($0)\"?" }
            throw QuireError(.key, "no key \"\(name)\" in this dict", hint: hint)
        case .none:
            throw QuireError(.type, "none has no member \"\(name)\"", hint: "the value is none: did a function forget to return a value?")
        default:
            let methods = registry.methodNames(on: typeKey)
            let hint = Suggest.closest(to: name, in: methods).map { "did you mean \"\($0)\"?" }
                ?? (methods.isEmpty ? nil : "\(value.typeName) methods: \(methods.joined(separator: ", "))")
            throw QuireError(.name, "\(value.typeNoun) has no member \"\(name)\"", hint: hint)
        }
    }

    /// The value of a registered attribute of `receiver`.
    public func readAttribute(_ attribute: Builtin, of receiver: Value) throws -> Value {
        try attribute.body(Arguments(builtin: attribute, receiver: receiver, context: self, bound: .leading([]), given: 0, rest: [], keywords: []))
    }

    func setMember(_ target: Value, _ name: String, _ value: Value) throws {
        switch target {
        case .object(let o):
            if try o.setMember(name, value) { return }
            throw QuireError(.type, "cannot set \"\(name)\" on \(article(o.typeName))")
        case .dict(let d): try d.set(.string(name), value)
        default: throw QuireError(.type, "cannot set \"\(name)\" on \(target.typeNoun)")
        }
    }

    // MARK: indexing

    func normalizedIndex(_ index: Value, count: Int, what: String) throws -> Int {
        let i: Int
        switch index {
        case .int(let k): i = k
        case .bool(let b): i = b ? 1 : 0
        default: throw QuireError(.type, "\(what) indices must be ints, not \(index.typeNoun)")
        }
        let k = i < 0 ? i + count : i
        guard k >= 0, k < count else {
            throw QuireError(.index, "\(what) index \(i) is out of range (length \(count))", hint: count == 0 ? "the \(what) is empty" : "valid indices are 0 to \(count - 1), or -\(count) to -1")
        }
        return k
    }

    func getIndex(_ value: Value, _ index: Value) throws -> Value {
        switch value {
        case .list(let l):
            if case .object(let s as SliceValue) = index { return .list(ListBox(s.indices(count: l.items.count).map { l.items[$0] })) }
            return l.items[try normalizedIndex(index, count: l.items.count, what: "list")]
        case .tuple(let t):
            if case .object(let s as SliceValue) = index { return .tuple(s.indices(count: t.count).map { t[$0] }) }
            return t[try normalizedIndex(index, count: t.count, what: "tuple")]
        case .string(let str):
            // A position from the start needs only the code points before it.
            if case .int(let k) = index, k >= 0, let c = CodePoints.at(str, k) { return .string(c) }
            let count = CodePoints.count(str)
            if case .object(let s as SliceValue) = index { return .string(CodePoints.picking(str, s.indices(count: count))) }
            return .string(CodePoints.at(str, try normalizedIndex(index, count: count, what: "string"))!)
        case .dict(let d):
            if let v = try d.get(index) { return v }
            let keys = d.keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
            var hint: String? = nil
            if case .string(let k) = index { hint = Suggest.closest(to: k, in: keys).map { "did you mean \"\($0)\"?" } }
            throw QuireError(.key, "no key \(Printer.shortRepr(index)) in this dict", hint: hint)
        case .object(let o): return try o.subscriptGet(index)
        default: throw QuireError(.type, "\(value.typeNoun) cannot be indexed")
        }
    }

    func setIndex(_ target: Value, _ index: Value, _ value: Value) throws {
        switch target {
        case .list(let l):
            l.items[try normalizedIndex(index, count: l.items.count, what: "list")] = value
        case .dict(let d): try d.set(index, value)
        case .object(let o): try o.subscriptSet(index, value)
        case .tuple: throw QuireError(.type, "a tuple cannot be changed", hint: "use a list if you need to change items")
        case .string: throw QuireError(.type, "a string cannot be changed", hint: "build a new string instead")
        default: throw QuireError(.type, "\(target.typeNoun) does not support item assignment")
        }
    }

    // MARK: iteration

    func iterate(_ value: Value, _ span: SourceSpan?) throws -> [Value] {
        switch value {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .string(let s): return CodePoints.items(s)
        case .dict(let d): return d.keys
        case .object(let o):
            if let items = try o.elements() { return items }
            throw QuireError(.type, "\(article(o.typeName)) cannot be iterated", span: span)
        default:
            var hint: String? = nil
            if case .int(let n) = value { hint = "to count, use range(\(n))" }
            throw QuireError(.type, "\(value.typeNoun) cannot be iterated", hint: hint, span: span)
        }
    }

    func unpack(_ value: Value, count: Int, span: SourceSpan) throws -> [Value] {
        let items: [Value]
        switch value {
        case .tuple(let t): items = t
        case .list(let l): items = l.items
        case .object, .string, .dict: items = try iterate(value, span)
        default:
            throw QuireError(.type, "cannot unpack \(value.typeNoun) into \(count) names", span: span)
        }
        guard items.count == count else {
            throw QuireError(.value, "cannot unpack \(items.count) value\(items.count == 1 ? "" : "s") into \(count) names", span: span)
        }
        return items
    }

    // MARK: import

    func importFile(_ path: String, _ span: SourceSpan) throws {
        var resolved = resolvePath(path)
        do {
            resolved = try FileAccess.checked(resolved, .read, shownAs: path)
        } catch {
            throw error.located(at: span)
        }
        if importedFiles.contains(resolved) { return }
        guard let text = try? String(contentsOfFile: resolved, encoding: .utf8) else {
            let exists = FileManager.default.fileExists(atPath: resolved)
            throw QuireError(.importError, exists ? "cannot read \"\(path)\" (is it UTF-8 text?)" : "cannot import \"\(path)\": no such file", hint: exists ? nil : "looked for \(resolved)", span: span)
        }
        importedFiles.insert(resolved)
        let source = Source(name: path, text: text, directory: (resolved as NSString).deletingLastPathComponent)
        let program = try Parser.parse(source)
        let code = try Compiler(interpreter: self).compileProgram(program)
        directoryStack.append(source.directory!)
        defer { directoryStack.removeLast() }
        _ = try code.run()
    }
}
