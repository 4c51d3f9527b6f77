import ArgumentParser
import Foundation
import QuireBuiltins
import QuireLang
import QuireNotebook
import QuireSupport
import Synchronization

/// The notebook flags of `quire run`, which apply when the file is a Markdown notebook.
struct NotebookFlags: ParsableArguments {
    @Flag(help: "Notebooks: also write NAME.out/index.html, a self-contained page of the run.")
    var html = false

    @Flag(help: "Notebooks: rewrite the output blocks and figure links in place (atomically).")
    var update = false

    @Flag(name: .customLong("keep-going"), help: "Notebooks: run the remaining cells after an unexpected error.")
    var keepGoing = false

    @Option(help: ArgumentHelp("Notebooks: the time a cell may run unless it sets its own (10s, 500ms, 2m).", valueName: "DURATION"))
    var timeout: String?

    @Option(help: ArgumentHelp("Notebooks: write a JSON journal of the run to FILE.", valueName: "FILE"))
    var report: String?

    @OptionGroup var sandbox: SandboxFlags
    @OptionGroup var parameterFlags: ParameterFlags

    /// Whether any notebook-only flag was given.
    var anyGiven: Bool { html || update || keepGoing || timeout != nil || report != nil || sandbox.anyGiven || parameterFlags.anyGiven }

    func settings() throws -> RunSettings {
        var settings = RunSettings(html: html, update: update, keepGoing: keepGoing, timeout: try parsedTimeout(timeout), reportPath: report)
        settings.sandbox = try sandbox.settings()
        try parameterFlags.apply(to: &settings)
        return settings
    }
}

/// `--timeout` as seconds; a usage error (exit 2) when malformed.
func parsedTimeout(_ text: String?) throws -> Double? {
    guard let text else { return nil }
    guard let seconds = parseDuration(text) else {
        throw ValidationError("--timeout expects a duration such as 10s, 500ms or 2m, got \"\(text)\"")
    }
    return seconds
}

/// The interpreter every notebook command runs with: all builtins and the standard library.
func makeNotebookInterpreter() throws -> Interpreter {
    try Builtins.makeInterpreter()
}

/// Runs a notebook with `quire run NB.md [flags]`; called by `Run`.
enum NotebookRun {
    static func run(path: String, flags: NotebookFlags) throws -> Int32 {
        run(path: path, settings: try flags.settings())
    }

    static func run(path: String, settings: RunSettings) -> Int32 {
        runOnLargeStack {
            var forwarder: InterruptForwarder?
            let status = NotebookCommand.run(path: path, settings: settings, console: StandardConsole()) {
                let interpreter = try makeNotebookInterpreter()
                forwarder = InterruptForwarder(interpreter)
                return interpreter
            }
            withExtendedLifetime(forwarder) {}
            return status
        }
    }
}

/// Turns Ctrl-C during a notebook run or a program into an interrupt of the running code, so
/// the run ends as after a failing cell: the report and the page are still written, the notebook
/// is not updated. A second Ctrl-C ends the process at once, unless `presenting` (`quire step`,
/// where each Ctrl-C stops the running cell and the walk goes on; at the prompt it does nothing).
///
/// A plain signal handler, not a dispatch source: while a builtin keeps every core busy in a
/// parallel loop, the dispatch threads that would run a source's handler are all taken, and the
/// stop came only when a chunk of the loop ended. The handler only touches atomics (the
/// interpreter's `interrupt` is one atomic store) and `_exit`; SA_RESTART keeps a read at a
/// prompt going.
final class InterruptForwarder {
    private let interpreter: Interpreter

    init(_ interpreter: Interpreter, presenting: Bool = false) {
        self.interpreter = interpreter
        ForwardedInterrupt.presses.store(0, ordering: .sequentiallyConsistent)
        ForwardedInterrupt.presenting.store(presenting, ordering: .sequentiallyConsistent)
        ForwardedInterrupt.interpreterAddress.store(
            UInt(bitPattern: Unmanaged.passUnretained(interpreter).toOpaque()), ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = forwardInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    deinit {
        signal(SIGINT, SIG_DFL)
        ForwardedInterrupt.interpreterAddress.store(0, ordering: .sequentiallyConsistent)
    }
}

/// What the SIGINT handler reads: the interpreter (unretained; the forwarder keeps it alive),
/// whether a second press may end the process, and the count of presses.
private enum ForwardedInterrupt {
    static let interpreterAddress = Atomic<UInt>(0)
    static let presenting = Atomic<Bool>(false)
    static let presses = Atomic<Int>(0)
}

/// Runs in signal context.
private func forwardInterrupt(_ signal: Int32) {
    if !ForwardedInterrupt.presenting.load(ordering: .sequentiallyConsistent),
        ForwardedInterrupt.presses.add(1, ordering: .sequentiallyConsistent).newValue > 1
    {
        TemporaryFiles.removeAllInSignalHandler()  // a write in flight leaves no temporary file
        _exit(130)
    }
    let address = ForwardedInterrupt.interpreterAddress.load(ordering: .sequentiallyConsistent)
    if let pointer = UnsafeRawPointer(bitPattern: address) {
        Unmanaged<Interpreter>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.interrupt() }
    }
}

/// `quire check NB.md...`: run notebooks and compare their outputs with the stored ones.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare each cell's output with its stored output block.",
        discussion: "Prints a diff per differing cell and exits 1 if any differs. Never rewrites a notebook.")

    @Argument(help: "The notebooks (.md) to check.")
    var notebooks: [String]

    @Option(help: ArgumentHelp("The time a cell may run unless it sets its own (10s, 500ms, 2m).", valueName: "DURATION"))
    var timeout: String?

    @Option(help: ArgumentHelp("The share of a PNG figure's pixels that may differ (0.01 is 1%; 0 by default).", valueName: "SHARE"))
    var tolerance: Double = 0

    mutating func run() throws {
        let seconds = try parsedTimeout(timeout)
        guard tolerance >= 0, tolerance <= 1 else { throw ValidationError("--tolerance expects a share from 0 to 1, such as 0.01") }
        let paths = notebooks
        let tolerance = self.tolerance
        throw ExitCode(
            runOnLargeStack {
                NotebookCommand.check(
                    paths: paths, timeout: seconds, console: StandardConsole(), makeInterpreter: makeNotebookInterpreter,
                    figures: PixelFigureComparer(), tolerance: tolerance)
            })
    }
}

/// `quire step NB.md`: a presenter's walk through a notebook.
struct Step: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk through a notebook cell by cell, for presenting in a workshop.",
        discussion: "Shows the prose and code of each cell; Enter runs it, e edits it and runs it again, s skips it, q quits.")

    @Argument(help: "The notebook (.md) to present.")
    var notebook: String

    @Option(help: ArgumentHelp("The time a cell may run unless it sets its own (10s, 500ms, 2m).", valueName: "DURATION"))
    var timeout: String?

    mutating func run() throws {
        guard isatty(0) != 0, isatty(1) != 0 else {
            Runner.fail(
                "quire step is for presenting at a terminal, and this is not one",
                hint: "use `quire run \(notebook)` to run the notebook without stopping")
            throw ExitCode(1)
        }
        let seconds = try parsedTimeout(timeout)
        let path = notebook
        throw ExitCode(
            runOnLargeStack {
                let console = StandardConsole()
                do {
                    let notebook = try NotebookFile.read(path)
                    let interpreter = try makeNotebookInterpreter()
                    let forwarder = InterruptForwarder(interpreter, presenting: true)
                    defer { withExtendedLifetime(forwarder) {} }
                    let stepper = NotebookStepper(
                        notebook: notebook, interpreter: interpreter, console: console, timeout: seconds,
                        readLine: { Swift.readLine(strippingNewline: true) }, externalEditor: editInExternalEditor)
                    return stepper.run()
                } catch let error as NotebookError {
                    console.err(error.render())
                    return 1
                } catch {
                    console.err("error: \(error)\n")
                    return 1
                }
            })
    }
}
