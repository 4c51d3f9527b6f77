import Foundation

/// `quire run NB.md -y params.yaml`: the small part of YAML a parameters file needs, a flat
/// mapping of scalars, one `name: value` a line (comments, blank lines and a leading `---`
/// allowed). Values follow YAML 1.2's core schema: integers, floats, `true`/`false`, `null`/`~`,
/// plain text, and 'single' or "double" quoted strings. Nested mappings, lists, block scalars,
/// anchors, tags and several documents are errors that say so (with the line), not guesses.
extension NotebookParameters {
    public struct YAMLError: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    /// The file's `(name, Quire code)` pairs, in file order.
    public static func values(fromYAML text: String) throws(YAMLError) -> [(name: String, code: String)] {
        var values: [(name: String, code: String)] = []
        var seenContent = false
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let number = index + 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.contains("\t") && line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                throw YAMLError(line: number, message: "YAML does not allow tabs for indentation")
            }
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed == "---" || trimmed.hasPrefix("--- ") || trimmed.hasPrefix("%") {
                if seenContent { throw YAMLError(line: number, message: "a parameters file holds one YAML document, not several") }
                if trimmed.hasPrefix("%") { continue }
                let rest = trimmed.dropFirst(3).drop { $0 == " " }
                if rest.isEmpty || rest.hasPrefix("#") { continue }
                throw YAMLError(line: number, message: "write the parameters on their own lines after ---")
            }
            if trimmed == "..." { break }
            seenContent = true
            if trimmed.count != line.count {
                throw YAMLError(line: number, message: "nested values are not supported: a parameters file is a flat mapping of `name: value` lines, none indented")
            }
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                throw YAMLError(line: number, message: "a list is not a parameters file: write `name: value` lines")
            }
            guard let colon = colonIndex(in: trimmed) else {
                throw YAMLError(line: number, message: "expected `name: value`, got \"\(trimmed)\"")
            }
            let name = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
            guard let first = name.first, first.isLetter || first == "_",
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw YAMLError(line: number, message: "\"\(name)\" is not a parameter name (letters, digits and _, not starting with a digit)")
            }
            if values.contains(where: { $0.name == name }) {
                throw YAMLError(line: number, message: "the parameter \"\(name)\" is given twice")
            }
            let value = trimmed[trimmed.index(after: colon)...].drop { $0 == " " }
            values.append((name, try scalar(value, line: number)))
        }
        return values
    }

    /// The `:` ending a mapping key: followed by a space or the end of the line.
    private static func colonIndex(in line: Substring) -> Substring.Index? {
        if line.first == "\"" || line.first == "'" { return nil }
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == ":" {
                let next = line.index(after: i)
                if next == line.endIndex || line[next] == " " { return i }
            }
            if line[i] == "#" && i > line.startIndex && line[line.index(before: i)] == " " { return nil }
            i = line.index(after: i)
        }
        return nil
    }

    private static func scalar(_ text: Substring, line: Int) throws(YAMLError) -> String {
        guard let first = text.first, first != "#" else {
            throw YAMLError(line: line, message: "nested values are not supported: give the parameter a value on its line (a list or mapping: use -f with JSON)")
        }
        switch first {
        case "\"": return quoted(try doubleQuoted(text, line: line))
        case "'": return quoted(try singleQuoted(text, line: line))
        case "[", "{":
            throw YAMLError(line: line, message: "lists and mappings are not supported in a YAML parameters file (use -f with JSON)")
        case "|", ">":
            throw YAMLError(line: line, message: "block scalars (| and >) are not supported: write the text in quotes on one line")
        case "&", "*", "!":
            throw YAMLError(line: line, message: "anchors, aliases and tags (& * !) are not supported in a parameters file")
        default: break
        }
        var plain = text
        if let hash = plain.range(of: " #") { plain = plain[..<hash.lowerBound] }
        let value = String(plain).trimmingCharacters(in: .whitespaces)
        if value.contains(": ") || value.hasSuffix(":") {
            throw YAMLError(line: line, message: "nested mappings are not supported: one `name: value` a line")
        }
        switch value {
        case "true", "True", "TRUE": return "true"
        case "false", "False", "FALSE": return "false"
        case "null", "Null", "NULL", "~": return "none"
        default: break
        }
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let i = Int(value) {
            return String(i)
        }
        if isYAMLFloat(value), let d = Double(value), d.isFinite { return "\(d)" }
        if [".inf", "-.inf", "+.inf", ".nan", ".Inf", ".NaN", ".INF", ".NAN", "-.Inf", "-.INF"].contains(value) {
            throw YAMLError(line: line, message: "infinity and NaN are not supported as parameter values")
        }
        return quoted(value)
    }

    /// YAML 1.2 core schema floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    private static func isYAMLFloat(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let mantissa = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard mantissa.filter({ $0 == "." }).count <= 1, mantissa.contains(where: \.isNumber) else { return false }
        if mantissa.hasPrefix("."), mantissa.count < 2 { return false }
        var rest = s.dropFirst(mantissa.count)
        if rest.isEmpty { return true }
        guard rest.first == "e" || rest.first == "E" else { return false }
        rest = rest.dropFirst()
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func rest(after end: Substring.Index, in text: Substring, line: Int) throws(YAMLError) {
        let after = text[end...].drop { $0 == " " }
        if !after.isEmpty && !after.hasPrefix("#") {
            throw YAMLError(line: line, message: "unexpected text after the closing quote: \"\(after)\"")
        }
    }

    private static func singleQuoted(_ text: Substring, line: Int) throws(YAMLError) -> String {
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            if text[i] == "'" {
                let next = text.index(after: i)
                if next < text.endIndex && text[next] == "'" {
                    out.append("'")
                    i = text.index(after: next)
                    continue
                }
                try rest(after: next, in: text, line: line)
                return out
            }
            out.append(text[i])
            i = text.index(after: i)
        }
        throw YAMLError(line: line, message: "the quoted string is not closed on its line (a ' is missing)")
    }

    private static func doubleQuoted(_ text: Substring, line: Int) throws(YAMLError) -> String {
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == "\"" {
                try rest(after: text.index(after: i), in: text, line: line)
                return out
            }
            if c == "\\" {
                i = text.index(after: i)
                guard i < text.endIndex else { break }
                switch text[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "/": out.append("/")
                case "0": out.append("\0")
                default:
                    throw YAMLError(line: line, message: "the escape \\\(text[i]) is not supported (use \\n, \\t, \\\\ or \\\")")
                }
            } else {
                out.append(c)
            }
            i = text.index(after: i)
        }
        throw YAMLError(line: line, message: "the quoted string is not closed on its line (a \" is missing)")
    }
}
