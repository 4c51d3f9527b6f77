import QuireLang

/// Tab completion: names, `obj.` members, `df["` columns and keyword arguments inside calls.
///
/// It reads the interpreter's variables and builtin registry but never runs Quire code, so a
/// tab press cannot change the session.
public enum Completer {
    /// What a tab inserts at the start of a line (or after only spaces): indentation, as in Python.
    public static let indentation = "    "

    /// The reserved words of the language, offered with the names.
    static let keywords = [
        "and", "assert", "break", "continue", "else", "false", "fn", "for", "global", "if", "import",
        "in", "none", "not", "or", "return", "true", "while",
    ]

    /// The completion at `cursor` (a count of characters from the start of `line`). `line` may
    /// hold earlier lines of a multi-line input, separated by newlines.
    public static func complete(line: String, cursor: Int, interpreter: Interpreter) -> Completion {
        let chars = Array(line.prefix(cursor))
        let scan = LexicalScan(chars)
        switch scan.state {
        case .comment:
            return Completion()
        case .string(let quote, let start):
            if let open = scan.brackets.last, open.character == "(",
                let choices = argumentChoices(chars, quoteAt: start, quote: quote, paren: open.index, interpreter)
            {
                return choices
            }
            return subscriptKeys(chars, quoteAt: start, quote: quote, interpreter)
        case .code:
            break
        }
        var wordStart = chars.count
        while wordStart > 0 && isNameCharacter(chars[wordStart - 1]) { wordStart -= 1 }
        let word = String(chars[wordStart...])
        if word.first?.isNumber == true { return Completion() }
        let lineStart = chars[..<wordStart].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        if word.isEmpty && chars[lineStart..<wordStart].allSatisfy({ $0 == " " || $0 == "\t" }) {
            return Completion(candidates: [indentation])
        }
        if wordStart > 0 && chars[wordStart - 1] == "." {
            return members(chars, dotAt: wordStart - 1, word: word, interpreter)
        }
        var candidates: [String] = []
        if let open = scan.brackets.last, open.character == "(", isArgumentStart(chars, wordStart, paren: open.index) {
            candidates += keywordArguments(chars, paren: open.index, word: word, interpreter)
        }
        candidates += names(startingWith: word, interpreter)
        return Completion(word: word, candidates: candidates)
    }

    /// Globals, builtin functions and keywords that start with `word`, sorted.
    static func names(startingWith word: String, _ interpreter: Interpreter) -> [String] {
        let all = Set(interpreter.globalNames + interpreter.registry.functions.keys + keywords)
        return all.filter { $0.hasPrefix(word) }.sorted()
    }

    /// `obj.wo|`: the members and methods of the value of `obj`, or the methods of a string literal.
    static func members(_ chars: [Character], dotAt dot: Int, word: String, _ interpreter: Interpreter) -> Completion {
        let names: [String]
        if dot > 0, chars[dot - 1] == "\"" || chars[dot - 1] == "'" {
            names = interpreter.registry.methodNames(on: "str")
        } else if let parts = nameChain(chars, endingAt: dot), let value = value(of: parts, interpreter) {
            names = memberNames(of: value, interpreter.registry)
        } else {
            return Completion(word: word)
        }
        return Completion(word: word, candidates: Set(names).filter { $0.hasPrefix(word) }.sorted())
    }

    /// `df["pa|`: the column names of a native object, or the string keys of a dict, in their order.
    static func subscriptKeys(_ chars: [Character], quoteAt quote: Int, quote mark: Character, _ interpreter: Interpreter) -> Completion {
        let word = String(chars[(quote + 1)...])
        guard quote > 0, chars[quote - 1] == "[", let parts = nameChain(chars, endingAt: quote - 1),
            let value = value(of: parts, interpreter)
        else { return Completion(word: word) }
        let keys: [String]
        switch value {
        case .object(let object): keys = object.memberNames
        case .dict(let dict): keys = dict.keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: keys = []
        }
        var seen = Set<String>()
        let candidates = keys.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
        return Completion(word: word, candidates: candidates, closing: "\(mark)]")
    }

    /// `svc(kernel="li|`: the declared choices of the parameter, closed with the quote; nil when
    /// the string is not a keyword argument of a builtin.
    static func argumentChoices(
        _ chars: [Character], quoteAt quote: Int, quote mark: Character, paren: Int, _ interpreter: Interpreter
    ) -> Completion? {
        var end = quote
        while end > paren + 1 && chars[end - 1] == " " { end -= 1 }
        guard end > paren + 1, chars[end - 1] == "=" else { return nil }
        end -= 1
        while end > paren + 1 && chars[end - 1] == " " { end -= 1 }
        var start = end
        while start > paren + 1 && isNameCharacter(chars[start - 1]) { start -= 1 }
        let name = String(chars[start..<end])
        guard let parts = nameChain(chars, endingAt: paren), let builtin = builtin(ofCallee: parts, interpreter),
            let parameter = builtin.parameters.first(where: { $0.name == name }), !parameter.choices.isEmpty
        else { return nil }
        let word = String(chars[(quote + 1)...])
        return Completion(word: word, candidates: parameter.choices.filter { $0.hasPrefix(word) }, closing: String(mark))
    }

    /// The builtin named by `parts` (`svc`, `img.resize`), if it is one.
    static func builtin(ofCallee parts: [String], _ interpreter: Interpreter) -> Builtin? {
        if parts.count == 1 {
            if case .builtin(let bound)? = interpreter.global(parts[0]) { return bound.builtin }
            return interpreter.global(parts[0]) == nil ? interpreter.registry.functions[parts[0]] : nil
        }
        guard let receiver = value(of: Array(parts.dropLast()), interpreter) else { return nil }
        return interpreter.registry.method(parts[parts.count - 1], on: receiver.typeName)
    }

    /// `f(a, te|`: the parameters of `f` not yet given, written `name=`.
    static func keywordArguments(_ chars: [Character], paren: Int, word: String, _ interpreter: Interpreter) -> [String] {
        guard let parts = nameChain(chars, endingAt: paren), !followsFnKeyword(chars, chainEnd: paren, parts),
            let parameters = parameterNames(ofCallee: parts, interpreter)
        else { return [] }
        let given = keywordsGiven(chars[(paren + 1)...])
        return parameters.filter { $0.hasPrefix(word) && !given.contains($0) }.map { $0 + "=" }
    }

    /// The parameter names of the function named by `parts` (`f`, `obj.method`), if known.
    static func parameterNames(ofCallee parts: [String], _ interpreter: Interpreter) -> [String]? {
        let registry = interpreter.registry
        if parts.count == 1 {
            if let value = interpreter.global(parts[0]) { return parameterNames(of: value, interpreter) }
            return registry.functions[parts[0]].map(namedParameters)
        }
        guard let receiver = value(of: Array(parts.dropLast()), interpreter) else { return nil }
        let name = parts[parts.count - 1]
        if let method = registry.method(name, on: receiver.typeName) { return namedParameters(method) }
        return member(name, of: receiver, interpreter).flatMap { parameterNames(of: $0, interpreter) }
    }

    static func parameterNames(of value: Value, _ interpreter: Interpreter) -> [String]? {
        if case .builtin(let bound) = value { return namedParameters(bound.builtin) }
        return interpreter.parameterNames(of: value)
    }

    /// The parameters that can be given by name (not `*rest` or `**options`).
    static func namedParameters(_ builtin: Builtin) -> [String] {
        builtin.parameters.compactMap { parameter in
            switch parameter.kind {
            case .required, .optional: parameter.name
            case .variadic, .keywords: nil
            }
        }
    }

    /// The names already given as `name=` in the arguments typed so far.
    static func keywordsGiven(_ arguments: ArraySlice<Character>) -> Set<String> {
        let chars = Array(arguments)
        var given = Set<String>()
        for i in chars.indices where chars[i] == "=" {
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            let previous = i > 0 ? chars[i - 1] : " "
            guard next != "=", !"=!<>".contains(previous) else { continue }
            var end = i
            while end > 0 && chars[end - 1] == " " { end -= 1 }
            var start = end
            while start > 0 && isNameCharacter(chars[start - 1]) { start -= 1 }
            if start < end { given.insert(String(chars[start..<end])) }
        }
        return given
    }

    /// True when `fn name(` is a definition, whose parentheses hold parameters, not arguments.
    static func followsFnKeyword(_ chars: [Character], chainEnd: Int, _ parts: [String]) -> Bool {
        var i = chainEnd - parts.joined(separator: ".").count
        while i > 0 && chars[i - 1] == " " { i -= 1 }
        return i >= 2 && chars[i - 2] == "f" && chars[i - 1] == "n" && (i == 2 || !isNameCharacter(chars[i - 3]))
    }

    /// True when the word at `wordStart` begins an argument of the call opened at `paren`.
    static func isArgumentStart(_ chars: [Character], _ wordStart: Int, paren: Int) -> Bool {
        var i = wordStart
        while i > paren + 1 && (chars[i - 1] == " " || chars[i - 1] == "\n" || chars[i - 1] == "\t") { i -= 1 }
        return i == paren + 1 || chars[i - 1] == ","
    }

    /// The dotted names (`df`, `data.train`) that end at `end`, or nil when what precedes is not
    /// a plain name chain (a call, an index, a literal), which completion cannot evaluate.
    static func nameChain(_ chars: [Character], endingAt end: Int) -> [String]? {
        var start = end
        while start > 0 && (isNameCharacter(chars[start - 1]) || chars[start - 1] == ".") { start -= 1 }
        let text = String(chars[start..<end])
        guard !text.isEmpty, !text.hasPrefix("."), !text.hasSuffix("."), !text.contains("..") else { return nil }
        let parts = text.split(separator: ".").map(String.init)
        guard parts.allSatisfy({ $0.first?.isNumber == false }) else { return nil }
        return parts
    }

    /// The value a name chain refers to, following members of native objects and dict keys.
    static func value(of parts: [String], _ interpreter: Interpreter) -> Value? {
        guard let first = parts.first else { return nil }
        var value: Value
        if let global = interpreter.global(first) {
            value = global
        } else if let builtin = interpreter.registry.functions[first] {
            value = .builtin(BoundBuiltin(builtin))
        } else {
            return nil
        }
        for name in parts.dropFirst() {
            guard let next = member(name, of: value, interpreter) else { return nil }
            value = next
        }
        return value
    }

    /// A registered attribute (a read without side effects) or a member of an object or dict.
    static func member(_ name: String, of value: Value, _ interpreter: Interpreter) -> Value? {
        if let attribute = interpreter.registry.attribute(name, on: value.typeName) {
            return try? interpreter.readAttribute(attribute, of: value)
        }
        switch value {
        case .object(let object): return (try? object.member(name)) ?? nil
        case .dict(let dict): return (try? dict.get(.string(name))) ?? nil
        default: return nil
        }
    }

    /// What may follow `value.`: attributes and methods of an object, keys and methods of a dict,
    /// the methods of lists, strings and the other types.
    static func memberNames(of value: Value, _ registry: BuiltinRegistry) -> [String] {
        switch value {
        case .object(let object):
            return registry.attributeNames(on: object.typeName) + object.memberNames.filter(isIdentifier)
                + registry.methodNames(on: object.typeName)
        case .dict(let dict):
            let keys = dict.keys.compactMap { key -> String? in
                if case .string(let s) = key, isIdentifier(s) { return s }
                return nil
            }
            return keys + registry.methodNames(on: "dict")
        default:
            return registry.methodNames(on: value.typeName)
        }
    }

    static func isNameCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// True for a name that can follow a dot: `sc_w`, not `price range` or `2nd`.
    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, !first.isNumber else { return false }
        return s.allSatisfy(isNameCharacter) && !keywords.contains(s)
    }
}

/// Where the text before the cursor ends (code, a string, a comment) and which brackets are open.
struct LexicalScan {
    enum State: Equatable {
        case code
        /// Inside a string opened by `quote` at character `start`.
        case string(quote: Character, start: Int)
        case comment
    }

    private(set) var state = State.code
    /// The open brackets, innermost last, with their positions.
    private(set) var brackets: [(character: Character, index: Int)] = []

    init(_ chars: [Character]) {
        var i = 0
        var triple = false
        while i < chars.count {
            let c = chars[i]
            switch state {
            case .comment:
                if c == "\n" { state = .code }
            case .string(let quote, _):
                if c == "\\" {
                    i += 1
                } else if c == quote && !triple {
                    state = .code
                } else if c == quote && i + 2 < chars.count && chars[i + 1] == quote && chars[i + 2] == quote {
                    state = .code
                    i += 2
                } else if c == "\n" && !triple {
                    state = .code  // an unterminated string; running the line reports it
                }
            case .code:
                if c == "#" {
                    state = .comment
                } else if c == "\"" || c == "'" {
                    triple = i + 2 < chars.count && chars[i + 1] == c && chars[i + 2] == c
                    state = .string(quote: c, start: i)
                    if triple { i += 2 }
                } else if c == "(" || c == "[" || c == "{" {
                    brackets.append((c, i))
                } else if c == ")" || c == "]" || c == "}" {
                    if !brackets.isEmpty { brackets.removeLast() }
                }
            }
            i += 1
        }
    }
}
