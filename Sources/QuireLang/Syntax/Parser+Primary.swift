extension Parser {
    /// postfix -> primary { '(' args ')' | '[' index ']' | '.' NAME }
    mutating func postfix() throws -> Node {
        var node = try primary()
        let outer = nesting
        defer { nesting = outer }
        while true {
            if isOp("(") || isOp("[") || isOp(".") { try chainStep() }
            // A call or index must start on the same line, so a new statement may start with ( or [.
            if isOp("("), !tokens[index].afterNewline || ignoreNewlines.last! {
                let open = advance()
                ignoreNewlines.append(true)
                let args = try arguments()
                try close(")", "\")\" to close the call", opened: open)
                ignoreNewlines.removeLast()
                node = Node(.call(node, args), node.span.through(span(tokens[index - 1])))
            } else if isOp("["), !tokens[index].afterNewline || ignoreNewlines.last! {
                let open = advance()
                ignoreNewlines.append(true)
                let items = try indexItems()
                try close("]", "\"]\" to close the index", opened: open)
                ignoreNewlines.removeLast()
                node = Node(.index(node, items), node.span.through(span(tokens[index - 1])))
            } else if isOp(".") {
                _ = advance()
                let t = current
                let name: String
                switch t.kind {
                case .name(let n): name = n
                case .keyword(let k): name = k.rawValue
                default: throw error("expected a name after \".\", found \(describe(t))")
                }
                _ = advance()
                node = Node(.member(node, name, span(t)), node.span.through(span(t)))
            } else {
                return node
            }
        }
    }

    /// args -> [ arg { ',' arg } [','] ] ;  arg -> NAME '=' expr | '*' expr | expr
    mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        var seenKeyword = false
        while !isOp(")") {
            let at = currentIndex
            if case .name(let n) = current.kind, tokens[nextSignificant(at)].kind == .op("="),
                tokens[nextSignificant(nextSignificant(at))].kind != .op("=")
            {
                let nt = advance()
                _ = advance()
                if args.contains(where: { $0.name == n }) { throw error("argument \"\(n)\" given twice", at: nt) }
                args.append(Argument(name: n, nameSpan: span(nt), value: try expression(), spread: false))
                seenKeyword = true
            } else if isOp("*") {
                _ = advance()
                args.append(Argument(name: nil, nameSpan: nil, value: try expression(), spread: true))
            } else {
                let start = current
                let value = try expression()
                if seenKeyword {
                    throw error("a positional argument cannot follow a keyword argument", at: start)
                }
                args.append(Argument(name: nil, nameSpan: nil, value: value, spread: false))
            }
            if !accept(",") { break }
        }
        return args
    }

    func nextSignificant(_ i: Int) -> Int {
        var j = i + 1
        while tokens[j].kind == .newline && j < tokens.count - 1 { j += 1 }
        return j
    }

    /// index -> item { ',' item } ;  item -> expr | [expr] ':' [expr] [':' [expr]]
    mutating func indexItems() throws -> [IndexItem] {
        var items: [IndexItem] = []
        repeat {
            if isOp("]") { break }
            var start: Node? = nil
            if !isOp(":") { start = try expression() }
            if accept(":") {
                var stop: Node? = nil
                var step: Node? = nil
                if !isOp(":") && !isOp(",") && !isOp("]") { stop = try expression() }
                if accept(":") {
                    if !isOp(",") && !isOp("]") { step = try expression() }
                }
                items.append(.slice(start, stop, step))
            } else {
                items.append(.single(start!))
            }
        } while accept(",")
        if items.isEmpty { throw error("expected an index between [ and ]") }
        return items
    }

    /// primary -> NUMBER | STRING | FSTRING | NAME | 'true' | 'false' | 'none' | '(' [exprlist] ')'
    ///          | '[' [items] ']' | '{' [pairs] '}' | 'fn' '(' params ')' block | if
    mutating func primary() throws -> Node {
        let t = current
        switch t.kind {
        case .int(let i):
            _ = advance()
            return Node(.literal(.int(i)), span(t))
        case .float(let d):
            _ = advance()
            return Node(.literal(.double(d)), span(t))
        case .string(let s):
            _ = advance()
            var text = s
            var end = t.end
            // adjacent string literals join, as in Python
            while case .string(let more) = current.kind {
                text += more
                end = advance().end
            }
            return Node(.literal(.string(text)), SourceSpan(source: source, start: t.start, end: end))
        case .fstring(let pieces):
            _ = advance()
            return Node(.fstring(try fstringParts(pieces)), span(t))
        case .name(let n):
            _ = advance()
            return Node(.name(n), span(t))
        case .keyword(.true):
            _ = advance()
            return Node(.literal(.bool(true)), span(t))
        case .keyword(.false):
            _ = advance()
            return Node(.literal(.bool(false)), span(t))
        case .keyword(.none):
            _ = advance()
            return Node(.literal(.none), span(t))
        case .keyword(.fn):
            _ = advance()
            let decl = try functionRest(name: "<anonymous>", start: t.start)
            return Node(.function(decl), span(from: t.start))
        case .keyword(.if):
            return try ifExpression()
        case .op("("):
            return try parenthesized()
        case .op("["):
            _ = advance()
            ignoreNewlines.append(true)
            var items: [Node] = []
            while !isOp("]") {
                items.append(try expression())
                if items.count == 1, isKeyword(.for) {
                    let clauses = try comprehensionClauses()
                    try close("]", "\"]\" to close the list comprehension", opened: t)
                    ignoreNewlines.removeLast()
                    return Node(.listComprehension(items[0], clauses), span(from: t.start))
                }
                if !accept(",") { break }
            }
            try close("]", "\"]\" to close the list", opened: t)
            ignoreNewlines.removeLast()
            return Node(.list(items), span(from: t.start))
        case .op("{"):
            return try dictLiteral()
        case .eof:
            throw error("unexpected end of input")
        case .keyword(let k):
            throw error("expected an expression, found \"\(k.rawValue)\"")
        default:
            throw error("expected an expression, found \(describe(t))")
        }
    }

    /// if -> 'if' expr block [ 'else' ( if | block ) ]
    mutating func ifExpression() throws -> Node {
        let start = advance().start
        let condition = try expression()
        if isOp("=") {
            throw error("\"=\" assigns; to compare, use \"==\"")
        }
        let then = try block()
        var otherwise: Node? = nil
        // `else` may sit on the next line after the closing brace.
        var look = index
        while tokens[look].kind == .newline { look += 1 }
        if tokens[look].kind == .keyword(.else) {
            index = look
            _ = advance()
            if isKeyword(.if) {
                try chainStep()
                defer { nesting -= 1 }
                otherwise = try ifExpression()
            } else {
                otherwise = try block()
            }
        } else if case .name("elif") = tokens[look].kind {
            throw error("\"elif\" is Python; Quire says \"else if\"", at: tokens[look])
        }
        return Node(.ifElse(condition, then, otherwise), span(from: start))
    }

    /// parens -> '(' ')' | '(' expr ')' | '(' expr ',' [exprs] ')'
    mutating func parenthesized() throws -> Node {
        let open = advance()
        ignoreNewlines.append(true)
        defer { ignoreNewlines.removeLast() }
        if accept(")") { return Node(.tuple([]), span(from: open.start)) }
        let first = try expression()
        if accept(")") { return first }
        var items = [first]
        while accept(",") {
            if isOp(")") { break }
            items.append(try expression())
        }
        try close(")", "\")\" to close the parenthesis", opened: open)
        return Node(.tuple(items), span(from: open.start))
    }

    /// dict -> '{' [ expr ':' expr { ',' expr ':' expr } [','] ] '}'
    mutating func dictLiteral() throws -> Node {
        let open = advance()
        ignoreNewlines.append(true)
        var pairs: [(Node, Node)] = []
        while !isOp("}") {
            let key = try expression()
            _ = try expect(":", "\":\" after the dict key")
            pairs.append((key, try expression()))
            if pairs.count == 1, isKeyword(.for) {
                let clauses = try comprehensionClauses()
                try close("}", "\"}\" to close the dict comprehension", opened: open)
                ignoreNewlines.removeLast()
                return Node(.dictComprehension(pairs[0].0, pairs[0].1, clauses), span(from: open.start))
            }
            if !accept(",") { break }
        }
        try close("}", "\"}\" to close the dict", opened: open)
        ignoreNewlines.removeLast()
        return Node(.dict(pairs), span(from: open.start))
    }

    func fstringParts(_ pieces: [FStringPiece]) throws -> [FPart] {
        try pieces.map { piece in
            switch piece {
            case .text(let s): return .text(s)
            case .expression(let start, let end, let conversion, let spec):
                var lexer = Lexer(source: source, start: start, end: end)
                var sub = Parser(source: source, tokens: try lexer.tokenize())
                sub.ignoreNewlines = [true]
                // The expression counts against the depth budget of the f-string around it.
                sub.nesting = nesting
                let node = try sub.expression()
                guard sub.current.kind == .eof else {
                    throw sub.error("unexpected \(sub.describe(sub.current)) in an f-string expression")
                }
                return .expression(node, conversion: conversion, spec: spec)
            }
        }
    }

    /// clauses -> 'for' names 'in' or_expr { 'for' names 'in' or_expr | 'if' or_expr }
    mutating func comprehensionClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while true {
            if acceptKeyword(.for) {
                var targets: [Target] = []
                repeat {
                    guard case .name(let n) = current.kind else { throw error("expected a name after for") }
                    let t = advance()
                    targets.append(.name(n, span(t)))
                } while accept(",")
                guard acceptKeyword(.in) else { throw error("expected \"in\" in the comprehension", hint: "[x * 2 for x in xs]") }
                let iterable = try orExpr()
                let target: Target = targets.count == 1 ? targets[0] : .tuple(targets, targets[0].span.through(targets.last!.span))
                clauses.append(.forIn(target, iterable))
            } else if acceptKeyword(.if) {
                clauses.append(.condition(try orExpr()))
            } else {
                return clauses
            }
        }
    }
}
