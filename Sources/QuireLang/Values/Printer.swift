import QuireSupport

/// How values are written: `print` (str) and displayed results (repr), as Python writes them.
public enum Printer {
    /// The text `print` writes: strings as they are, everything else as displayed.
    public static func str(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        return repr(value)
    }

    /// The text a displayed value shows: strings quoted, floats in Python's shortest form.
    public static func repr(_ value: Value) -> String {
        var seen: Set<ObjectIdentifier> = []
        return repr(value, seen: &seen, depth: 0)
    }

    /// Containers nested deeper than this print as `[...]`, `(...)` or `{...}` below it: walking
    /// them would overflow the stack (Python raises RecursionError there).
    static let maxReprDepth = 1000

    private static func repr(_ value: Value, seen: inout Set<ObjectIdentifier>, depth: Int) -> String {
        if depth > maxReprDepth {
            switch value {
            case .list: return "[...]"
            case .tuple: return "(...)"
            case .dict: return "{...}"
            default: break
            }
        }
        let depth = depth + 1
        switch value {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatDouble(d)
        case .string(let s): return quote(s)
        case .list(let l):
            let id = ObjectIdentifier(l)
            if seen.contains(id) { return "[...]" }
            seen.insert(id)
            defer { seen.remove(id) }
            return "[" + l.items.map { repr($0, seen: &seen, depth: depth) }.joined(separator: ", ") + "]"
        case .tuple(let t):
            if t.count == 1 { return "(" + repr(t[0], seen: &seen, depth: depth) + ",)" }
            return "(" + t.map { repr($0, seen: &seen, depth: depth) }.joined(separator: ", ") + ")"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if seen.contains(id) { return "{...}" }
            seen.insert(id)
            defer { seen.remove(id) }
            var parts: [String] = []
            for (k, v) in zip(d.keys, d.values) { parts.append(repr(k, seen: &seen, depth: depth) + ": " + repr(v, seen: &seen, depth: depth)) }
            return "{" + parts.joined(separator: ", ") + "}"
        case .function(let f): return "<fn \(f.name)>"
        case .builtin(let b): return "<builtin \(b.builtin.qualifiedName)>"
        case .object(let o): return o.displayText()
        case .undefined: return "<undefined>"
        }
    }

    /// A repr cut to a readable length, for error messages.
    public static func shortRepr(_ value: Value) -> String {
        let text = repr(value)
        guard text.count > 40 else { return text }
        if text.contains("\n") { return "<\(value.typeName)>" }
        return String(text.prefix(37)) + "..."
    }

    /// A string in double quotes with escapes, as Quire writes string literals.
    public static func quote(_ s: String) -> String {
        "\"" + TextEscape.replacing(s, literalEscapes) + "\""
    }

    /// The escapes of a Quire string literal.
    static let literalEscapes: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"]

    /// A float as Python's `repr` writes it (the language's name for `FloatRepr.python`).
    public static func formatDouble(_ d: Double) -> String { FloatRepr.python(d) }
}
