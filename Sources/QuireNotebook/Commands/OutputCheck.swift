import QuireLang

/// `quire check` for one notebook: run it, compare outputs, print a diff per differing cell.
struct OutputCheck {
    let path: String
    let timeout: Double?
    let console: Console
    /// How figure files are compared, and the share of pixels that may differ.
    var figures: any FigureComparer = SVGFigureComparer()
    var tolerance = 0.0

    /// Whether the notebook ran and every checked cell's output matched.
    func run(_ makeInterpreter: InterpreterFactory) -> Bool {
        let notebook: Notebook
        let interpreter: Interpreter
        do {
            notebook = try NotebookFile.read(path)
        } catch {
            console.err(error.render())
            return false
        }
        do {
            interpreter = try makeInterpreter()
        } catch {
            console.err("error: the interpreter could not start: \(error)\n")
            return false
        }
        var options = NotebookRunner.Options(defaultTimeout: timeout, writeFigures: false)
        options.keepGoing = false
        let runner = NotebookRunner(notebook: notebook, interpreter: interpreter, options: options)
        var differing: [Int] = []
        var missing = 0
        var failed = false
        for var result in runner.run() {
            if result.status == .skipped || result.status == .notDone { continue }
            guard result.isExpected else {
                console.err(result.errorText ?? "error in cell \(result.cell.number)\n")
                failed = true
                continue
            }
            guard result.cell.options.check else { continue }
            result.figureLinks = runner.expectedFigureLinks(result)
            let stored = notebook.attachment(ofCell: result.cell.number)
            var problem = compare(result, stored)
            if problem == nil {
                let figureProblems = compareFigures(result, directory: runner.directory)
                if !figureProblems.isEmpty {
                    let place = "\(path):\(result.cell.firstCodeLine) (cell \(result.cell.number))"
                    problem = "--- cell \(result.cell.number): stored figures\n+++ cell \(result.cell.number): figures now\n@@ \(place) @@\n"
                        + figureProblems.map { "  \($0)\n" }.joined()
                }
            }
            if let problem {
                differing.append(result.cell.number)
                if stored == nil { missing += 1 }
                console.out(problem)
            }
        }
        if failed {
            console.err("\(path): a cell did not run as expected, so the outputs were not all checked\n")
            return false
        }
        guard differing.isEmpty else {
            var text =
                "\(path): \(differing.count) \(differing.count == 1 ? "cell differs" : "cells differ") (\(differing.map(String.init).joined(separator: ", ")))\n"
            if missing > 0 {
                text +=
                    "  hint: \(missing == 1 ? "a cell has" : "\(missing) cells have") no stored output; run `quire run --update \(path)` to write it\n"
            }
            console.out(text)
            return false
        }
        console.out("\(path): ok (\(notebook.cells.count) cells match)\n")
        return true
    }

    /// A description of how the cell's output differs from what the notebook stores, or nil.
    func compare(_ result: CellResult, _ stored: Attachment?) -> String? {
        let expected = NotebookWriter.normalized(stored?.output ?? "")
        let actual = NotebookWriter.normalized(result.outputText)
        let storedFigures = stored?.figures ?? []
        if expected == actual && storedFigures == result.figureLinks { return nil }
        let place = "\(path):\(result.cell.firstCodeLine) (cell \(result.cell.number))"
        var text = "--- cell \(result.cell.number): stored output\n+++ cell \(result.cell.number): output now\n@@ \(place) @@\n"
        if expected != actual {
            text += stored?.output == nil && !actual.isEmpty ? "  (the notebook stores no output block for this cell)\n" : ""
            text += LineDiff.render(expected: expected, actual: actual)
        }
        if storedFigures != result.figureLinks {
            text += "  figures: the notebook links \(storedFigures.count), the cell made \(result.figureLinks.count)\n"
        }
        return text
    }
}
