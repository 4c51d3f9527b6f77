import Foundation
import QuireLang

/// `quire step`: a presenter's walk through a notebook, one cell at a time. Shows the prose and
/// code of the next cell, runs it on Enter, lets the presenter edit it and run it again.
public final class NotebookStepper {
    let notebook: Notebook
    let runner: NotebookRunner
    let console: Console
    /// Reads one line typed by the presenter (without its newline); nil at end of input.
    let readLine: () -> String?
    /// Edits code in an external editor, if one is set up; when it gives nil (no editor, or the
    /// edit failed) the line editor is used.
    let externalEditor: ((String) -> String?)?

    public init(
        notebook: Notebook, interpreter: Interpreter, console: Console, timeout: Double? = nil,
        readLine: @escaping () -> String?, externalEditor: ((String) -> String?)? = nil
    ) {
        self.notebook = notebook
        self.runner = NotebookRunner(notebook: notebook, interpreter: interpreter, options: .init(keepGoing: true, defaultTimeout: timeout))
        self.console = console
        self.readLine = readLine
        self.externalEditor = externalEditor
    }

    enum Choice { case run, edit, skip, quit }

    /// Walks the notebook; returns the exit status (0, or 1 if a cell ended unexpectedly).
    public func run() -> Int32 {
        let total = notebook.cells.count
        var failures = 0
        var prose = ""
        for piece in notebook.pieces {
            switch piece {
            case .prose(let text): prose += text
            case .attachment: break
            case .cell(let cell):
                show(prose: prose)
                prose = ""
                guard present(cell, failures: &failures) else {
                    console.out("stopped at cell \(cell.number) of \(total)\n")
                    return failures == 0 ? 0 : 1
                }
            }
        }
        show(prose: prose)
        console.out("end of \(notebook.path): \(total) cell\(total == 1 ? "" : "s")\n")
        return failures == 0 ? 0 : 1
    }

    /// Shows one cell and runs it as the presenter asks; false when the presenter quits.
    func present(_ original: Cell, failures: inout Int) -> Bool {
        var cell = original
        let total = notebook.cells.count
        showCode(cell, total: total)
        var ran = false
        while true {
            let prompt = ran ? "Enter: next cell · e: edit and run again · q: quit" : "Enter: run · e: edit · s: skip · q: quit"
            let choice = ask(prompt)
            switch choice {
            case .quit: return false
            case .skip: return true
            case .run where ran: return true
            case .run: break
            case .edit:
                guard let code = edit(cell.code) else { continue }
                cell.code = code
                showCode(cell, total: total)
            }
            let result = runner.run(cell: cell)
            TerminalEcho(console: console, folderPrefix: NotebookCommand.folderPrefix(notebook.path)).show(result)
            if !result.isExpected { failures += 1 }
            ran = true
        }
    }

    func ask(_ prompt: String) -> Choice {
        console.out(paint("\(prompt) › ", "\u{1B}[1m"))
        guard let answer = readLine() else {
            console.out("\n")
            return .quit
        }
        switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return .run
        case "e", "edit": return .edit
        case "s", "skip": return .skip
        case "q", "quit", "exit": return .quit
        default:
            console.out("(Enter runs the cell, e edits it, s skips it, q quits)\n")
            return ask(prompt)
        }
    }

    /// New code for the cell: from the external editor, or typed line by line.
    func edit(_ code: String) -> String? {
        if let externalEditor, let edited = externalEditor(code) { return edited }
        console.out("Type the new code; an empty line ends it (an empty first line keeps the cell as it was).\n")
        var lines: [String] = []
        while let line = readLine(), !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? nil : lines.joined(separator: "\n") + "\n"
    }

    func show(prose: String) {
        let text = prose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        var out = "\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += line.hasPrefix("#") ? paint(String(line), "\u{1B}[1;4m") + "\n" : "\(line)\n"
        }
        console.out(out + "\n")
    }

    func showCode(_ cell: Cell, total: Int) {
        var out = paint("cell \(cell.number) of \(total) (line \(cell.firstCodeLine))", "\u{1B}[2;36m") + "\n"
        for (k, line) in cell.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !(line.isEmpty && k == cell.code.split(separator: "\n", omittingEmptySubsequences: false).count - 1) {
            out += paint(String(format: "%4d │ ", cell.firstCodeLine + k), "\u{1B}[2m") + line + "\n"
        }
        console.out(out)
    }

    func paint(_ text: String, _ style: String) -> String {
        console.isTerminal ? style + text + "\u{1B}[0m" : text
    }
}

/// Edits `code` in the presenter's `$VISUAL` or `$EDITOR`; nil when neither is set or the edit
/// fails (the stepper then falls back to its line editor).
public func editInExternalEditor(_ code: String) -> String? {
    let environment = ProcessInfo.processInfo.environment
    guard let editor = environment["VISUAL"] ?? environment["EDITOR"], !editor.isEmpty else { return nil }
    let path = NSTemporaryDirectory() + "quire-cell-\(UUID().uuidString.prefix(8)).qr"
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard FileManager.default.createFile(atPath: path, contents: Data(code.utf8)) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
    do {
        try process.run()
        process.waitUntilExit()
    } catch {
        return nil
    }
    guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
}
