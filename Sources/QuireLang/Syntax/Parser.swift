/// Deeper nesting of brackets and blocks would overflow the native stack while parsing.
let maxExpressionNesting = 400

/// Longer chains of operations in one expression (`1 + 1 + ...`, `x.f().f()...`, `- - x`) make
/// a syntax tree as deep as the chain, which the compiler, the interpreter and the tree's
/// destruction all walk recursively: refused past this length, nesting included (one level of
/// brackets or blocks counts as `nestingCost` operations).
let maxExpressionLength = 10_000
let nestingCost = maxExpressionLength / maxExpressionNesting

/// A recursive-descent parser; each parse function starts with its grammar rule.
///
/// Newlines end statements, except inside `()`, `[]` and dict literals, where they are
/// skipped: `ignoreNewlines` holds one entry per open bracket or block.
struct Parser {
    let source: Source
    var tokens: [Token]
    var index = 0
    var ignoreNewlines: [Bool] = [false]
    var nesting = 0

    init(source: Source, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a whole program.
    static func parse(_ source: Source) throws -> Program {
        var lexer = Lexer(source: source)
        var parser = Parser(source: source, tokens: try lexer.tokenize())
        return try parser.program()
    }

    // MARK: tokens

    var current: Token { tokens[currentIndex] }

    /// The index of the current token (past newlines where they are ignored).
    var currentIndex: Int {
        var i = index
        if ignoreNewlines.last! {
            while tokens[i].kind == .newline { i += 1 }
        }
        return i
    }

    mutating func advance() -> Token {
        if ignoreNewlines.last! {
            while tokens[index].kind == .newline { index += 1 }
        }
        let t = tokens[index]
        if t.kind != .eof { index += 1 }
        return t
    }

    func isOp(_ o: String) -> Bool { current.kind == .op(o) }
    func isKeyword(_ k: Keyword) -> Bool { current.kind == .keyword(k) }

    mutating func accept(_ o: String) -> Bool {
        if isOp(o) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func acceptKeyword(_ k: Keyword) -> Bool {
        if isKeyword(k) {
            _ = advance()
            return true
        }
        return false
    }

    func span(_ t: Token) -> SourceSpan { SourceSpan(source: source, start: t.start, end: t.end) }
    func span(from start: Int) -> SourceSpan {
        let prev = index > 0 ? tokens[index - 1].end : start
        return SourceSpan(source: source, start: start, end: max(prev, start))
    }

    func error(_ message: String, at t: Token? = nil, hint: String? = nil) -> QuireError {
        let t = t ?? current
        return QuireError(t.kind == .eof ? .incompleteInput : .syntax, message, hint: hint, span: span(t))
    }

    mutating func expect(_ o: String, _ what: String, hint: String? = nil) throws -> Token {
        guard isOp(o) else {
            throw error("expected \(what), found \(describe(current))", hint: hint)
        }
        return advance()
    }

    /// Consumes the bracket `o` that closes `opened`. At the end of the input the error points at
    /// the bracket left open (the input is incomplete), not at the empty end.
    mutating func close(_ o: String, _ what: String, opened: Token) throws {
        if isOp(o) {
            _ = advance()
            return
        }
        guard current.kind == .eof else { throw error("expected \(what), found \(describe(current))") }
        var e = error(
            "expected \(what) opened at line \(span(opened).line), found the end of the input", at: opened,
            hint: "this \(describe(opened)) is never closed")
        e.kind = .incompleteInput
        throw e
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .name(let n): "the name \"\(n)\""
        case .keyword(let k): "\"\(k.rawValue)\""
        case .int, .float: "a number"
        case .string, .fstring: "a string"
        case .op(let o): "\"\(o)\""
        case .newline: "the end of the line"
        case .eof: "the end of the input"
        }
    }

    mutating func skipSeparators() {
        while true {
            if tokens[index].kind == .newline || tokens[index].kind == .op(";") {
                index += 1
            } else {
                return
            }
        }
    }

    // MARK: statements

    /// program -> { statement (NEWLINE | ';') } EOF
    mutating func program() throws -> Program {
        var statements: [Node] = []
        var quietEnd = false
        skipSeparators()
        while current.kind != .eof {
            statements.append(try statement())
            quietEnd = false
            if current.kind == .op(";") {
                quietEnd = true
            } else if current.kind != .newline && current.kind != .eof {
                throw unexpectedAfterStatement()
            }
            skipSeparators()
            if current.kind != .eof { quietEnd = false }
        }
        if let last = tokens.dropLast().last, last.kind == .op(";") { quietEnd = true }
        return Program(statements: statements, quietEnd: quietEnd)
    }

    func unexpectedAfterStatement() -> QuireError {
        let t = current
        if t.kind == .op(":") {
            return error("unexpected \":\"", hint: "Quire blocks use braces: if x > 3 { ... }")
        }
        if case .name = t.kind, case .name(let prev)? = index > 0 ? tokens[index - 1].kind : nil,
            ["def", "elif", "lambda", "print"].contains(prev) == false
        {
            return error("expected the end of the statement, found \(describe(t))", hint: "put one statement per line, or separate them with ;")
        }
        return error("expected the end of the statement, found \(describe(t))")
    }

    /// statement -> fndef | for | while | break | continue | return | global | import | assert
    ///            | target ('=' | op'=') expr | expr
    mutating func statement() throws -> Node {
        let t = current
        switch t.kind {
        case .keyword(.fn):
            if case .name = tokens[index + 1].kind { return try functionDefinition() }
        case .keyword(.for): return try forLoop()
        case .keyword(.while): return try whileLoop()
        case .keyword(.break):
            _ = advance()
            return Node(.breakLoop, span(t))
        case .keyword(.continue):
            _ = advance()
            return Node(.continueLoop, span(t))
        case .keyword(.return):
            _ = advance()
            if atStatementEnd { return Node(.returnValue(nil), span(t)) }
            let value = try expressionList()
            return Node(.returnValue(value), span(t).through(value.span))
        case .keyword(.global):
            _ = advance()
            var names: [String] = []
            repeat {
                guard case .name(let n) = current.kind else { throw error("expected a name after global") }
                _ = advance()
                names.append(n)
            } while accept(",")
            return Node(.global(names), span(from: t.start))
        case .keyword(.import):
            _ = advance()
            if case .name = current.kind { return try pythonImport(from: t) }
            guard case .string(let path) = current.kind else {
                throw error("expected a file name in quotes after import", hint: "import \"helpers.qr\"")
            }
            _ = advance()
            return Node(.importFile(path), span(from: t.start))
        case .keyword(.assert):
            _ = advance()
            let condition = try expression()
            var message: Node? = nil
            if accept(",") { message = try expression() }
            return Node(.assert(condition, message), span(from: t.start))
        case .name("from"):
            if case .name = tokens[index + 1].kind { return try pythonFromImport(from: t) }
        case .name(let n) where ["def", "elif", "lambda"].contains(n):
            let replacement = ["def": "fn", "elif": "else if", "lambda": "fn(x) { ... }"][n]!
            if n != "lambda" || true {
                let next = tokens[index + 1].kind
                if n == "def" || n == "lambda", case .name = next {
                    throw error("\"\(n)\" is Python; Quire says \"\(replacement)\"", at: t)
                }
                if n == "elif" { throw error("\"elif\" is Python; Quire says \"else if\"", at: t) }
            }
        default: break
        }
        let expr = try expressionList()
        if isOp("=") {
            let eq = advance()
            let target = try makeTarget(expr)
            let value = try assignmentValue()
            _ = eq
            return Node(.assign(target, value), expr.span.through(value.span))
        }
        if case .op(let o) = current.kind, o.count >= 2, o.hasSuffix("="), !["==", "!=", "<=", ">="].contains(o),
            let op = BinaryOperator(rawValue: String(o.dropLast()))
        {
            _ = advance()
            let target = try makeTarget(expr)
            if case .tuple = target { throw error("cannot use \(o) with several targets", at: tokens[index - 1]) }
            let value = try expression()
            return Node(.augmentedAssign(target, op, value), expr.span.through(value.span))
        }
        return expr
    }

    /// The right side of `=`; `a = b = 1` assigns both.
    mutating func assignmentValue() throws -> Node {
        let value = try expressionList()
        if isOp("=") {
            _ = advance()
            let target = try makeTarget(value)
            let inner = try assignmentValue()
            // a = (b = v): evaluate v once, assign b, then a.
            return Node(.block([Node(.assign(target, inner), value.span.through(inner.span)), targetRead(target)]), value.span)
        }
        return value
    }

    func targetRead(_ t: Target) -> Node {
        switch t {
        case .name(let n, let s): Node(.name(n), s)
        case .index(let obj, let items, let s): Node(.index(obj, items), s)
        case .member(let obj, let n, let s): Node(.member(obj, n, s), s)
        case .tuple(let ts, let s): Node(.tuple(ts.map(targetRead)), s)
        }
    }

    /// pythonImport -> 'import' dotted ('as' NAME)? (',' dotted ('as' NAME)?)*
    /// Python's import line: Quire accepts the libraries it has built in (docs/python.md).
    mutating func pythonImport(from start: Token) throws -> Node {
        var modules: [PythonImportName] = []
        repeat {
            let first = current
            let module = dottedName()
            guard !module.isEmpty else { throw error("expected a module name after import, found \(describe(current))") }
            let alias = try importAlias()
            modules.append(PythonImportName(name: module, alias: alias, span: span(from: first.start)))
        } while accept(",")
        guard atStatementEnd else {
            throw error("expected the end of the statement, found \(describe(current))", hint: "put one statement per line, or separate them with ;")
        }
        return Node(.pythonImport(modules), span(from: start.start))
    }

    /// pythonFromImport -> 'from' dotted 'import' ('(' names ')' | names | '*')
    /// names -> NAME ('as' NAME)? (',' NAME ('as' NAME)?)*
    mutating func pythonFromImport(from start: Token) throws -> Node {
        _ = advance()
        let module = dottedName()
        guard acceptKeyword(.import) else {
            throw error("expected the end of the statement, found \(describe(current))", hint: "put one statement per line, or separate them with ;")
        }
        var names: [PythonImportName] = []
        let parenthesised = accept("(")
        while true {
            if parenthesised { while current.kind == .newline { _ = advance() } }
            let first = current
            if accept("*") {
                names.append(PythonImportName(name: "*", alias: nil, span: span(from: first.start)))
            } else if case .name(let n) = current.kind {
                _ = advance()
                names.append(PythonImportName(name: n, alias: try importAlias(), span: span(from: first.start)))
            } else {
                break
            }
            if parenthesised { while current.kind == .newline { _ = advance() } }
            guard accept(",") else { break }
        }
        if parenthesised {
            while current.kind == .newline { _ = advance() }
            guard accept(")") else { throw error("expected ) to close the names imported, found \(describe(current))") }
        }
        guard !names.isEmpty else { throw error("expected a name after import, found \(describe(current))") }
        guard atStatementEnd else {
            throw error("expected the end of the statement, found \(describe(current))", hint: "put one statement per line, or separate them with ;")
        }
        return Node(.pythonFromImport(module, names), span(from: start.start))
    }

    /// `as NAME` after a name imported, if there.
    mutating func importAlias() throws -> String? {
        guard case .name("as") = current.kind else { return nil }
        _ = advance()
        guard case .name(let alias) = current.kind else { throw error("expected a name after as, found \(describe(current))") }
        _ = advance()
        return alias
    }

    /// dotted -> NAME ('.' NAME)*
    mutating func dottedName() -> String {
        var parts: [String] = []
        while case .name(let n) = current.kind {
            _ = advance()
            parts.append(n)
            guard accept(".") else { break }
        }
        return parts.joined(separator: ".")
    }

    var atStatementEnd: Bool {
        let k = tokens[index].kind
        return k == .newline || k == .eof || k == .op(";") || k == .op("}")
    }

    func makeTarget(_ node: Node) throws -> Target {
        switch node.kind {
        case .name(let n): return .name(n, node.span)
        case .index(let obj, let items): return .index(obj, items, node.span)
        case .member(let obj, let name, _): return .member(obj, name, node.span)
        case .tuple(let items), .list(let items): return .tuple(try items.map(makeTarget), node.span)
        case .compare:
            throw QuireError(.syntax, "cannot assign to a comparison", hint: "did you mean == ?", span: node.span)
        default:
            throw QuireError(.syntax, "cannot assign to this expression", hint: "the left side of = must be a name, an index like x[0], or a member like obj.name", span: node.span)
        }
    }

    /// fndef -> 'fn' NAME '(' params ')' block
    mutating func functionDefinition() throws -> Node {
        let fnToken = advance()
        guard case .name(let name) = current.kind else { throw error("expected a function name") }
        _ = advance()
        let decl = try functionRest(name: name, start: fnToken.start)
        return Node(.functionDef(name, decl), span(from: fnToken.start))
    }

    /// params -> [ NAME ['=' expr] { ',' NAME ['=' expr] } ] ;  then block
    mutating func functionRest(name: String, start: Int) throws -> FunctionDecl {
        let open = try expect("(", "\"(\" to start the parameters", hint: "fn name(a, b) { ... }")
        ignoreNewlines.append(true)
        var params: [ParameterDecl] = []
        var seenDefault = false
        while !isOp(")") {
            guard case .name(let p) = current.kind else {
                throw error("expected a parameter name, found \(describe(current))")
            }
            let pt = advance()
            if params.contains(where: { $0.name == p }) { throw error("duplicate parameter \"\(p)\"", at: pt) }
            var dflt: Node? = nil
            if accept("=") {
                dflt = try expression()
                seenDefault = true
            } else if seenDefault {
                throw error("a parameter without a default cannot follow one with a default", at: pt)
            }
            params.append(ParameterDecl(name: p, span: span(pt), defaultValue: dflt))
            if !accept(",") { break }
        }
        try close(")", "\")\" to close the parameters", opened: open)
        ignoreNewlines.removeLast()
        let body = try block()
        return FunctionDecl(name: name, parameters: params, body: body, span: span(from: start))
    }

    /// block -> '{' { statement (NEWLINE | ';') } '}'
    mutating func block() throws -> Node {
        guard isOp("{") else {
            if isOp(":") { throw error("expected \"{\"", hint: "Quire blocks use braces, not a colon: { ... }") }
            throw error("expected \"{\" to start a block, found \(describe(current))")
        }
        let open = advance()
        try enterNested()
        defer { nesting -= nestingCost }
        ignoreNewlines.append(false)
        defer { ignoreNewlines.removeLast() }
        var statements: [Node] = []
        skipSeparators()
        while !isOp("}") {
            if current.kind == .eof {
                var e = error("expected \"}\" to close the block opened at line \(span(open).line)", at: open, hint: "this block is never closed")
                e.kind = .incompleteInput
                throw e
            }
            statements.append(try statement())
            if !(current.kind == .newline || current.kind == .op(";") || isOp("}")) {
                throw unexpectedAfterStatement()
            }
            skipSeparators()
        }
        _ = advance()
        return Node(.block(statements), span(from: open.start))
    }

    /// for -> 'for' targets 'in' expr block
    mutating func forLoop() throws -> Node {
        let start = advance().start
        var targets: [Target] = []
        repeat {
            guard case .name(let n) = current.kind else { throw error("expected a loop variable name after for") }
            let t = advance()
            targets.append(.name(n, span(t)))
        } while accept(",")
        guard acceptKeyword(.in) else { throw error("expected \"in\" after the loop variable", hint: "for x in xs { ... }") }
        let iterable = try expression()
        let body = try block()
        let target: Target = targets.count == 1 ? targets[0] : .tuple(targets, targets[0].span.through(targets.last!.span))
        return Node(.forLoop(target, iterable, body), span(from: start))
    }

    /// while -> 'while' expr block
    mutating func whileLoop() throws -> Node {
        let start = advance().start
        let condition = try expression()
        let body = try block()
        return Node(.whileLoop(condition, body), span(from: start))
    }

    // MARK: expressions

    /// exprlist -> expr { ',' expr } [','] : several make a tuple
    mutating func expressionList() throws -> Node {
        let first = try expression()
        guard isOp(",") else { return first }
        var items = [first]
        while accept(",") {
            if atStatementEnd || isOp("=") { break }
            items.append(try expression())
        }
        return Node(.tuple(items), first.span.through(items.last!.span))
    }

    /// expr -> or
    mutating func expression() throws -> Node {
        try enterNested()
        defer { nesting -= nestingCost }
        return try orExpr()
    }

    /// Counts one level of bracket or block nesting against the depth budget (undo with
    /// `nesting -= nestingCost`).
    mutating func enterNested() throws {
        if nesting + nestingCost > maxExpressionLength {
            throw error(
                "expressions are nested too deeply (more than \(maxExpressionNesting) levels of brackets or blocks)",
                hint: "split the expression into several statements")
        }
        nesting += nestingCost
    }

    /// Counts one more operation of a chain against the depth budget; the caller undoes its
    /// steps (`nesting -= steps`) when the chain ends.
    mutating func chainStep() throws {
        if nesting + 1 > maxExpressionLength {
            throw error(
                "this expression is too long: more than \(maxExpressionLength) operations chained or nested in one expression",
                hint: "split it into several statements, or build the value in a loop")
        }
        nesting += 1
    }

    /// or -> and { 'or' and }
    mutating func orExpr() throws -> Node {
        var left = try andExpr()
        let outer = nesting
        defer { nesting = outer }
        while acceptKeyword(.or) {
            try chainStep()
            let right = try andExpr()
            left = Node(.or(left, right), left.span.through(right.span))
        }
        return left
    }

    /// and -> not { 'and' not }
    mutating func andExpr() throws -> Node {
        var left = try notExpr()
        let outer = nesting
        defer { nesting = outer }
        while acceptKeyword(.and) {
            try chainStep()
            let right = try notExpr()
            left = Node(.and(left, right), left.span.through(right.span))
        }
        return left
    }

    /// not -> 'not' not | comparison
    mutating func notExpr() throws -> Node {
        if isKeyword(.not) {
            let t = advance()
            try chainStep()
            defer { nesting -= 1 }
            let operand = try notExpr()
            return Node(.unary(.not, operand), span(t).through(operand.span))
        }
        return try comparison()
    }

    /// comparison -> bitor { ('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not' 'in') bitor }
    mutating func comparison() throws -> Node {
        let first = try bitOr()
        var ops: [CompareOp] = []
        var operands = [first]
        while true {
            var op: CompareOp
            if case .op(let o) = current.kind, let b = BinaryOperator(rawValue: o),
                [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(b)
            {
                op = .op(b)
                _ = advance()
            } else if isKeyword(.in) {
                op = .op(.contains)
                _ = advance()
            } else if isKeyword(.not), tokens[index + 1].kind == .keyword(.in) {
                _ = advance()
                _ = advance()
                op = .notIn
            } else {
                break
            }
            ops.append(op)
            operands.append(try bitOr())
        }
        if ops.isEmpty { return first }
        return Node(.compare(ops, operands), first.span.through(operands.last!.span))
    }

    /// bitor -> bitand { '|' bitand } ;  bitand -> sum { '&' sum }
    mutating func bitOr() throws -> Node {
        var left = try bitAnd()
        let outer = nesting
        defer { nesting = outer }
        while isOp("|") {
            try chainStep()
            _ = advance()
            let right = try bitAnd()
            left = Node(.binary(.bitOr, left, right), left.span.through(right.span))
        }
        return left
    }

    mutating func bitAnd() throws -> Node {
        var left = try sum()
        let outer = nesting
        defer { nesting = outer }
        while isOp("&") {
            try chainStep()
            _ = advance()
            let right = try sum()
            left = Node(.binary(.bitAnd, left, right), left.span.through(right.span))
        }
        return left
    }

    /// sum -> term { ('+' | '-') term }
    mutating func sum() throws -> Node {
        var left = try term()
        let outer = nesting
        defer { nesting = outer }
        while isOp("+") || isOp("-") {
            try chainStep()
            let op: BinaryOperator = advance().kind == .op("+") ? .add : .subtract
            let right = try term()
            left = Node(.binary(op, left, right), left.span.through(right.span))
        }
        return left
    }

    /// term -> unary { ('*' | '/' | '//' | '%') unary }
    mutating func term() throws -> Node {
        var left = try unary()
        let outer = nesting
        defer { nesting = outer }
        while true {
            let op: BinaryOperator
            if isOp("*") { op = .multiply } else if isOp("/") { op = .divide } else if isOp("//") { op = .floorDivide } else if isOp("%") { op = .modulo } else { return left }
            _ = advance()
            try chainStep()
            let right = try unary()
            left = Node(.binary(op, left, right), left.span.through(right.span))
        }
    }

    /// unary -> ('-' | '+') unary | power
    mutating func unary() throws -> Node {
        if isOp("-") || isOp("+") {
            let t = advance()
            try chainStep()
            defer { nesting -= 1 }
            let operand = try unary()
            if t.kind == .op("-"), case .literal(let v) = operand.kind {
                if case .int(let i) = v { return Node(.literal(.int(-i)), span(t).through(operand.span)) }
                if case .double(let d) = v { return Node(.literal(.double(-d)), span(t).through(operand.span)) }
            }
            return Node(.unary(t.kind == .op("-") ? .negate : .plus, operand), span(t).through(operand.span))
        }
        return try power()
    }

    /// power -> postfix [ '**' unary ]
    mutating func power() throws -> Node {
        let base = try postfix()
        if isOp("**") {
            _ = advance()
            try chainStep()
            defer { nesting -= 1 }
            let exponent = try unary()
            return Node(.binary(.power, base, exponent), base.span.through(exponent.span))
        }
        return base
    }
}
