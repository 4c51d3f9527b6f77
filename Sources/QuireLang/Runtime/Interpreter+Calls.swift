import QuireSupport
extension Interpreter {
    /// Runs a Quire function whose frame already holds its arguments. The call's span is only
    /// computed when an error needs it.
    func invoke(_ fn: Function, _ frame: Frame, _ span: @autoclosure () -> SourceSpan) throws -> Value {
        try enterCall(span())
        defer { depth -= 1 }
        do {
            return finishCall(try fn.code.body(frame))
        } catch let error as QuireError {
            throw failedCall(error, fn.name, span())
        }
    }

    /// Counts a call in, refusing one too deep, and polls for a stop. The depth is that of calls
    /// with frames (`depth`) and of calls on the register stack (`RegisterStack.callCount`).
    @inline(__always)
    func enterCall(_ span: @autoclosure () -> SourceSpan) throws {
        depth += 1
        if depth + registerStack.callCount > maxCallDepth {
            depth -= 1
            throw QuireError(
                .recursion, "too many nested calls (more than \(maxCallDepth)): is the recursion missing a base case?",
                hint: "recursion deeper than \(maxCallDepth) calls is not allowed", span: span())
        }
        if cancellation.isCancelled {
            do { try checkInterrupt() } catch {
                depth -= 1
                throw error
            }
        }
    }

    /// A body's result, or the value its `return` left.
    @inline(__always)
    func finishCall(_ result: Value) -> Value {
        if unwind == .returning {
            unwind = .none
            let v = returnValue
            returnValue = .none
            return v
        }
        return result
    }

    /// An error leaving a call: it gets the call's place when it has none, and an entry in the
    /// call stack.
    func failedCall(_ error: QuireError, _ name: String, _ span: SourceSpan) -> QuireError {
        var error = error
        unwind = .none
        if error.span == nil { error.span = span }
        if error.stack.count < maxStackEntriesKept {
            error.stack.append((name, span))
        } else {
            error.omittedCalls += 1
        }
        return error
    }

    /// Calls any callable value with positional and keyword arguments.
    func callValue(_ callee: Value, _ positional: [Value], keywords: [(String, Value)], spans: ArgumentSpans?) throws -> Value {
        let span = spans?.call ?? directoryStackSpan
        switch callee {
        case .function(let fn):
            let frame = try bindFunction(fn, positional, keywords, spans: spans)
            return try invoke(fn, frame, span ?? fn.code.span)
        case .builtin(let b):
            return try callBuiltin(b.builtin, receiver: b.receiver, positional, keywords, spans: spans)
        default:
            var error = QuireError(.type, "\(callee.typeNoun) is not a function, so it cannot be called")
            if case .object(let o) = callee { error.hint = "\(article(o.typeName)) value has methods: use value.name(...)" }
            if let span { error.span = span }
            throw error
        }
    }

    /// Errors raised through `call` from a builtin have no call site of their own.
    var directoryStackSpan: SourceSpan? { nil }

    /// `receiver.name(args)` at one call site, which remembers the method it found last for the
    /// receiver's type: a loop calling `xs.append(x)` looks the registry up once.
    func callMethod(
        _ receiver: Value, _ name: String, _ positional: [Value], _ keywords: [(String, Value)], spans: ArgumentSpans?,
        nameSpan: SourceSpan?, cache: MethodCache
    ) throws -> Value {
        let type = registryType(of: receiver)
        if let builtin = cache.builtin, cache.type == type {
            return try callBuiltin(builtin, receiver: receiver, positional, keywords, spans: spans)
        }
        if let method = registry.method(name, on: type) {
            cache.type = type
            cache.builtin = method
            return try callBuiltin(method, receiver: receiver, positional, keywords, spans: spans)
        }
        return try callMethod(receiver, name, positional, keywords, spans: spans, nameSpan: nameSpan)
    }

    /// `receiver.name(args)`: a method from the registry, or a callable member.
    func callMethod(
        _ receiver: Value, _ name: String, _ positional: [Value], _ keywords: [(String, Value)], spans: ArgumentSpans?,
        nameSpan: SourceSpan?
    ) throws -> Value {
        if case .object(let o) = receiver, let module = o as? PythonModule {
            let function: Value
            do { function = try pythonMember(module, name) } catch let e as QuireError {
                throw nameSpan.map { e.located(at: $0) } ?? e
            }
            return try callValue(function, positional, keywords: keywords, spans: spans)
        }
        if let method = registry.method(name, on: registryType(of: receiver)) {
            return try callBuiltin(method, receiver: receiver, positional, keywords, spans: spans)
        }
        // `df.shape()`: an attribute called as a method.
        if let attribute = registry.attribute(name, on: registryType(of: receiver)) {
            let value: Value
            do { value = try readAttribute(attribute, of: receiver) } catch let e as QuireError {
                throw nameSpan.map { e.located(at: $0) } ?? e
            }
            switch value {
            case .function, .builtin: return try callValue(value, positional, keywords: keywords, spans: spans)
            default:
                let type = registryType(of: receiver)
                throw QuireError(.type, "\"\(name)\" is an attribute of \(article(type)), not a method", hint: "write .\(name) without ( )", span: nameSpan)
            }
        }
        // Called, an unknown name is a missing method (did-you-mean among methods), not a
        // missing column or attribute.
        if case .object(let o) = receiver {
            var member: Value?
            do { member = try o.member(name) } catch let e as QuireError {
                guard e.kind == .key || e.kind == .name else { throw nameSpan.map { e.located(at: $0) } ?? e }
            }
            guard let member else {
                let e = noMethodError(o, name)
                throw nameSpan.map { e.located(at: $0) } ?? e
            }
            return try callValue(member, positional, keywords: keywords, spans: spans)
        }
        let member: Value
        do { member = try getMember(receiver, name) } catch let e as QuireError {
            if let nameSpan { throw e.located(at: nameSpan) }
            throw e
        }
        return try callValue(member, positional, keywords: keywords, spans: spans)
    }

    /// The receiver name under which a value's methods are registered.
    func registryType(of value: Value) -> String {
        switch value {
        case .string: "str"
        case .object(let o): o.typeName
        default: value.typeName
        }
    }

    func bindFunction(_ fn: Function, _ positional: [Value], _ keywords: [(String, Value)], spans: ArgumentSpans?) throws -> Frame {
        let code = fn.code
        let names = code.parameterNames
        let frame = Frame.make(slotCount: code.slotCount, parent: fn.parent)
        func fail(_ message: String, hint: String? = nil, at s: SourceSpan? = nil) -> QuireError {
            QuireError(.argument, message, hint: hint, span: s ?? spans?.call)
        }
        if positional.count > names.count {
            let extra = spans.flatMap { $0.positional.count > names.count ? $0.positional[names.count] : nil }
            throw fail("\(fn.name) takes \(names.count) argument\(names.count == 1 ? "" : "s"), but \(positional.count) were given", hint: "fn \(fn.name)(\(names.joined(separator: ", ")))", at: extra)
        }
        for (i, v) in positional.enumerated() { frame[i] = v }
        for (name, v) in keywords {
            guard let i = names.firstIndex(of: name) else {
                let hint = Suggest.closest(to: name, in: names).map { "did you mean \"\($0)\"?" } ?? "parameters: \(names.joined(separator: ", "))"
                throw fail("unknown argument \"\(name)\" to \(fn.name)", hint: hint, at: spans?.keywords[name])
            }
            if case .undefined = frame[i] {} else {
                throw fail("argument \"\(name)\" to \(fn.name) is given twice", at: spans?.keywords[name])
            }
            frame[i] = v
        }
        for i in 0..<names.count {
            guard case .undefined = frame[i] else { continue }
            if i >= code.requiredCount {
                frame[i] = fn.defaults[i - code.requiredCount]
            } else {
                throw fail("missing argument \"\(names[i])\" to \(fn.name)", hint: "fn \(fn.name)(\(names.joined(separator: ", ")))")
            }
        }
        return frame
    }

    /// Binds arguments to a builtin's declared parameters, checks them, and runs it.
    func callBuiltin(_ builtin: Builtin, receiver: Value?, _ positional: [Value], _ keywords: [(String, Value)], spans: ArgumentSpans?) throws -> Value {
        let arguments: Arguments
        do {
            arguments = try bind(builtin, receiver: receiver, positional, keywords)
        } catch var error as QuireError {
            error.span = error.span ?? argumentSpan(builtin, error.argument, positional.count, spans)
            throw error
        }
        do {
            let result = try builtin.body(arguments)
            // A kernel that noticed a stop returns early with a partial result: drop it.
            if cancellation.isCancelled { try checkInterrupt(builtin, spans) }
            return result
        } catch var error as QuireError {
            // A stop that a binding reported as its own error is still a stop.
            if cancellation.isCancelled, error.kind != .interrupted, error.kind != .timeout { try checkInterrupt(builtin, spans) }
            if error.span == nil { error.span = argumentSpan(builtin, error.argument, positional.count, spans) }
            throw error
        } catch let error as SizeError {
            var error = QuireError(error)
            error.span = spans?.call
            throw error
        } catch let stop as Cancelled {
            _ = cancellation.take()
            var error = Self.stopError(stop.reason)
            error.span = spans?.call
            throw error
        } catch {
            if cancellation.isCancelled { try checkInterrupt(builtin, spans) }
            throw QuireError(.runtime, "\(builtin.qualifiedName) failed: \(error)", span: spans?.call)
        }
    }

    /// Reports a pending stop at a builtin's call.
    private func checkInterrupt(_ builtin: Builtin, _ spans: ArgumentSpans?) throws(QuireError) {
        guard let reason = cancellation.take() else { return }
        var error = Self.stopError(reason)
        error.span = spans?.call
        throw error
    }

    func argumentSpan(_ builtin: Builtin, _ parameter: String?, _ positionalCount: Int, _ spans: ArgumentSpans?) -> SourceSpan? {
        guard let spans else { return nil }
        guard let parameter else { return spans.call }
        if let s = spans.keywords[parameter] { return s }
        let positionalParameters = builtin.parameters.filter {
            if case .keywords = $0.kind { return false }
            return true
        }
        if let i = positionalParameters.firstIndex(where: { $0.name == parameter }), i < spans.positional.count {
            if case .variadic = positionalParameters[i].kind { return spans.call }
            return spans.positional[i]
        }
        return spans.call
    }

    func bind(_ builtin: Builtin, receiver: Value?, _ positional: [Value], _ keywords: [(String, Value)]) throws -> Arguments {
        // Parameters are read in place (`params[i].kind`): copying a `Parameter` retains its
        // strings and arrays, which cost more than the rest of the binding.
        let params = builtin.parameters
        if keywords.isEmpty, builtin.hasFixedParameters, positional.count <= params.count {
            return try bindLeading(builtin, receiver: receiver, positional)
        }
        let bound = ArgumentSlots.make(count: params.count)
        var given: UInt64 = 0
        var rest: [Value] = []
        var extraKeywords: [(name: String, value: Value)] = []
        func isGiven(_ i: Int) -> Bool { given & (1 << UInt64(i)) != 0 }
        var p = 0
        for v in positional {
            while p < params.count, case .keywords = params[p].kind { p += 1 }
            guard p < params.count else {
                let count = params.filter { if case .keywords = $0.kind { false } else { true } }.count
                throw QuireError(.argument, "\(builtin.qualifiedName) takes at most \(count) argument\(count == 1 ? "" : "s"), but \(positional.count) were given", hint: builtin.signature)
            }
            if case .variadic = params[p].kind {
                rest.append(v)
                given |= 1 << UInt64(p)
                continue
            }
            bound[p] = v
            given |= 1 << UInt64(p)
            p += 1
        }
        for (key, v) in keywords {
            let name = builtin.qualifiedName
            if let i = params.firstIndex(where: { $0.name == key }) {
                switch params[i].kind {
                case .variadic, .keywords:
                    throw QuireError(.argument, "argument \"\(key)\" of \(name) cannot be given by name")
                default: break
                }
                if isGiven(i) { throw QuireError(.argument, "argument \"\(key)\" to \(name) is given twice", argument: key) }
                bound[i] = v
                given |= 1 << UInt64(i)
            } else if params.contains(where: { if case .keywords = $0.kind { true } else { false } }) {
                extraKeywords.append((key, v))
            } else {
                let names = params.map(\.name)
                let hint = Suggest.closest(to: key, in: names).map { "did you mean \"\($0)\"?" }
                    ?? (names.isEmpty ? "\(name) takes no arguments" : "arguments: \(names.joined(separator: ", "))")
                var error = QuireError(.argument, "unknown argument \"\(key)\" to \(name)", hint: hint)
                error.argument = key
                throw error
            }
        }
        for i in params.indices {
            switch params[i].kind {
            case .required:
                guard isGiven(i) else {
                    throw QuireError(.argument, "missing argument \"\(params[i].name)\" to \(builtin.qualifiedName)", hint: builtin.signature)
                }
            case .optional(let d):
                if !isGiven(i) { bound[i] = d }
            case .variadic, .keywords: continue
            }
            if isGiven(i), let v = bound[i] {
                if !params[i].accepts.matches(v) {
                    throw Arguments.badArgument(params[i].name, to: builtin.qualifiedName, expected: params[i].accepts.noun, got: v)
                }
                if !params[i].allows(v) { throw params[i].notAChoice(v, in: builtin.qualifiedName) }
            }
        }
        if !rest.isEmpty, let i = params.firstIndex(where: { if case .variadic = $0.kind { true } else { false } }) {
            for v in rest where !params[i].accepts.matches(v) {
                throw Arguments.badArgument(params[i].name, to: builtin.qualifiedName, expected: params[i].accepts.noun, got: v)
            }
        }
        return Arguments(builtin: builtin, receiver: receiver, context: self, bound: .slots(bound), given: given, rest: rest, keywords: extraKeywords)
    }

    /// `bind` for positional arguments only, to a builtin with fixed parameters: they bind to
    /// its first parameters and are kept as given. The checks and their order are the general
    /// binding's: parameter by parameter, a missing one or a given one of the wrong type or
    /// outside its choices.
    private func bindLeading(_ builtin: Builtin, receiver: Value?, _ positional: [Value]) throws -> Arguments {
        let params = builtin.parameters
        for i in params.indices {
            if i < positional.count {
                let v = positional[i]
                if !params[i].accepts.matches(v) {
                    throw Arguments.badArgument(params[i].name, to: builtin.qualifiedName, expected: params[i].accepts.noun, got: v)
                }
                if !params[i].allows(v) { throw params[i].notAChoice(v, in: builtin.qualifiedName) }
            } else if case .required = params[i].kind {
                throw QuireError(.argument, "missing argument \"\(params[i].name)\" to \(builtin.qualifiedName)", hint: builtin.signature)
            }
        }
        let given: UInt64 = positional.count >= 64 ? .max : (1 << UInt64(positional.count)) - 1
        return Arguments(builtin: builtin, receiver: receiver, context: self, bound: .leading(positional), given: given, rest: [], keywords: [])
    }

    public func callMethod(_ receiver: Value, _ name: String, _ arguments: [Value]) throws -> Value {
        try callMethod(receiver, name, arguments, [], spans: nil, nameSpan: nil)
    }
}

/// The method a call site found last, and the receiver type it was found for.
final class MethodCache {
    var type = ""
    var builtin: Builtin?
}

/// A recursion error unwinding through 10,000 calls needs only the first entries for its report.
let maxStackEntriesKept = 64
