import Foundation
import QuireLang

/// Parameterised runs, as papermill does them: the cell marked `#| parameters` holds defaults,
/// and `quire run NB.md -p name value` adds a cell right after it (marked
/// `#| injected-parameters`) that sets the given values.
public enum NotebookParameters {
    /// A parameter's value as Quire code: numbers, `true`, `false` and `none` as they are, any
    /// other text as a string.
    public static func literal(fromCommandLine text: String) -> String {
        if Int(text) != nil || ["true", "false", "none"].contains(text) { return text }
        if let d = Double(text), d.isFinite, text.first != "+", !text.lowercased().contains("n") { return text }
        return quoted(text)
    }

    /// A JSON value (from `-f params.json`) as Quire code; nil for what Quire cannot write.
    public static func literal(fromJSON value: Any) -> String? {
        switch value {
        case is NSNull: return "none"
        case let n as NSNumber:
            let kind = String(cString: n.objCType)
            if kind == "c" || kind == "B" { return n.boolValue ? "true" : "false" }
            if let i = Int(exactly: n.doubleValue), !"\(n)".contains(".") { return String(i) }
            return "\(n.doubleValue)"
        case let s as String: return quoted(s)
        case let list as [Any]:
            let items = list.compactMap(literal(fromJSON:))
            return items.count == list.count ? "[" + items.joined(separator: ", ") + "]" : nil
        case let dict as [String: Any]:
            var items: [String] = []
            for key in dict.keys.sorted() {
                guard let v = literal(fromJSON: dict[key]!) else { return nil }
                items.append("\(quoted(key)): \(v)")
            }
            return "{" + items.joined(separator: ", ") + "}"
        default: return nil
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// The names the parameters cell assigns at its top level (`seed = 42`).
    static func names(in code: String) -> [String] {
        var names: [String] = []
        for line in code.split(separator: "\n") {
            guard let first = line.first, first.isLetter || first == "_" else { continue }
            let name = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let rest = line.dropFirst(name.count).drop { $0 == " " }
            if rest.hasPrefix("="), !rest.hasPrefix("=="), !names.contains(String(name)) { names.append(String(name)) }
        }
        return names
    }

    /// The notebook with a cell setting `values` (name, Quire code) after its parameters cell.
    /// Errors: no parameters cell, or a name the cell does not define (with did-you-mean).
    public static func inject(_ values: [(name: String, code: String)], into notebook: Notebook) throws(NotebookError) -> Notebook {
        guard !values.isEmpty else { return notebook }
        guard let cell = notebook.cells.first(where: { $0.options.parameters }) else {
            throw NotebookError(
                "\(notebook.path) has no parameters cell", path: notebook.path,
                hint: "mark the cell that sets the defaults with a first line \"#| parameters\"")
        }
        let defined = names(in: cell.code)
        for (name, _) in values where !defined.contains(name) {
            var hint = "the parameters are " + (defined.isEmpty ? "none (the cell assigns no names)" : defined.joined(separator: ", "))
            if let close = Suggest.closest(to: name, in: defined) { hint = "did you mean \"\(close)\"? (\(hint))" }
            throw NotebookError("the notebook has no parameter \"\(name)\"", path: notebook.path, line: cell.firstCodeLine, hint: hint)
        }
        var text = ""
        var injected = false
        for (i, piece) in notebook.pieces.enumerated() {
            switch piece {
            case .prose(let s): text += s
            case .cell(let c):
                // A cell injected by an earlier run is replaced by this one.
                if c.options.injectedParameters { continue }
                text += c.raw
            case .attachment(let a):
                if i > 0, case .cell(let c) = notebook.pieces[i - 1], c.options.injectedParameters { continue }
                text += a.raw
            }
            if endsParametersCell(notebook.pieces, at: i) && !injected {
                injected = true
                if !text.hasSuffix("\n") { text += "\n" }
                text += "\n```quire\n#| injected-parameters\n" + values.map { "\($0.name) = \($0.code)\n" }.joined() + "```\n"
            }
        }
        return try NotebookParser.parse(text, path: notebook.path)
    }

    /// True when piece `i` is the last piece of the parameters cell (the cell, or its attachment).
    static func endsParametersCell(_ pieces: [Notebook.Piece], at i: Int) -> Bool {
        switch pieces[i] {
        case .cell(let c):
            if i + 1 < pieces.count, case .attachment = pieces[i + 1] { return false }
            return c.options.parameters
        case .attachment:
            if i > 0, case .cell(let c) = pieces[i - 1] { return c.options.parameters }
            return false
        case .prose:
            return false
        }
    }
}
