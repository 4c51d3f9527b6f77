import QuireLang

/// A REPL command: a line that starts with `:` (`:help len`, `:vars`, `:quit`).
enum MetaCommand: Equatable {
    case help(String?)
    case vars
    case time(String)
    case load(String)
    case save(String)
    case reset
    case quit
    /// A command that does not exist, with the closest one that does.
    case unknown(String, suggestion: String?)
    /// A known command used wrongly; carries its usage line.
    case usage(String)

    /// The commands, their argument and what they do: for parsing, `:help` and usage messages.
    static let table: [(name: String, argument: String, summary: String)] = [
        ("help", "[name]", "help on a builtin, a variable or a command; alone, the commands and builtins"),
        ("vars", "", "the variables of this session, with their type and value"),
        ("time", "CODE", "runs CODE and prints how long it took"),
        ("load", "FILE", "runs a .qr script, or a .md notebook, into this session"),
        ("save", "FILE.md", "saves what was typed here, with its output, as a notebook"),
        ("reset", "", "removes every variable; the builtins and standard library stay"),
        ("quit", "", "leaves the REPL (Ctrl-D on an empty line does too)"),
    ]

    /// Other spellings users bring from other REPLs.
    static let aliases = ["q": "quit", "exit": "quit", "h": "help", "?": "help"]

    /// The command on `line`, or nil when the line is not a command (it is code).
    static func parse(_ line: String) -> MetaCommand? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.first == ":" else { return nil }
        let body = text.dropFirst()
        let rawName = String(body.prefix { $0 != " " && $0 != "\t" })
        let argument = body.dropFirst(rawName.count).trimmingSpaces()
        let name = aliases[rawName] ?? rawName
        guard let entry = table.first(where: { $0.name == name }) else {
            return .unknown(rawName, suggestion: Suggest.closest(to: rawName, in: table.map(\.name)))
        }
        let usage = MetaCommand.usage(":\(entry.name)" + (entry.argument.isEmpty ? "" : " \(entry.argument)"))
        switch name {
        case "help": return .help(argument.isEmpty ? nil : argument)
        case "time": return argument.isEmpty ? usage : .time(argument)
        case "load": return argument.isEmpty ? usage : .load(unquoted(argument))
        case "save": return argument.isEmpty ? usage : .save(unquoted(argument))
        case "vars": return argument.isEmpty ? .vars : usage
        case "reset": return argument.isEmpty ? .reset : usage
        default: return argument.isEmpty ? .quit : usage
        }
    }

    /// A path as typed, without the quotes a user may put around it.
    static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
