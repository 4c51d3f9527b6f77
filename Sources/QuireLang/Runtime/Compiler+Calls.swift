/// The spans of a call's arguments, to point at the one an error is about.
struct ArgumentSpans {
    let call: SourceSpan
    let positional: [SourceSpan]
    let keywords: [String: SourceSpan]
}

extension Compiler {
    func compileCall(_ callee: Node, _ args: [Argument], _ span: SourceSpan) throws -> Code {
        let interp = interpreter
        let codes = try args.map { try compile($0.value) }
        let spans = ArgumentSpans(
            call: span,
            positional: args.filter { $0.name == nil }.map(\.value.span),
            keywords: Dictionary(args.compactMap { a in a.name.map { ($0, a.nameSpan!.through(a.value.span)) } }, uniquingKeysWith: { a, _ in a }))
        let simple = args.allSatisfy { $0.name == nil && !$0.spread }
        let evaluate: (Frame) throws -> ([Value], [(String, Value)]) = { f in
            if simple { return (try codes.map { try $0(f) }, []) }
            var positional: [Value] = []
            var keywords: [(String, Value)] = []
            for (arg, code) in zip(args, codes) {
                let v = try code(f)
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
            let object = try compile(objectNode)
            return { f in
                let receiver = try object(f)
                let (positional, keywords) = try evaluate(f)
                return try interp.callMethod(receiver, name, positional, keywords, spans: spans, nameSpan: nameSpan)
            }
        }

        let calleeCode = try compile(callee)
        if simple {
            let n = codes.count
            return { f in
                let fnValue = try calleeCode(f)
                if case .function(let fn) = fnValue, fn.code.parameterNames.count == n {
                    let frame = Frame(slotCount: fn.code.slotCount, parent: fn.parent)
                    for i in 0..<n { frame.slots[i] = try codes[i](f) }
                    return try interp.invoke(fn, frame, span)
                }
                let values = try codes.map { try $0(f) }
                return try interp.callValue(fnValue, values, keywords: [], spans: spans)
            }
        }
        return { f in
            let fnValue = try calleeCode(f)
            let (positional, keywords) = try evaluate(f)
            return try interp.callValue(fnValue, positional, keywords: keywords, spans: spans)
        }
    }
}
