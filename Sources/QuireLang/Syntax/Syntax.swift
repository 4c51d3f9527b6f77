/// A node of the syntax tree. Statements are nodes too: a block's value is its last expression.
final class Node {
    let kind: Kind
    let span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    indirect enum Kind {
        case literal(Value)
        case fstring([FPart])
        case name(String)
        case list([Node])
        /// `[x * 2 for x in xs if x > 0]`
        case listComprehension(Node, [ComprehensionClause])
        /// `{k: v for k, v in pairs}`
        case dictComprehension(Node, Node, [ComprehensionClause])
        case tuple([Node])
        case dict([(Node, Node)])
        case unary(UnaryOperator, Node)
        case binary(BinaryOperator, Node, Node)
        /// `a < b <= c`: Python's chained comparison; `not in` is `.notIn`.
        case compare([CompareOp], [Node])
        case and(Node, Node)
        case or(Node, Node)
        case call(Node, [Argument])
        case index(Node, [IndexItem])
        case member(Node, String, SourceSpan)
        case function(FunctionDecl)
        case ifElse(Node, Node, Node?)
        case block([Node])

        // statements
        case assign(Target, Node)
        case augmentedAssign(Target, BinaryOperator, Node)
        case functionDef(String, FunctionDecl)
        case forLoop(Target, Node, Node)
        case whileLoop(Node, Node)
        case breakLoop
        case continueLoop
        case returnValue(Node?)
        case global([String])
        case importFile(String)
        /// Python's `import pandas as pd, numpy as np`: the modules and their aliases. A library
        /// Quire has built in is accepted; its prefix then names Quire's builtins (docs/python.md).
        case pythonImport([PythonImportName])
        /// Python's `from sklearn.svm import SVC as S`: the module and the names imported.
        case pythonFromImport(String, [PythonImportName])
        case assert(Node, Node?)
        case pass
    }

    /// True for nodes whose value is shown when they end a cell or REPL line.
    var isExpression: Bool {
        switch kind {
        case .assign, .augmentedAssign, .functionDef, .forLoop, .whileLoop, .breakLoop, .continueLoop,
            .returnValue, .global, .importFile, .pythonImport, .pythonFromImport, .assert, .pass:
            false
        default: true
        }
    }
}

/// A name in a Python import line and the alias it is given: `numpy as np`, `SVC`.
struct PythonImportName {
    let name: String
    let alias: String?
    let span: SourceSpan
}

/// One `for ... in ...` or `if ...` of a comprehension.
enum ComprehensionClause {
    case forIn(Target, Node)
    case condition(Node)
}

enum CompareOp {
    case op(BinaryOperator)
    case notIn
}

enum FPart {
    case text(String)
    case expression(Node, conversion: Character?, spec: String?)
}

struct Argument {
    let name: String?
    let nameSpan: SourceSpan?
    let value: Node
    /// `*xs` spreads a list into positional arguments.
    let spread: Bool
}

enum IndexItem {
    case single(Node)
    case slice(Node?, Node?, Node?)
}

/// What an assignment writes to.
indirect enum Target {
    case name(String, SourceSpan)
    case index(Node, [IndexItem], SourceSpan)
    case member(Node, String, SourceSpan)
    case tuple([Target], SourceSpan)

    var span: SourceSpan {
        switch self {
        case .name(_, let s), .index(_, _, let s), .member(_, _, let s), .tuple(_, let s): s
        }
    }
}

struct ParameterDecl {
    let name: String
    let span: SourceSpan
    let defaultValue: Node?
}

final class FunctionDecl {
    let name: String
    let parameters: [ParameterDecl]
    let body: Node
    let span: SourceSpan

    init(name: String, parameters: [ParameterDecl], body: Node, span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
    }
}

/// A parsed program: its statements, and whether the last one ended with `;` (no display).
struct Program {
    let statements: [Node]
    let quietEnd: Bool
}

extension Node {
    /// The nodes directly inside this one, not looking into function bodies (they have their
    /// own scope).
    var children: [Node] {
        func items(_ index: [IndexItem]) -> [Node] {
            index.flatMap { item -> [Node] in
                switch item {
                case .single(let n): [n]
                case .slice(let a, let b, let c): [a, b, c].compactMap { $0 }
                }
            }
        }
        func clauseNodes(_ clauses: [ComprehensionClause]) -> [Node] {
            clauses.map {
                switch $0 {
                case .forIn(_, let n), .condition(let n): n
                }
            }
        }
        switch kind {
        case .literal, .name, .function, .functionDef, .breakLoop, .continueLoop, .global, .importFile, .pythonImport, .pythonFromImport, .pass: return []
        case .fstring(let parts): return parts.compactMap { if case .expression(let n, _, _) = $0 { n } else { nil } }
        case .list(let ns), .tuple(let ns), .block(let ns): return ns
        case .listComprehension(let e, let cs): return [e] + clauseNodes(cs)
        case .dictComprehension(let k, let v, let cs): return [k, v] + clauseNodes(cs)
        case .dict(let pairs): return pairs.flatMap { [$0.0, $0.1] }
        case .unary(_, let n): return [n]
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .whileLoop(let a, let b): return [a, b]
        case .compare(_, let ns): return ns
        case .call(let f, let args): return [f] + args.map(\.value)
        case .index(let o, let index): return [o] + items(index)
        case .member(let o, _, _): return [o]
        case .ifElse(let c, let t, let e): return [c, t] + (e.map { [$0] } ?? [])
        case .assign(_, let v), .augmentedAssign(_, _, let v): return [v]
        case .forLoop(_, let iterable, let body): return [iterable, body]
        case .returnValue(let v): return v.map { [$0] } ?? []
        case .assert(let c, let m): return [c] + (m.map { [$0] } ?? [])
        }
    }
}
