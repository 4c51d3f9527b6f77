import Foundation
import QuireLang
import QuireSupport

/// Makes a fresh interpreter with every builtin: the notebook library knows no builtins itself.
public typealias InterpreterFactory = () throws -> Interpreter

/// What `quire run NB.md` was asked to do besides running.
public struct RunSettings: Sendable {
    /// Also write `NAME.out/index.html`.
    public var html = false
    /// Rewrite the notebook's `output` blocks and figure links.
    public var update = false
    /// Run on after an unexpected error.
    public var keepGoing = false
    /// Seconds a cell may run unless it sets its own `timeout`.
    public var timeout: Double?
    /// Where to write the JSON journal.
    public var reportPath: String?
    /// Confine the cells' files and memory (`--sandbox`).
    public var sandbox: Sandbox?
    /// Values for the parameters cell (name, Quire code), injected after it (`-p`, `-f`).
    public var parameters: [(name: String, code: String)] = []
    /// Where to write the executed copy of the notebook (and its figures), `--output DIR`.
    public var outputDirectory: String?

    public init(html: Bool = false, update: Bool = false, keepGoing: Bool = false, timeout: Double? = nil, reportPath: String? = nil) {
        self.html = html
        self.update = update
        self.keepGoing = keepGoing
        self.timeout = timeout
        self.reportPath = reportPath
    }
}

/// The notebook commands of `quire`, returning exit statuses. Call them on the interpreter's
/// (large-stack) thread.
public enum NotebookCommand {
    /// `quire run NB.md [--html] [--update] [--keep-going] [--timeout T] [--report FILE]`.
    public static func run(path: String, settings: RunSettings, console: Console, makeInterpreter: InterpreterFactory) -> Int32 {
        let notebook: Notebook
        do throws(NotebookError) {
            notebook = try NotebookParameters.inject(settings.parameters, into: try NotebookFile.read(path))
            if settings.update && path.lowercased().hasSuffix(".ipynb") {
                throw NotebookError(
                    "--update rewrites Markdown notebooks, and \(path) is a Jupyter notebook", path: path,
                    hint: "use --output DIR for an executed copy, or convert it with `quire convert \(path) --to md`")
            }
            if settings.update { try NotebookWriter.checkWritable(path) }
        } catch {
            console.err(error.render())
            if let report = settings.reportPath { writeReport(RunReport(notebook: path, invalid: error), report, console) }
            return 1
        }
        let interpreter: Interpreter
        do {
            interpreter = try makeInterpreter()
        } catch {
            console.err("error: the interpreter could not start: \(error)\n")
            return 1
        }
        let runner = NotebookRunner(
            notebook: notebook, interpreter: interpreter,
            // A sandboxed run (students' code) tries every cell: an error stops only its cell.
            options: .init(keepGoing: settings.keepGoing || settings.sandbox != nil, defaultTimeout: settings.timeout))
        runner.onCell = TerminalEcho(console: console, folderPrefix: folderPrefix(path)).show
        let started = DispatchTime.now()
        let results = settings.sandbox.confine(directory: runner.directory) { runner.run() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        var status: Int32 = results.allSatisfy { $0.isExpected } ? 0 : 1

        if let report = settings.reportPath {
            if !writeReport(RunReport(notebook: path, results: results), report, console) { status = 1 }
        }
        if settings.html {
            let page = HTMLPage(notebook: notebook, results: results)
            do {
                let written = try page.write(besideNotebook: runner.directory)
                console.out("wrote \(folderPrefix(path))\(notebook.outputFolderName)/\(URL(fileURLWithPath: written).lastPathComponent)\n")
            } catch {
                console.err(error.render())
                status = 1
            }
            for warning in page.warnings.messages { console.err("warning: \(path): \(warning)\n") }
        }
        if settings.update {
            if status == 0 {
                status = update(notebook, results: results, console: console)
            } else {
                console.err("\(path) was not updated, because a cell did not run as expected\n")
            }
        }
        if let folder = settings.outputDirectory {
            if !NotebookCopy.write(notebook, results: results, into: folder, from: runner.directory, console: console) { status = 1 }
        }
        console.out(summary(path, results, elapsed))
        return status
    }

    /// Rewrites the notebook's outputs; a notebook whose outputs did not change is not touched.
    static func update(_ notebook: Notebook, results: [CellResult], console: Console) -> Int32 {
        let text = NotebookWriter.updatedText(notebook, results: results)
        AtomicWrite.removeStaleTemporaries(of: notebook.path)
        guard text != notebook.text else {
            console.out("\(notebook.path) is up to date\n")
            return 0
        }
        do {
            try NotebookWriter.checkWritable(notebook.path)
            try NotebookWriter.writeAtomically(text, to: notebook.path)
            console.out("updated \(notebook.path)\n")
            return 0
        } catch {
            console.err(error.render())
            return 1
        }
    }

    /// `quire check NB.md...`: runs each notebook and compares every cell's output with its
    /// `output` block. Never writes the notebooks or their figures.
    public static func check(
        paths: [String], timeout: Double?, console: Console, makeInterpreter: InterpreterFactory,
        figures: any FigureComparer = SVGFigureComparer(), tolerance: Double = 0
    ) -> Int32 {
        var failed = 0
        for path in paths {
            var check = OutputCheck(path: path, timeout: timeout, console: console)
            check.figures = figures
            check.tolerance = tolerance
            if !check.run(makeInterpreter) { failed += 1 }
        }
        if paths.count > 1 {
            console.out(
                failed == 0
                    ? "all \(paths.count) notebooks match their outputs\n" : "\(failed) of \(paths.count) notebooks differ or failed\n")
        }
        return failed == 0 ? 0 : 1
    }

    @discardableResult
    static func writeReport(_ report: RunReport, _ path: String, _ console: Console) -> Bool {
        do {
            try report.write(to: path)
            return true
        } catch {
            console.err(error.render())
            return false
        }
    }

    /// The folder part of a path as written, with its slash ("" for a bare file name).
    static func folderPrefix(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    static func summary(_ path: String, _ results: [CellResult], _ elapsed: Double) -> String {
        let failed = results.filter { !$0.isExpected && $0.status != .skipped }
        let skipped = results.filter { $0.status == .skipped }.count
        let time = formatDuration(max(elapsed, 0.001))
        let notDone = results.compactMap { $0.status == .notDone ? $0.cell.options.exercise : nil }
        let notDoneText = notDone.isEmpty ? "" : "; not done yet: \(notDone.joined(separator: ", "))"
        guard !failed.isEmpty else {
            return "\(path): \(results.count) cell\(results.count == 1 ? "" : "s") ran as expected in \(time)\(notDoneText)\n"
        }
        let which = failed.map { "\($0.cell.number) (line \($0.errorLocation?.line ?? $0.cell.firstCodeLine))" }.joined(separator: ", ")
        var text = "\(path): cell\(failed.count == 1 ? "" : "s") \(which) failed"
        if skipped > 0 { text += "; \(skipped) cell\(skipped == 1 ? "" : "s") not run (use --keep-going to run them)" }
        text += notDoneText
        return text + "\n"
    }
}
