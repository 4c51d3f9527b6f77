/// The spans of a call's arguments, to point at the one an error is about.
struct ArgumentSpans {
    let call: SourceSpan
    let positional: [SourceSpan]
    let keywords: [String: SourceSpan]
}

extension Compiler {
    func compileCall(_ callee: Node, _ args: [Argument], _ span: SourceSpan) throws -> Code {
        let interp = interpreter
        let codes = try args.map { CodeRef(run: try compile($0.value)) }
        let spans = ArgumentSpans(
            call: span,
            positional: args.filter { $0.name == nil }.map(\.value.span),
            keywords: Dictionary(args.compactMap { a in a.name.map { ($0, a.nameSpan!.through(a.value.span)) } }, uniquingKeysWith: { a, _ in a }))
        let simple = args.allSatisfy { $0.name == nil && !$0.spread }
        let evaluate: (Frame) throws -> ([Value], [(String, Value)]) = { f in
            if simple { return (try codes.map { try $0.run(f) }, []) }
            var positional: [Value] = []
            var keywords: [(String, Value)] = []
            for (arg, code) in zip(args, codes) {
                let v = try code.run(f)
                if let name = arg.name {
                    keywords.append((name, v))
                } else if arg.spread {
                    do { positional += try interp.iterate(v, arg.value.span) } catch let e as QuireError { throw e.located(at: arg.value.span) }
                } else {
                    positional.append(v)
                }
            }
            return (positional, keywords)
        }

        if case .member(let objectNode, let name, let nameSpan) = callee.kind {
            let object = try compileReceiver(objectNode, member: name)
            let cache = MethodCache()
            return { f in
                let receiver = try object(f)
                let (positional, keywords) = try evaluate(f)
                return try interp.callMethod(receiver, name, positional, keywords, spans: spans, nameSpan: nameSpan, cache: cache)
            }
        }

        let calleeCode = try compile(callee)
        if simple {
            return compileSimpleCall(calleeCode, codes, spans)
        }
        return { f in
            let fnValue = try calleeCode(f)
            let (positional, keywords) = try evaluate(f)
            return try interp.callValue(fnValue, positional, keywords: keywords, spans: spans)
        }
    }
}

extension Compiler {
    /// A call with only positional arguments: a Quire function gets its frame filled directly,
    /// with no argument list in between (the common case, and the one recursion depends on).
    func compileSimpleCall(_ calleeCode: @escaping Code, _ codes: [CodeRef], _ spans: ArgumentSpans) -> Code {
        let interp = interpreter
        let span = spans.call
        func general(_ fnValue: Value, _ f: Frame) throws -> Value {
            try interp.callValue(fnValue, try codes.map { try $0.run(f) }, keywords: [], spans: spans)
        }
        switch codes.count {
        case 1:
            let a0 = codes[0].run
            return { f in
                let fnValue = try calleeCode(f)
                if case .function(let fn) = fnValue, fn.code.parameterNames.count == 1 {
                    var frame = fn.code.makeFrame(parent: fn.parent)
                    frame[0] = try a0(f)
                    let result = try interp.invoke(fn, frame, span)
                    fn.code.recycle(&frame)
                    return result
                }
                return try general(fnValue, f)
            }
        case 2:
            let (a0, a1) = (codes[0].run, codes[1].run)
            return { f in
                let fnValue = try calleeCode(f)
                if case .function(let fn) = fnValue, fn.code.parameterNames.count == 2 {
                    var frame = fn.code.makeFrame(parent: fn.parent)
                    frame[0] = try a0(f)
                    frame[1] = try a1(f)
                    let result = try interp.invoke(fn, frame, span)
                    fn.code.recycle(&frame)
                    return result
                }
                return try general(fnValue, f)
            }
        default:
            let n = codes.count
            return { f in
                let fnValue = try calleeCode(f)
                if case .function(let fn) = fnValue, fn.code.parameterNames.count == n {
                    var frame = fn.code.makeFrame(parent: fn.parent)
                    for i in 0..<n { frame[i] = try codes[i].run(f) }
                    let result = try interp.invoke(fn, frame, span)
                    fn.code.recycle(&frame)
                    return result
                }
                return try general(fnValue, f)
            }
        }
    }
}
