/// The kinds of token the lexer produces.
enum TokenKind: Equatable {
    case name(String)
    case keyword(Keyword)
    case int(Int)
    case float(Double)
    case string(String)
    /// An f-string: its literal pieces and the byte ranges of its `{...}` expressions.
    case fstring([FStringPiece])
    case op(String)
    case newline
    case eof
}

enum Keyword: String, CaseIterable {
    case fn, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case `true`, `false`, none, and, or, not, global, `import`, assert
}

/// A piece of an f-string: text, or an expression with an optional `!r` and format spec.
enum FStringPiece: Equatable {
    case text(String)
    case expression(start: Int, end: Int, conversion: Character?, spec: String?)
}

struct Token {
    let kind: TokenKind
    let start: Int
    let end: Int
    /// True when a newline came right before this token (used for error hints).
    var afterNewline = false
}
