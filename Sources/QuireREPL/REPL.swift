import Foundation
import QuireLang

/// The interactive prompt: reads lines until a statement is complete, runs it, shows its value.
///
/// On a terminal, lines are edited with libedit (history, Ctrl-R, tab completion); otherwise
/// they are read plainly. Lines starting with `:` are commands (`:help`, `:vars`, `:quit`).
public final class REPL {
    /// Shown when a new input starts.
    public static let prompt = "quire> "
    /// Shown while an input continues (a bracket, block or string is open); as wide as `prompt`.
    public static let continuationPrompt = "   ... "

    let interpreter: Interpreter
    let output: StandardOutput
    let transcript: TranscriptSink
    let historyPath: String?
    /// Runs a `.md` notebook into this session; nil when notebooks cannot be loaded here.
    public var loadNotebook: ((String) throws -> Void)?
    /// Writes a notebook (path, then each input with the text it produced); nil when notebooks
    /// cannot be saved here.
    public var saveNotebook: ((String, [SavedInput]) throws -> Void)?
    /// The lines of an input that is still open, waiting for more.
    var pending: [String] = []
    /// The globals when the session began (the standard library): `:reset` brings them back and
    /// `:vars` leaves them out.
    let initialGlobals: [(name: String, value: Value)]
    /// Where figures go when the terminal cannot show them: created with the first figure and
    /// removed when the session ends.
    let sessionFolder: String
    /// Writes a message of the REPL itself to standard output.
    var say: (String) -> Void
    /// Writes an error to standard error.
    var complain: (String) -> Void

    /// `historyPath` is where lines are remembered between sessions (nil: nowhere).
    public init(interpreter: Interpreter, output: StandardOutput, historyPath: String? = REPL.defaultHistoryPath) {
        self.interpreter = interpreter
        self.output = output
        self.historyPath = historyPath
        transcript = TranscriptSink(output: output)
        transcript.images = TerminalImages.detect()
        interpreter.sink = transcript
        sessionFolder = NSTemporaryDirectory() + "quire-session-\(getpid())-\(UUID().uuidString.prefix(8))"
        if output.figureFolder == nil { output.figureFolder = sessionFolder }
        initialGlobals = interpreter.globalNames.compactMap { name in interpreter.global(name).map { (name, $0) } }
        say = { text in output.write(text) }
        complain = { text in
            output.flush()
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// `~/.quire_history`, or nil when HOME is not set.
    public static var defaultHistoryPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".quire_history").path
    }

    /// Runs until `:quit` or the end of input (Ctrl-D); returns the exit status.
    public func run() -> Int32 {
        let editor = isatty(0) != 0 ? LineEditor(historyPath: historyPath) { [unowned self] in self.complete($0) } : nil
        return run(reader: editor ?? PlainReader())
    }

    enum Step { case goOn, quit }

    func run(reader: LineReader) -> Int32 {
        InterruptHandler.install(for: interpreter)
        defer {
            InterruptHandler.uninstall()
            try? FileManager.default.removeItem(atPath: sessionFolder)
        }
        while true {
            output.flush()
            switch reader.readLine(prompt: pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .endOfInput:
                say("\n")
                output.flush()
                return 0
            case .interrupted:
                pending = []
                say("\n")
            case .line(let raw):
                let line = PastedPrompt.strip(raw)
                reader.remember(line)
                if accept(line) == .quit {
                    output.flush()
                    return 0
                }
            }
        }
    }

    /// Takes one line: a command, or code that runs once the input is complete.
    func accept(_ line: String) -> Step {
        if pending.isEmpty, let command = MetaCommand.parse(line) { return execute(command) }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        guard Interpreter.isComplete(text) else { return .goOn }
        pending = []
        if !text.allSatisfy(\.isWhitespace) { evaluate(text) }
        return .goOn
    }

    /// Runs code, shows its value, records it for `:save`; errors go to standard error.
    /// Returns true when it ran without error.
    @discardableResult
    func evaluate(_ text: String) -> Bool {
        transcript.begin()
        do {
            let value = try interruptibly { () throws(QuireError) in try interpreter.run(Source(name: "<repl>", text: text)) }
            if let value {
                transcript.display(value)
                interpreter.figures.settle(value)
            }
            transcript.commit(text)
            return true
        } catch {
            if error.kind == .interrupted { transcript.commitInterrupted(text) } else { transcript.discard() }
            // The terminal has echoed ^C on the line of the running code.
            complain((error.kind == .interrupted ? "\n" : "") + error.render())
            return false
        }
    }

    /// Runs `work` so that Ctrl-C stops it (at the interpreter's next loop iteration or call).
    func interruptibly<T, E: Error>(_ work: () throws(E) -> T) throws(E) -> T {
        interpreter.clearInterrupt()
        InterruptHandler.isRunning.store(true, ordering: .sequentiallyConsistent)
        // Ctrl-C pressed after the line was read but before the code started stops the code.
        if InterruptHandler.takePromptInterrupt() { interpreter.interrupt() }
        defer { InterruptHandler.isRunning.store(false, ordering: .sequentiallyConsistent) }
        return try work()
    }

    /// The completion for the text before the cursor, seen with the earlier lines of the input.
    func complete(_ before: String) -> Completion {
        if pending.isEmpty, before.hasPrefix(":") { return completeCommand(before) }
        let text = pending.map { $0 + "\n" }.joined() + before
        return Completer.complete(line: text, cursor: text.count, interpreter: interpreter)
    }

    /// `:he` → `:help`; after `:help ` or `:time `, names as in code.
    func completeCommand(_ before: String) -> Completion {
        guard let space = before.firstIndex(of: " ") else {
            let names = MetaCommand.table.map { ":" + $0.name }.filter { $0.hasPrefix(before) }
            return Completion(word: before, candidates: names)
        }
        let name = before[before.index(after: before.startIndex)..<space]
        guard name == "help" || name == "time" else { return Completion() }
        let argument = String(before[before.index(after: space)...])
        return Completer.complete(line: argument, cursor: argument.count, interpreter: interpreter)
    }
}
