import QuireSupport
/// Turns program text into tokens. Works on UTF-8 bytes; names may contain any non-ASCII letter.
struct Lexer {
    let source: Source
    private let bytes: [UInt8]
    private var pos: Int
    private let end: Int

    init(source: Source, start: Int = 0, end: Int? = nil) {
        self.source = source
        self.bytes = source.utf8
        self.pos = start
        self.end = end ?? source.utf8.count
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < end ? bytes[i] : 0
    }

    private func error(_ message: String, _ start: Int, _ stop: Int, hint: String? = nil, atEnd: Bool = false) -> QuireError {
        QuireError(atEnd ? .incompleteInput : .syntax, message, hint: hint, span: SourceSpan(source: source, start: start, end: stop))
    }

    /// All tokens, ending with `.eof`.
    mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        var sawNewline = false
        while true {
            let token = try next()
            if token.kind == .newline {
                sawNewline = true
                if let last = tokens.last, last.kind == .newline { continue }
            }
            var t = token
            t.afterNewline = sawNewline && token.kind != .newline
            if token.kind != .newline { sawNewline = false }
            tokens.append(t)
            if token.kind == .eof { return tokens }
            // A huge program takes a while to read: Ctrl-C and a cell's time limit stop that too.
            if tokens.count & 0x3FF == 0 { try Cancellation.check() }
        }
    }

    private mutating func skipSpaceAndComments() {
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                pos += 1
            } else if c == UInt8(ascii: "\\") && peek(1) == UInt8(ascii: "\n") {
                pos += 2  // an explicit line continuation
            } else if c == UInt8(ascii: "#") {
                while pos < end && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
            } else {
                return
            }
        }
    }

    private mutating func next() throws -> Token {
        skipSpaceAndComments()
        let start = pos
        guard pos < end else { return Token(kind: .eof, start: end, end: end) }
        let c = bytes[pos]
        if c == UInt8(ascii: "\n") {
            pos += 1
            return Token(kind: .newline, start: start, end: pos)
        }
        if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek(1))) { return try number() }
        if c == UInt8(ascii: "f") && (peek(1) == UInt8(ascii: "\"") || peek(1) == UInt8(ascii: "'")) {
            pos += 1
            return try string(start: start, formatted: true)
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return try string(start: start, formatted: false) }
        if isNameStart(c) {
            while pos < end && isNameContinue(bytes[pos]) { pos += 1 }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            if let k = Keyword(rawValue: text) { return Token(kind: .keyword(k), start: start, end: pos) }
            return Token(kind: .name(text), start: start, end: pos)
        }
        return try op(start)
    }

    /// An operator: the longest of `//=` `**=`, then the two-character ones (`==` `!=` `<=` `>=`
    /// `//` `**` `+=` `-=` `*=` `/=` `%=` `->`), then one character of `+-*/%<>=()[]{},:;.&|`.
    private mutating func op(_ start: Int) throws -> Token {
        let length = Lexer.operatorLength(bytes[pos], peek(1), peek(2))
        if length > 0 {
            pos += length
            return Token(kind: .op(String(decoding: bytes[start..<pos], as: UTF8.self)), start: start, end: pos)
        }
        // Report the whole character, even when it is several bytes long.
        var stop = pos + 1
        while stop < end && (bytes[stop] & 0xC0) == 0x80 { stop += 1 }
        let ch = String(decoding: bytes[pos..<stop], as: UTF8.self)
        var hint: String? = nil
        if ch == "!" { hint = "use `not` for negation and `!=` for inequality" }
        if ch == "“" || ch == "”" { hint = "use straight quotes \" for strings" }
        throw error("unexpected character \(ch.debugDescription)", start, stop, hint: hint)
    }

    /// The length of the operator starting with bytes c, d, e (0 past the end), or 0 when c
    /// starts none.
    private static func operatorLength(_ c: UInt8, _ d: UInt8, _ e: UInt8) -> Int {
        let equals = UInt8(ascii: "=")
        switch c {
        case UInt8(ascii: "/"), UInt8(ascii: "*"):
            if d == c { return e == equals ? 3 : 2 }
            return d == equals ? 2 : 1
        case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"), UInt8(ascii: "%"):
            return d == equals ? 2 : 1
        case UInt8(ascii: "!"):
            return d == equals ? 2 : 0
        case UInt8(ascii: "-"):
            return d == equals || d == UInt8(ascii: ">") ? 2 : 1
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return 1
        default:
            return 0
        }
    }

    private mutating func number() throws -> Token {
        let start = pos
        var isFloat = false
        if peek() == UInt8(ascii: "0") && (peek(1) | 0x20) == UInt8(ascii: "x") {
            pos += 2
            while pos < end && (isHexDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) { pos += 1 }
            let text = String(decoding: bytes[start + 2..<pos], as: UTF8.self).replacingOccurrences("_", "")
            guard let v = Int(text, radix: 16) else { throw error("invalid hexadecimal number", start, pos) }
            return Token(kind: .int(v), start: start, end: pos)
        }
        while pos < end && (isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) { pos += 1 }
        if peek() == UInt8(ascii: ".") && isDigit(peek(1)) || (peek() == UInt8(ascii: ".") && !isNameStart(peek(1)) && peek(1) != UInt8(ascii: ".")) {
            isFloat = true
            pos += 1
            while pos < end && (isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_")) { pos += 1 }
        }
        if (peek() | 0x20) == UInt8(ascii: "e") {
            let save = pos
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            if isDigit(peek()) {
                isFloat = true
                while pos < end && isDigit(bytes[pos]) { pos += 1 }
            } else {
                pos = save
            }
        }
        if pos < end && isNameStart(bytes[pos]) {
            var stop = pos
            while stop < end && isNameContinue(bytes[stop]) { stop += 1 }
            throw error("invalid number", start, stop, hint: "a name cannot start with a digit")
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self).replacingOccurrences("_", "")
        if isFloat {
            guard let d = Double(text) else { throw error("invalid number", start, pos) }
            return Token(kind: .float(d), start: start, end: pos)
        }
        guard let v = Int(text) else {
            throw error("integer literal is too large", start, pos, hint: "integers are 64-bit; write it as a float, e.g. \(text).0")
        }
        return Token(kind: .int(v), start: start, end: pos)
    }

    private mutating func string(start: Int, formatted: Bool) throws -> Token {
        let quote = bytes[pos]
        var triple = false
        if peek(1) == quote && peek(2) == quote {
            triple = true
            pos += 3
        } else {
            pos += 1
        }
        var text: [UInt8] = []
        var pieces: [FStringPiece] = []
        func flushText() {
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
            text = []
        }
        while true {
            guard pos < end else {
                throw error("unterminated string", start, end, hint: "close it with \(triple ? "three " : "")\(Character(UnicodeScalar(quote)))", atEnd: true)
            }
            let c = bytes[pos]
            if c == quote {
                if !triple {
                    pos += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    pos += 3
                    break
                }
            }
            if c == UInt8(ascii: "\n") && !triple {
                throw error("unterminated string", start, pos, hint: "a string ends on the line it starts; use \"\"\" for text over several lines, or \\n")
            }
            if c == UInt8(ascii: "\\") {
                pos += 1
                let e = peek()
                pos += 1
                switch e {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "0"): text.append(0)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    text.append(e)
                case UInt8(ascii: "\n"): break
                default:
                    text.append(UInt8(ascii: "\\"))
                    text.append(e)
                }
                continue
            }
            if formatted && c == UInt8(ascii: "{") {
                if peek(1) == UInt8(ascii: "{") {
                    text.append(c)
                    pos += 2
                    continue
                }
                flushText()
                pieces.append(try formatField(stringStart: start))
                continue
            }
            if formatted && c == UInt8(ascii: "}") {
                if peek(1) == UInt8(ascii: "}") {
                    text.append(c)
                    pos += 2
                    continue
                }
                throw error("a single \"}\" in an f-string", pos, pos + 1, hint: "write }} for a literal brace")
            }
            text.append(c)
            pos += 1
        }
        if formatted {
            flushText()
            return Token(kind: .fstring(pieces), start: start, end: pos)
        }
        return Token(kind: .string(String(decoding: text, as: UTF8.self)), start: start, end: pos)
    }

    /// `{expr}`, `{expr:spec}`, `{expr!r}` inside an f-string; `pos` is at the `{`.
    private mutating func formatField(stringStart: Int) throws -> FStringPiece {
        let open = pos
        pos += 1
        let exprStart = pos
        var depth = 0
        var exprEnd = -1
        var conversion: Character? = nil
        var spec: String? = nil
        while pos < end {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // a string inside the expression
                let q = c
                pos += 1
                while pos < end && bytes[pos] != q && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
                pos += 1
                continue
            }
            if c == UInt8(ascii: "\n") { break }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { depth -= 1 }
            if c == UInt8(ascii: "}") {
                if depth == 0 {
                    if exprEnd < 0 { exprEnd = pos }
                    pos += 1
                    if exprEnd == exprStart {
                        throw error("empty expression in an f-string", open, pos, hint: "put a name or expression between the braces")
                    }
                    return .expression(start: exprStart, end: exprEnd, conversion: conversion, spec: spec)
                }
                depth -= 1
            }
            if depth == 0 && c == UInt8(ascii: "!") && peek(1) != UInt8(ascii: "=") && exprEnd < 0 {
                exprEnd = pos
                conversion = Character(UnicodeScalar(peek(1)))
                pos += 2
                continue
            }
            if depth == 0 && c == UInt8(ascii: ":") && spec == nil {
                if exprEnd < 0 { exprEnd = pos }
                pos += 1
                let specStart = pos
                while pos < end && bytes[pos] != UInt8(ascii: "}") && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
                spec = String(decoding: bytes[specStart..<pos], as: UTF8.self)
                continue
            }
            pos += 1
        }
        throw error("unclosed \"{\" in an f-string", open, open + 1, hint: "close the expression with }")
    }
}

/// Marks a syntax error that happened at the end of the input: the REPL keeps reading.

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
private func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f")) }
private func isNameStart(_ c: UInt8) -> Bool {
    (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || c == UInt8(ascii: "_") || c >= 0x80
}
private func isNameContinue(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
