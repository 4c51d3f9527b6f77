import Foundation
import QuireLang
import QuireSupport

/// Runs a notebook's cells top to bottom in one interpreter.
///
/// Like the interpreter it drives, a runner is used on one thread (the large-stack thread).
public final class NotebookRunner {
    /// How cells are run and where figures go.
    public struct Options {
        /// Run the cells after an unexpected error too.
        public var keepGoing = false
        /// Seconds a cell may run when it sets no `timeout` itself.
        public var defaultTimeout: Double?
        /// Write figures into the notebook's `NAME.out/` folder (off for `quire check`).
        public var writeFigures = true
        /// The formats figures are written in, by extension; the first is the one linked.
        public var figureFormats = ["svg"]
        /// Grading: hidden tests' helpers fail without showing the expected values.
        public var hideHiddenTestValues = false

        public init(keepGoing: Bool = false, defaultTimeout: Double? = nil, writeFigures: Bool = true) {
            self.keepGoing = keepGoing
            self.defaultTimeout = defaultTimeout
            self.writeFigures = writeFigures
        }
    }

    public let notebook: Notebook
    public let interpreter: Interpreter
    public let options: Options
    /// The absolute folder holding the notebook: relative paths in cells start here.
    public let directory: String
    /// Called after each cell, with its result (the terminal echo).
    public var onCell: ((CellResult) -> Void)?
    /// The exercises whose cell still has a `___` blank: their tests are not run either.
    public private(set) var exercisesNotDone: [String] = []

    public init(notebook: Notebook, interpreter: Interpreter, options: Options = Options()) {
        self.notebook = notebook
        self.interpreter = interpreter
        self.options = options
        self.directory = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().standardizedFileURL.path
    }

    /// Runs every cell (or up to the first unexpected error) and gives one result per cell;
    /// cells not run are `skipped`.
    public func run() -> [CellResult] {
        let capture = CellCapture()
        let previousSink = interpreter.sink
        interpreter.sink = capture
        defer { interpreter.sink = previousSink }
        var results: [CellResult] = []
        var stopped = false
        for cell in notebook.cells {
            if stopped {
                results.append(CellResult(cell: cell, status: .skipped))
                continue
            }
            capture.reset()
            var result = runCell(cell, capture: capture)
            if options.writeFigures { writeFigures(&result) }
            results.append(result)
            onCell?(result)
            if !result.isExpected && !options.keepGoing { stopped = true }
        }
        return results
    }

    /// Runs one cell on its own (the presenter's walk runs cells one at a time, edited or not).
    public func run(cell: Cell) -> CellResult {
        let capture = CellCapture()
        let previousSink = interpreter.sink
        interpreter.sink = capture
        defer { interpreter.sink = previousSink }
        var result = runCell(cell, capture: capture)
        if options.writeFigures { writeFigures(&result) }
        return result
    }

    /// Runs one cell with its timeout, and classifies how it ended.
    func runCell(_ cell: Cell, capture: CellCapture) -> CellResult {
        if let notDone = notDone(cell) { return notDone }
        let source = Source(
            name: notebook.path, text: cell.code, lineOffset: cell.firstCodeLine - 1, cell: cell.number,
            directory: directory)
        let timeout = cell.options.timeout ?? options.defaultTimeout
        let timer = timeout.map { startTimer(seconds: $0) }
        interpreter.clearInterrupt()
        let start = DispatchTime.now()
        var result = CellResult(cell: cell, status: .ok)
        do throws(QuireError) {
            let hide = options.hideHiddenTestValues && cell.options.hiddenTest != nil
            let ran = Assertions.$hideValues.withValue(hide) {
                Result { () throws(QuireError) -> Value? in try interpreter.run(source) }
            }
            if let value = try ran.get() {
                Cancellation.with(interpreter.cancellation) { capture.display(value) }
            }
            // A limit reached after the last check (in the display, say) still fails the cell.
            try interpreter.checkInterrupt()
            if cell.options.expectError {
                result.status = .error
                result.errorMessage = "cell \(cell.number) was expected to fail, but it ran without error"
                result.errorText = NotebookError(
                    result.errorMessage!, path: notebook.path, line: cell.firstCodeLine,
                    hint: "remove \"#| expect-error\" if the cell is meant to work"
                ).render()
                result.errorLocation = ErrorLocation(line: cell.firstCodeLine, column: 1)
            }
        } catch {
            var error = error
            if error.span == nil { error.span = firstCodeLineSpan(source) }
            if let hint = cell.options.hint, cell.options.testedExercise != nil, error.kind != .timeout {
                error.hint = hint
            }
            if error.kind == .timeout, let timeout {
                error.message = "cell \(cell.number) ran longer than its time limit of \(formatDuration(timeout))"
                error.hint = "raise the limit with \"#| timeout: ...\" or --timeout, or look for a loop that never ends"
            }
            result.status = error.kind == .timeout ? .timeout : (cell.options.expectError ? .expectedError : .error)
            result.errorMessage = error.message
            result.errorText = result.status == .expectedError ? portable(error.render()) : error.render()
            result.errorLocation = error.span.map { ErrorLocation(line: $0.line, column: $0.column) }
            result.error = error
        }
        timer?.cancel()
        interpreter.clearInterrupt()
        result.duration = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        result.items = capture.items
        return result
    }

    /// A cell with a `___` blank, or a test of an exercise that has one, is not run: it is
    /// "not done yet" (one line in the terminal) and the run goes on.
    func notDone(_ cell: Cell) -> CellResult? {
        var result = CellResult(cell: cell, status: .notDone)
        if let why = cell.options.skip {
            result.errorMessage = "cell \(cell.number) is not run (#| skip\(why.isEmpty ? "" : ": " + why))"
            return result
        }
        if let line = Blank.firstLine(in: cell.code) {
            let place = "fill in the ___ on line \(cell.firstCodeLine + line)"
            if let id = cell.options.exercise {
                if !exercisesNotDone.contains(id) { exercisesNotDone.append(id) }
                result.errorMessage = "exercise \(id) is not done yet: \(place)"
            } else {
                result.errorMessage = "cell \(cell.number) is not done yet: \(place)"
            }
            result.errorLocation = ErrorLocation(line: cell.firstCodeLine + line, column: 1)
            return result
        }
        if let id = cell.options.testedExercise, exercisesNotDone.contains(id) {
            result.errorMessage = "not run: it tests exercise \(id), which is not done yet"
            return result
        }
        return nil
    }

    /// The first line of a cell after its `#|` options: where an error that names no place
    /// (a timeout, an interrupt) is shown, so it still points into the notebook.
    func firstCodeLineSpan(_ source: Source) -> SourceSpan {
        var offset = 0
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let length = line.utf8.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.hasPrefix("#|") && !trimmed.isEmpty {
                let indent = line.utf8.count - line.drop { $0 == " " || $0 == "\t" }.utf8.count
                return SourceSpan(source: source, start: offset + indent, end: offset + length)
            }
            offset += length + 1
        }
        return SourceSpan(source: source, start: 0, end: 0)
    }

    /// Asks the interpreter to stop after `seconds` from a timer thread of its own (a dispatch
    /// queue may have no free worker while cells spin on every core).
    func startTimer(seconds: Double) -> CellTimer {
        CellTimer(seconds: seconds, interpreter: interpreter)
    }

    /// An error's text with the notebook named by its file name only, so a stored `output`
    /// block does not depend on the folder `quire` was started from.
    func portable(_ text: String) -> String {
        NotebookRunner.portable(text, path: notebook.path)
    }

    static func portable(_ text: String, path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        guard file != path else { return text }
        return text.replacingOccurrences(of: path + ":", with: file + ":")
    }

    /// Writes the cell's figures into `NAME.out/` and records their links, and records its tables
    /// there when it can (`StoredTables`). A figure that cannot be written fails the cell with the
    /// reason: a run never loses one silently.
    func writeFigures(_ result: inout CellResult) {
        // The tables' record only adds their HTML to conversions (their text is in the output
        // block): a record that cannot be written fails nothing, and those tables stay text.
        try? StoredTables.write(result, of: notebook, in: directory)
        let figures: [any FigureDisplay] = result.items.compactMap { if case .figure(let f) = $0 { f } else { nil } }
        guard !figures.isEmpty else { return }
        let folder: String
        do throws(NotebookError) {
            folder = try OutputFolder.create(for: notebook, in: directory)
        } catch {
            failFigure(&result, error)
            return
        }
        let stems = figures.indices.map { "cell-\(result.cell.number)-\($0 + 1)" }
        let formats = figures.map { Self.formats(options.figureFormats, for: $0) }
        // The figures of a cell are drawn and encoded in parallel, each into its own files.
        let outcome = FigureWrites(figures)
        Parallel.forEach(figures.count, chunks: figures.count) { i, _ in outcome.write(i, folder: folder, stem: stems[i], formats: formats[i]) }
        for i in figures.indices {
            // A figure skipped after a stop is written here, so none is ever lost.
            if !outcome.isDone(i) { outcome.write(i, folder: folder, stem: stems[i], formats: formats[i]) }
            if let reason = outcome.failure(i) {
                failFigure(&result, NotebookError("figure \(i + 1) of cell \(result.cell.number) was not written: \(reason)", path: notebook.path))
                return
            }
            result.figureLinks.append("\(notebook.outputFolderName)/\(stems[i]).\(formats[i][0])")
        }
    }

    /// Marks a cell failed because its figures could not be written.
    func failFigure(_ result: inout CellResult, _ error: NotebookError) {
        result.status = .error
        result.error = nil
        result.errorMessage = error.message
        result.errorText = NotebookError(
            error.message, path: notebook.path, line: result.cell.firstCodeLine, hint: error.hint
        ).render()
        result.errorLocation = ErrorLocation(line: result.cell.firstCodeLine, column: 1)
    }

    /// The figure files of a cell, as linked from the notebook (without writing them).
    func expectedFigureLinks(_ result: CellResult) -> [String] {
        var links: [String] = []
        for item in result.items {
            if case .figure(let figure) = item {
                let format = Self.formats(options.figureFormats, for: figure)[0]
                links.append("\(notebook.outputFolderName)/cell-\(result.cell.number)-\(links.count + 1).\(format)")
            }
        }
        return links
    }

    /// The formats to write a figure in: SVG gives way to the figure's own preference (PNG for
    /// pictures made of pixels).
    static func formats(_ asked: [String], for figure: any FigureDisplay) -> [String] {
        var result: [String] = []
        for format in asked {
            let chosen = format == "svg" ? figure.preferredExtension : format
            if !result.contains(chosen) { result.append(chosen) }
        }
        return result
    }
}

/// A cell's time limit: a thread that interrupts the interpreter unless cancelled in time.
final class CellTimer: @unchecked Sendable {  // the semaphore is the only shared state
    private let cancelled = DispatchSemaphore(value: 0)

    init(seconds: Double, interpreter: Interpreter) {
        let thread = Thread { [cancelled] in
            if cancelled.wait(timeout: .now() + seconds) == .timedOut {
                interpreter.interrupt(timeout: true)
            }
        }
        thread.start()
    }

    func cancel() {
        cancelled.signal()
    }
}

/// The figures of one cell being written on several threads, and what became of each.
/// `@unchecked Sendable`: each figure is drawn by one thread only (a figure only reads its own
/// description), and the outcomes go through the lock.
private final class FigureWrites: @unchecked Sendable {
    private let figures: [any FigureDisplay]
    private let lock = NSLock()
    private var done: [Bool]
    private var failures: [String?]

    init(_ figures: [any FigureDisplay]) {
        self.figures = figures
        done = Array(repeating: false, count: figures.count)
        failures = Array(repeating: nil, count: figures.count)
    }

    func write(_ i: Int, folder: String, stem: String, formats: [String]) {
        var reason: String?
        for format in formats {
            do {
                try figures[i].write(toPath: (folder as NSString).appendingPathComponent("\(stem).\(format)"))
            } catch {
                reason = (error as? QuireError).map { $0.message } ?? "\(error)"
                break
            }
        }
        lock.withLock {
            done[i] = true
            failures[i] = reason
        }
    }

    func isDone(_ i: Int) -> Bool { lock.withLock { done[i] } }
    func failure(_ i: Int) -> String? { lock.withLock { failures[i] } }
}
