extension Compiler {
    func compileExpression(_ node: Node) throws -> Code {
        let interp = interpreter
        let span = node.span
        switch node.kind {
        case .fstring(let parts): return try compileFString(parts)
        case .list(let items):
            let codes = try items.map { CodeRef(run: try compile($0)) }
            return { f in .list(ListBox(try codes.map { try $0.run(f) })) }
        case .tuple(let items):
            let codes = try items.map { CodeRef(run: try compile($0)) }
            return { f in .tuple(try codes.map { try $0.run(f) }) }
        case .dict(let pairs):
            let codes = try pairs.map { (try compile($0.0), try compile($0.1), $0.0.span) }
            return { f in
                let d = DictBox()
                for (k, v, s) in codes {
                    do { try d.set(try k(f), try v(f)) } catch let e as QuireError { throw e.located(at: s) }
                }
                return .dict(d)
            }
        case .unary(let op, let operand):
            let code = try compile(operand)
            return { f in
                let v = try code(f)
                do { return try interp.unary(op, v, span) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .binary(let op, let l, let r): return try compileBinary(op, l, r, span)
        case .compare(let ops, let operands): return try compileCompare(ops, operands)
        case .and(let l, let r):
            let lc = try compile(l)
            let rc = try compile(r)
            return { f in
                let a = try lc(f)
                if case .bool(let b) = a { return b ? try rc(f) : a }
                if case .object(let o) = a {
                    let b = try rc(f)
                    do {
                        if let v = try o.binary(.and, b, reflected: false) { return v }
                        return try interp.truth(a, span) ? b : a
                    } catch let e as QuireError { throw e.located(at: span) }
                }
                return try interp.truth(a, span) ? try rc(f) : a
            }
        case .or(let l, let r):
            let lc = try compile(l)
            let rc = try compile(r)
            return { f in
                let a = try lc(f)
                if case .bool(let b) = a { return b ? a : try rc(f) }
                if case .object(let o) = a {
                    let b = try rc(f)
                    do {
                        if let v = try o.binary(.or, b, reflected: false) { return v }
                        return try interp.truth(a, span) ? a : b
                    } catch let e as QuireError { throw e.located(at: span) }
                }
                return try interp.truth(a, span) ? a : try rc(f)
            }
        case .call(let callee, let args): return try compileCall(callee, args, span)
        case .listComprehension(let element, let clauses):
            let item = try compile(element)
            let run = try compileClauses(clauses)
            return { f in
                var out: [Value] = []
                try run(f) {
                    do { try out.appendChecked(try item(f)) } catch let e as QuireError { throw e.located(at: span) }
                }
                return .list(ListBox(out))
            }
        case .dictComprehension(let keyNode, let valueNode, let clauses):
            let key = try compile(keyNode)
            let value = try compile(valueNode)
            let run = try compileClauses(clauses)
            let keySpan = keyNode.span
            return { f in
                let d = DictBox()
                try run(f) {
                    do { try d.set(try key(f), try value(f)) } catch let e as QuireError { throw e.located(at: keySpan) }
                }
                return .dict(d)
            }
        case .index(let object, let items):
            let obj = try compile(object)
            let index = try compileIndexValue(items)
            return { f in
                let o = try obj(f)
                let i = try index(f)
                if case .list(let l) = o, case .int(let k) = i, k >= 0, k < l.items.count { return l.items[k] }
                do { return try interp.getIndex(o, i) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .member(let object, let name, let nameSpan):
            let obj = try compileReceiver(object, member: name)
            return { f in
                let o = try obj(f)
                do { return try interp.getMember(o, name) } catch let e as QuireError { throw e.located(at: nameSpan) }
            }
        default:
            throw QuireError(.syntax, "this statement cannot be used as a value", span: span)
        }
    }

    /// The value inside brackets: one index, a slice, or a tuple of them (`a[1:3, :]`).
    func compileIndexValue(_ items: [IndexItem]) throws -> Code {
        func one(_ item: IndexItem) throws -> Code {
            switch item {
            case .single(let n): return try compile(n)
            case .slice(let a, let b, let c):
                let parts = try [a, b, c].map { try $0.map(compile) }
                let spans = [a, b, c].map { $0?.span }
                return { f in
                    var bounds: [Int?] = []
                    for (code, span) in zip(parts, spans) {
                        guard let code else {
                            bounds.append(nil)
                            continue
                        }
                        switch try code(f) {
                        case .none: bounds.append(nil)
                        case .int(let i): bounds.append(i)
                        case .bool(let b): bounds.append(b ? 1 : 0)
                        case let v:
                            throw QuireError(.type, "slice bounds must be ints, not \(v.typeNoun)", span: span)
                        }
                    }
                    if bounds[2] == 0 { throw QuireError(.value, "a slice step cannot be zero", span: spans[2]) }
                    return .object(SliceValue(start: bounds[0], stop: bounds[1], step: bounds[2]))
                }
            }
        }
        if items.count == 1 { return try one(items[0]) }
        let codes = try items.map(one)
        return { f in .tuple(try codes.map { try $0(f) }) }
    }

    func compileBinary(_ op: BinaryOperator, _ l: Node, _ r: Node, _ span: SourceSpan) throws -> Code {
        if case .literal(.int(let k)) = r.kind, [.add, .subtract, .multiply].contains(op) {
            return try compileBinaryWithConstant(op, l, k, span)
        }
        let lc = try compile(l)
        let rc = try compile(r)
        switch op {
        case .add:
            return { f in
                let a = try lc(f)
                let b = try rc(f)
                if case .int(let x) = a, case .int(let y) = b {
                    let (s, o) = x.addingReportingOverflow(y)
                    if !o { return .int(s) }
                }
                if case .double(let x) = a, case .double(let y) = b { return .double(x + y) }
                do { return try Operators.binary(op, a, b) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .subtract:
            return { f in
                let a = try lc(f)
                let b = try rc(f)
                if case .int(let x) = a, case .int(let y) = b {
                    let (s, o) = x.subtractingReportingOverflow(y)
                    if !o { return .int(s) }
                }
                if case .double(let x) = a, case .double(let y) = b { return .double(x - y) }
                do { return try Operators.binary(op, a, b) } catch let e as QuireError { throw e.located(at: span) }
            }
        case .multiply:
            return { f in
                let a = try lc(f)
                let b = try rc(f)
                if case .int(let x) = a, case .int(let y) = b {
                    let (s, o) = x.multipliedReportingOverflow(by: y)
                    if !o { return .int(s) }
                }
                if case .double(let x) = a, case .double(let y) = b { return .double(x * y) }
                do { return try Operators.binary(op, a, b) } catch let e as QuireError { throw e.located(at: span) }
            }
        default:
            return { f in
                let a = try lc(f)
                let b = try rc(f)
                do { return try Operators.binary(op, a, b) } catch let e as QuireError { throw e.located(at: span) }
            }
        }
    }

    func compileCompare(_ ops: [CompareOp], _ operands: [Node]) throws -> Code {
        let codes = try operands.map { CodeRef(run: try compile($0)) }
        let spans = operands.map(\.span)
        if ops.count == 1, case .op(let op) = ops[0] {
            let lc = try compile(operands[0])
            let rc = try compile(operands[1])
            let span = spans[0].through(spans[1])
            return { f in
                let a = try lc(f)
                let b = try rc(f)
                if case .int(let x) = a, case .int(let y) = b {
                    switch op {
                    case .less: return .bool(x < y)
                    case .lessEqual: return .bool(x <= y)
                    case .greater: return .bool(x > y)
                    case .greaterEqual: return .bool(x >= y)
                    case .equal: return .bool(x == y)
                    case .notEqual: return .bool(x != y)
                    default: break
                    }
                }
                do { return try Operators.compare(op, a, b) } catch let e as QuireError { throw e.located(at: span) }
            }
        }
        let interp = interpreter
        return { f in
            var left = try codes[0].run(f)
            var result = Value.bool(true)
            for (i, op) in ops.enumerated() {
                let right = try codes[i + 1].run(f)
                let span = spans[i].through(spans[i + 1])
                do {
                    switch op {
                    case .op(let o): result = try Operators.compare(o, left, right)
                    case .notIn:
                        let inside = try Operators.compare(.contains, left, right)
                        result = try interp.unary(.not, inside, span)
                    }
                    if i < ops.count - 1, !(try interp.truth(result, span)) { return result }
                } catch let e as QuireError { throw e.located(at: span) }
                left = right
            }
            return result
        }
    }

    func compileFString(_ parts: [FPart]) throws -> Code {
        let pieces: [CompiledFPart] = try parts.map {
            switch $0 {
            case .text(let s): return CompiledFPart(text: s)
            case .expression(let n, let conv, let spec):
                return CompiledFPart(code: try compile(n), repr: conv == "r", spec: spec ?? "", span: n.span)
            }
        }
        return { f in
            var out = ""
            for i in pieces.indices {
                guard let code = pieces[i].code else {
                    out += pieces[i].text
                    continue
                }
                let v = try code(f)
                do {
                    if pieces[i].repr {
                        out += try Format.apply(pieces[i].spec, to: .string(Printer.repr(v)))
                    } else if pieces[i].spec.isEmpty {
                        out += Printer.str(v)
                    } else {
                        out += try Format.apply(pieces[i].spec, to: v)
                    }
                } catch let e as QuireError { throw e.located(at: pieces[i].span!) }
            }
            return .string(out)
        }
    }
}

/// One piece of a compiled f-string: literal text, or an expression with its conversion and
/// format spec (empty when none; `Format.apply` with an empty spec is `Printer.str`).
struct CompiledFPart {
    var text = ""
    var code: Code?
    var repr = false
    var spec = ""
    var span: SourceSpan?
}

extension Compiler {
    /// `a < b` as a condition: ints compare without making a bool value first.
    func compileComparisonTest(_ op: BinaryOperator, _ l: Node, _ r: Node) throws -> (Frame) throws -> Bool {
        if case .literal(.int(let k)) = r.kind {
            let lc = try compile(l)
            let span = l.span.through(r.span)
            let interp = interpreter
            let constant = Value.int(k)
            return { f in
                // Evaluated once: the left side may print or change something.
                let a = try lc(f)
                if case .int(let x) = a {
                    switch op {
                    case .less: return x < k
                    case .lessEqual: return x <= k
                    case .greater: return x > k
                    case .greaterEqual: return x >= k
                    case .equal: return x == k
                    case .notEqual: return x != k
                    default: break
                    }
                }
                do {
                    let v = try Operators.compare(op, a, constant)
                    if case .bool(let t) = v { return t }
                    return try interp.truth(v, span)
                } catch let e as QuireError { throw e.located(at: span) }
            }
        }
        let lc = try compile(l)
        let rc = try compile(r)
        let span = l.span.through(r.span)
        let interp = interpreter
        return { f in
            let a = try lc(f)
            let b = try rc(f)
            if case .int(let x) = a, case .int(let y) = b {
                switch op {
                case .less: return x < y
                case .lessEqual: return x <= y
                case .greater: return x > y
                case .greaterEqual: return x >= y
                case .equal: return x == y
                case .notEqual: return x != y
                default: break
                }
            }
            do {
                let v = try Operators.compare(op, a, b)
                if case .bool(let t) = v { return t }
                return try interp.truth(v, span)
            } catch let e as QuireError { throw e.located(at: span) }
        }
    }
}

extension Compiler {
    typealias ClauseRunner = (Frame, () throws -> Void) throws -> Void

    /// The loops and filters of a comprehension; the loop variables belong to the enclosing
    /// scope, as a `for` loop's do.
    func compileClauses(_ clauses: [ComprehensionClause]) throws -> ClauseRunner {
        var run: ClauseRunner = { _, body in try body() }
        let interp = interpreter
        for clause in clauses.reversed() {
            let inner = run
            switch clause {
            case .forIn(let target, let iterable):
                let store = try compileTargetStore(target)
                let iter = try compile(iterable)
                let span = iterable.span
                run = { f, body in
                    let sequence = try iter(f)
                    if case .object(let r as RangeObject) = sequence {
                        for i in r.range {
                            try interp.checkInterrupt(at: span)
                            try store(f, .int(i))
                            try inner(f, body)
                        }
                        return
                    }
                    for item in try interp.iterate(sequence, span) {
                        try interp.checkInterrupt(at: span)
                        try store(f, item)
                        try inner(f, body)
                    }
                }
            case .condition(let node):
                let test = try truthTest(node)
                run = { f, body in if try test(f) { try inner(f, body) } }
            }
        }
        return run
    }
}

extension Compiler {
    /// `n - 1`, `i + 1`, `k * 2`: an int constant on the right needs no evaluation of its own.
    func compileBinaryWithConstant(_ op: BinaryOperator, _ l: Node, _ k: Int, _ span: SourceSpan) throws -> Code {
        let lc = try compile(l)
        let constant = Value.int(k)
        let general: (Value) throws -> Value = { a in
            do { return try Operators.binary(op, a, constant) } catch let e as QuireError { throw e.located(at: span) }
        }
        switch op {
        case .add:
            return { f in
                let a = try lc(f)
                if case .int(let x) = a {
                    let (s, o) = x.addingReportingOverflow(k)
                    if !o { return .int(s) }
                }
                return try general(a)
            }
        case .subtract:
            return { f in
                let a = try lc(f)
                if case .int(let x) = a {
                    let (s, o) = x.subtractingReportingOverflow(k)
                    if !o { return .int(s) }
                }
                return try general(a)
            }
        default:
            return { f in
                let a = try lc(f)
                if case .int(let x) = a {
                    let (s, o) = x.multipliedReportingOverflow(by: k)
                    if !o { return .int(s) }
                }
                return try general(a)
            }
        }
    }
}
