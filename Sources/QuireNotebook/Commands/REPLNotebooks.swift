import Foundation
import QuireLang

/// Runs every cell of the notebook at `path` into `interpreter` (the REPL's `:load`), printing
/// each cell's output through the interpreter's sink as `quire run` does. Figures go into the
/// notebook's `NAME.out/` folder as SVG and PNG, and the PNG path is printed.
/// Throws at the first cell that does not run as expected; the cells before it stay defined.
public func loadNotebook(path: String, into interpreter: Interpreter) throws {
    let notebook = try NotebookFile.read(path)
    let sink = interpreter.sink
    let console = SinkConsole(sink)
    var options = NotebookRunner.Options()
    options.figureFormats = ["png", "svg"]
    let runner = NotebookRunner(notebook: notebook, interpreter: interpreter, options: options)
    runner.onCell = TerminalEcho(console: console, folderPrefix: NotebookCommand.folderPrefix(path)).show
    let results = runner.run()
    if let failed = results.first(where: { !$0.isExpected && $0.status != .skipped }) {
        throw NotebookError(
            failed.errorMessage ?? "cell \(failed.cell.number) failed", path: path,
            line: failed.errorLocation?.line ?? failed.cell.firstCodeLine, rendered: failed.errorText)
    }
}

/// Writes REPL inputs as a new notebook at `path` (the REPL's `:save`): one `quire` cell per
/// input, each followed by its output block and the links of its figures, which are written into
/// `NAME.out/` as `quire run --update` writes them; an input stopped by Ctrl-C is saved with
/// `#| skip`, so the notebook runs and checks without it. Replaces the file atomically.
public func saveNotebook(path: String, entries: [SavedInput]) throws {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    var text = "# \(name)\n\nSaved from the Quire REPL. Run it again with `quire run \(URL(fileURLWithPath: path).lastPathComponent)`.\n"
    for entry in entries {
        var input = entry.input
        while input.hasSuffix("\n") { input.removeLast() }
        let cellFence = NotebookWriter.outputFence(for: input)
        let options = entry.interrupted ? "#| skip: stopped with Ctrl-C in the REPL\n" : ""
        text += "\n\(cellFence)quire\n\(options)\(input)\n\(cellFence)\n"
    }
    let notebook = try NotebookParser.parse(text, path: path)
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    var results: [CellResult] = []
    for (cell, entry) in zip(notebook.cells, entries) {
        var result = CellResult(cell: cell, status: entry.interrupted ? .notDone : .ok)
        if !entry.output.isEmpty { result.items = [.text(entry.output)] }
        for (k, figure) in entry.figures.enumerated() where !entry.interrupted {
            let format = NotebookRunner.formats(["svg"], for: figure)[0]
            let folder = try OutputFolder.create(for: notebook, in: directory)
            let file = "cell-\(cell.number)-\(k + 1).\(format)"
            try figure.write(toPath: (folder as NSString).appendingPathComponent(file))
            result.figureLinks.append("\(notebook.outputFolderName)/\(file)")
        }
        results.append(result)
    }
    try NotebookWriter.writeAtomically(NotebookWriter.updatedText(notebook, results: results), to: path)
}

/// Sends the terminal echo of `:load` through the REPL's own sink, so it interleaves with the
/// REPL's buffered output; errors go there too, as the REPL shows everything in one stream.
private final class SinkConsole: Console {
    let sink: OutputSink
    let isTerminal = isatty(1) != 0
    init(_ sink: OutputSink) { self.sink = sink }
    func out(_ text: String) { sink.write(text) }
    func err(_ text: String) {}  // the thrown error carries the text; the REPL prints it once
}
