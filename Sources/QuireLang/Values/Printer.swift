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
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// A float as Python's `repr` writes it: the shortest digits that read back the same,
    /// positional from 1e-4 up to 1e16, scientific otherwise, always with a `.` or an exponent.
    public static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, exponent) = shortestDigits(d)
        let sign = negative ? "-" : ""
        // `exponent` is the power of ten of the first digit.
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
            let intCount = exponent + 1
            if digits.count <= intCount {
                return sign + digits + String(repeating: "0", count: intCount - digits.count) + ".0"
            }
            let idx = digits.index(digits.startIndex, offsetBy: intCount)
            return sign + digits[..<idx] + "." + digits[idx...]
        }
        var mantissa = String(digits.first!)
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let expSign = exponent < 0 ? "-" : "+"
        let expDigits = String(abs(exponent))
        return sign + mantissa + "e" + expSign + (expDigits.count < 2 ? "0" + expDigits : expDigits)
    }

    /// The shortest round-trip decimal digits of |d| and the power of ten of the first digit.
    static func shortestDigits(_ d: Double) -> (negative: Bool, digits: String, exponent: Int) {
        // Swift's description is the shortest round-trip form; only its layout differs from Python's.
        var text = abs(d).description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var pointPos = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (d < 0, digits, pointPos - 1)
    }
}
