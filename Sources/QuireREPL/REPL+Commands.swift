import Foundation
import QuireLang

/// A value's text in `:vars` is cut to this many characters, so that each variable fits a line.
let variableTextWidth = 60

/// The keys of the line editor, for `:help`.
let keysHelp = """
    Keys: Tab completes names, members after "obj.", columns after 'df["' and keyword
    arguments in calls; Up/Down walk the history (kept in ~/.quire_history), Ctrl-R searches it;
    Ctrl-C stops running code, or clears the line; Ctrl-D on an empty line leaves.
    """

extension REPL {
    func execute(_ command: MetaCommand) -> Step {
        switch command {
        case .help(let name): say(helpText(for: name))
        case .vars: say(variablesText())
        case .time(let code): time(code)
        case .load(let path): load(path)
        case .save(let path): save(path)
        case .reset: reset()
        case .quit: return .quit
        case .unknown(let name, let suggestion):
            let hint = suggestion.map { "did you mean :\($0)? (:help lists the commands)" } ?? ":help lists the commands"
            complain("error: there is no command :\(name)\n  hint: \(hint)\n")
        case .usage(let usage):
            complain("error: usage: \(usage)\n")
        }
        return .goOn
    }

    func helpText(for name: String?) -> String { REPL.helpText(for: name, interpreter: interpreter) }

    /// `:help`: the commands, keys and builtins; `:help name`: a variable, builtin or command.
    /// Public for the Jupyter kernel's inspect requests, which show the same text.
    public static func helpText(for name: String?, interpreter: Interpreter) -> String {
        let registry = interpreter.registry
        guard let name else {
            let usages = MetaCommand.table.map { ":\($0.name)" + ($0.argument.isEmpty ? "" : " \($0.argument)") }
            let width = usages.map(\.count).max()! + 2
            let commands = zip(usages, MetaCommand.table).map { usage, entry in
                "  " + usage.padding(toLength: width, withPad: " ", startingAt: 0) + entry.summary
            }
            return "Commands:\n" + commands.joined(separator: "\n") + "\n\n" + keysHelp + "\n\n"
                + Help.text(for: .none, registry: registry) + "\n"
        }
        let bare = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if name.hasPrefix(":") || (registry.functions[bare] == nil && interpreter.global(bare) == nil),
            let entry = MetaCommand.table.first(where: { $0.name == (MetaCommand.aliases[bare] ?? bare) })
        {
            return ":\(entry.name)" + (entry.argument.isEmpty ? "" : " \(entry.argument)") + "\n  \(entry.summary)\n"
        }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let receiver = interpreter.global(parts[0]) {
            return Help.text(forName: "\(receiver.typeName).\(parts[1])", registry: registry) + "\n"
        }
        switch interpreter.global(name) {
        case .string?:
            return "str\n  methods: " + registry.methodNames(on: "str").joined(separator: ", ") + "\n"
        case let value?:
            return Help.text(for: value, registry: registry) + "\n"
        case nil:
            return Help.text(forName: name, registry: registry) + "\n"
        }
    }

    /// `:vars`: the variables made in this session, one a line: name, type, value.
    func variablesText() -> String {
        let rows = interpreter.globalNames.compactMap { name -> (String, String, String)? in
            guard let value = interpreter.global(name), !isInitial(name, value) else { return nil }
            return (name, value.typeName, summary(of: value))
        }
        if rows.isEmpty { return "no variables yet\n" }
        let nameWidth = rows.map(\.0.count).max()! + 2
        let typeWidth = rows.map(\.1.count).max()! + 2
        return rows.map { name, type, text in
            name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + type.padding(toLength: typeWidth, withPad: " ", startingAt: 0) + text + "\n"
        }.joined()
    }

    /// True when `name` still holds what the session began with (a standard library function).
    func isInitial(_ name: String, _ value: Value) -> Bool {
        guard let initial = initialGlobals.first(where: { $0.name == name })?.value else { return false }
        switch (initial, value) {
        case (.function(let a), .function(let b)): return a === b
        case (.builtin(let a), .builtin(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        case (.list(let a), .list(let b)): return a === b
        case (.dict(let a), .dict(let b)): return a === b
        default: return Printer.repr(initial) == Printer.repr(value)
        }
    }

    /// A value on one short line: a function's signature, or the first line of its text.
    func summary(of value: Value) -> String {
        if case .function(let f) = value {
            return "fn \(f.name)(\((interpreter.parameterNames(of: value) ?? []).joined(separator: ", ")))"
        }
        let text = Printer.repr(value)
        let firstLine = String(text.prefix { $0 != "\n" })
        if firstLine.count > variableTextWidth { return String(firstLine.prefix(variableTextWidth - 3)) + "..." }
        return firstLine.count < text.count ? firstLine + " ..." : firstLine
    }

    /// `:time CODE`: runs the code like any input, then prints how long it took.
    func time(_ code: String) {
        let clock = ContinuousClock()
        let start = clock.now
        guard evaluate(code) else { return }
        say("time: \(REPL.format(clock.now - start))\n")
    }

    /// `1.23 ms`, `45.6 µs`, `2.345 s`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        if value < 1e-3 { return String(format: "%.1f µs", value * 1e6) }
        if value < 1 { return String(format: "%.2f ms", value * 1e3) }
        return String(format: "%.3f s", value)
    }

    /// `:load FILE`: a `.qr` script runs into the session; a `.md` notebook goes to `loadNotebook`.
    func load(_ path: String) {
        let resolved = interpreter.resolvePath(path)
        switch URL(fileURLWithPath: resolved).pathExtension.lowercased() {
        case "qr":
            guard FileManager.default.fileExists(atPath: resolved) else {
                return complain("error: no such file: \(path)\n  hint: the path is relative to \(interpreter.baseDirectory)\n")
            }
            guard let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8) else {
                return complain("error: cannot read \(path) as UTF-8 text\n")
            }
            let directory = URL(fileURLWithPath: resolved).deletingLastPathComponent().path
            do {
                _ = try interruptibly { () throws(QuireError) in
                    try interpreter.run(Source(name: path, text: text, directory: directory))
                }
            } catch {
                complain(error.render())
            }
        case "md":
            guard let loadNotebook else { return complain("error: notebooks cannot be loaded here\n") }
            do {
                try interruptibly { try loadNotebook(resolved) }
            } catch let error as QuireError {
                complain(error.render())
            } catch {
                complain("error: \(error)\n")
            }
        default:
            complain("error: :load runs .qr scripts and .md notebooks, not \(path)\n")
        }
    }

    /// `:save FILE.md`: hands the inputs that ran, with their output, to `saveNotebook`.
    func save(_ path: String) {
        guard path.lowercased().hasSuffix(".md") else {
            return complain("error: a notebook is a Markdown file: give a name ending in .md\n")
        }
        guard let saveNotebook else { return complain("error: notebooks cannot be saved here\n") }
        let entries = transcript.entries
        guard !entries.isEmpty else { return say("nothing to save yet: no code has run\n") }
        do {
            try saveNotebook(interpreter.resolvePath(path), entries)
            say("saved \(entries.count) input\(entries.count == 1 ? "" : "s") to \(path)\n")
        } catch let error as QuireError {
            complain(error.render())
        } catch {
            complain("error: cannot save \(path): \(error)\n")
        }
    }

    /// `:reset`: every variable goes; the standard library is put back as it was.
    func reset() {
        interpreter.reset()
        for (name, value) in initialGlobals { interpreter.setGlobal(name, value) }
        transcript.clear()
        pending = []
        say("the session is reset: every variable is gone\n")
    }
}
