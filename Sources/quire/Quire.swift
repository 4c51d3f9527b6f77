import ArgumentParser
import Foundation
import QuireBuiltins
import QuireLang
import QuireNotebook
import QuireREPL
import QuireSupport

/// The `quire` command: the REPL, scripts, `-e` expressions, and notebooks.
@main
struct Quire: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "quire",
        abstract: "Quire: explore data and replay tutorials from a prompt.",
        discussion: """
            With no arguments, quire starts the REPL (or, when standard input is not a terminal,
            runs the program read from it).
            """,
        version: version,
        subcommands: [Run.self, Check.self, Step.self, KernelCommand.self, Convert.self, ModelsCommand.self] + teachingCommands)

    // Unconditional: the code may start with a dash, as `quire -e '-1'`.
    @Option(name: .customShort("e"), parsing: .unconditional, help: ArgumentHelp("Evaluate CODE and print the value of its last expression.", valueName: "CODE"))
    var expression: String?

    @Flag(name: .customLong("builtins-reference"), help: .hidden)
    var builtinsReference = false

    @Option(name: .customLong("disassemble"), help: ArgumentHelp("Print the bytecode of FILE's functions and top-level loops, without running it.", valueName: "FILE"))
    var disassemble: String?

    mutating func run() throws {
        if builtinsReference {
            print(Help.referencePage(Builtins.registry), terminator: "")
            return
        }
        if let disassemble {
            throw ExitCode(Runner.disassemble(path: disassemble))
        }
        if let expression {
            throw ExitCode(Runner.evaluate(Source(name: "<command line>", text: expression), printResult: true))
        }
        if isatty(0) != 0 {
            throw ExitCode(Runner.repl())
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            Runner.fail("standard input is not UTF-8 text")
            throw ExitCode(1)
        }
        throw ExitCode(Runner.evaluate(Source(name: "<stdin>", text: text), printResult: false))
    }

    /// Usage errors exit with status 2 (ArgumentParser's default is 64).
    static func main() {
        Memory.keepFreedBuffers()
        if let status = QuickStart.status(Array(CommandLine.arguments.dropFirst())) { Foundation.exit(status) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// `quire run FILE`: a script (`.qr`), or a Markdown notebook (`.md`).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a Quire script (.qr) or notebook (.md, .ipynb).")

    @Argument(help: "The script or notebook to run.")
    var file: String

    @OptionGroup var notebookFlags: NotebookFlags

    @Option(name: .customLong("figures"), help: ArgumentHelp("Write the figures a script shows into DIR (default: beside the script, in NAME.out).", valueName: "DIR"))
    var figures: String?

    mutating func run() throws {
        if file.lowercased().hasSuffix(".md") || file.lowercased().hasSuffix(".ipynb") {
            if figures != nil { throw ValidationError("--figures applies to scripts (.qr); a notebook's figures go to its --output folder") }
            throw ExitCode(try NotebookRun.run(path: file, flags: notebookFlags))
        }
        if notebookFlags.anyGiven {
            throw ValidationError("--html, --update, --keep-going, --timeout, --report, --sandbox, -p, -f and --output apply to notebooks (.md, .ipynb), not to \(file)")
        }
        guard let source = Runner.readScript(file) else { throw ExitCode(1) }
        throw ExitCode(Runner.evaluate(source, printResult: false, figureFolder: figures ?? Run.figureFolder(of: file)))
    }

    /// `script.qr` → `script.out`, beside it, as a notebook's `NB.out`.
    static func figureFolder(of script: String) -> String {
        let name = (script as NSString).lastPathComponent
        let stem = name.hasSuffix(".qr") ? String(name.dropLast(3)) : name
        let folder = (script as NSString).deletingLastPathComponent
        return folder.isEmpty ? stem + ".out" : (folder as NSString).appendingPathComponent(stem + ".out")
    }
}

/// The commonest command lines, `quire run FILE.qr` and `quire run NB.md [--html]`, run without
/// building ArgumentParser's model of every command: that costs about a third of a script's
/// start-up (its reflection looks up protocol conformances across the whole binary). Every
/// other command line, and every error in the arguments, goes through `Quire.main`'s parser.
enum QuickStart {
    /// The exit status of the command, or nil when the parser must handle it.
    static func status(_ arguments: [String]) -> Int32? {
        guard arguments.count >= 2, arguments[0] == "run" else { return nil }
        let file = arguments[1]
        guard !file.isEmpty, !file.hasPrefix("-") else { return nil }
        let flags = arguments.dropFirst(2)
        let lower = file.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".ipynb") {
            guard flags.isEmpty || Array(flags) == ["--html"] else { return nil }
            return NotebookRun.run(path: file, settings: RunSettings(html: !flags.isEmpty))
        }
        guard lower.hasSuffix(".qr"), flags.isEmpty else { return nil }
        guard let source = Runner.readScript(file) else { return 1 }
        return Runner.evaluate(source, printResult: false, figureFolder: Run.figureFolder(of: file))
    }
}

/// Runs programs on the interpreter thread and reports errors.
enum Runner {
    static func fail(_ message: String, hint: String? = nil) {
        var text = "error: \(message)\n"
        if let hint { text += "  hint: \(hint)\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A script's text as a `Source`, or nil after an error message (no such file, a folder, not
    /// readable, not UTF-8).
    static func readScript(_ file: String) -> Source? {
        guard FileManager.default.fileExists(atPath: file) else {
            fail("no such file: \(file)", hint: "check the path; it is relative to the current folder")
            return nil
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            fail("cannot run \(file): it is a folder", hint: "give a .qr script or a .md notebook")
            return nil
        }
        // Read as a stream, so that pipes and /dev/stdin work as well as files.
        let data: Data
        do {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw CocoaError(.fileReadNoPermission) }
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            fail("cannot read \(file)", hint: "check that the file is readable")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            fail("\(file) is not UTF-8 text", hint: "save the script as UTF-8")
            return nil
        }
        // The script's folder, absolute. (Not through URL: its first use costs 0.1 ms of start-up.)
        let directory = (FileAccess.absolute(file) as NSString).deletingLastPathComponent
        return Source(name: file, text: text, directory: directory)
    }

    /// `quire --disassemble FILE`: prints the bytecode; a syntax error is reported as when run.
    static func disassemble(path: String) -> Int32 {
        guard let source = readScript(path) else { return 1 }
        return runOnLargeStack {
            do throws(QuireError) {
                let interpreter = try Builtins.makeInterpreter(sink: StandardOutput())
                print(try interpreter.disassemble(source), terminator: "")
                return 0
            } catch {
                FileHandle.standardError.write(Data(error.render().utf8))
                return 1
            }
        }
    }

    /// Runs a program; prints errors to standard error. Returns the exit status. Figures drawn
    /// and neither shown nor saved are shown when the program ends (written to `figureFolder`,
    /// or to temporary files), so that none is lost.
    static func evaluate(_ source: Source, printResult: Bool, figureFolder: String? = nil) -> Int32 {
        runOnLargeStack {
            let output = StandardOutput()
            output.figureFolder = figureFolder
            var drawn: DrawnFigures?
            do throws(QuireError) {
                let interpreter = try Builtins.makeInterpreter(sink: output)
                drawn = interpreter.figures
                interpreter.isInteractive = isatty(1) != 0
                // Ctrl-C stops the program with the usual "interrupted" error (exit 1), also
                // inside a long builtin; a second Ctrl-C ends the process at once.
                let forwarder = InterruptForwarder(interpreter)
                defer { withExtendedLifetime(forwarder) {} }
                let value = try interpreter.run(source)
                if printResult, let value {
                    output.display(value)
                    interpreter.figures.settle(value)
                }
                for figure in interpreter.figures.takePending() { output.display(figure) }
                output.flush()
                return 0
            } catch {
                // What was drawn before the error is kept too.
                for figure in drawn?.takePending() ?? [] { output.display(figure) }
                output.flush()
                FileHandle.standardError.write(Data(error.render().utf8))
                return 1
            }
        }
    }

    static func repl() -> Int32 {
        runOnLargeStack {
            let output = StandardOutput()
            do throws(QuireError) {
                let interpreter = try Builtins.makeInterpreter(sink: output)
                interpreter.isInteractive = true
                let repl = REPL(interpreter: interpreter, output: output)
                repl.loadNotebook = { path in try QuireNotebook.loadNotebook(path: path, into: interpreter) }
                repl.saveNotebook = { path, entries in try QuireNotebook.saveNotebook(path: path, entries: entries) }
                return repl.run()
            } catch {
                FileHandle.standardError.write(Data(error.render().utf8))
                return 1
            }
        }
    }
}
