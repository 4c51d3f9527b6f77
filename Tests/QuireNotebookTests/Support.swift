import Foundation
import QuireBuiltins
import QuireLang
import QuireNotebook

/// A fresh folder under the temporary directory.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "quire-notebook-tests-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` as a notebook file in a new temporary folder and returns its path.
func writeNotebook(_ text: String, name: String = "nb.md") throws -> String {
    let path = try makeTemporaryFolder() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>"
}

/// An interpreter with every builtin, plus `figure` (a value that draws itself) and `table`
/// (a value with an HTML form), which the domain libraries would otherwise provide.
func makeTestInterpreter() throws -> Interpreter {
    let interpreter = try Builtins.makeInterpreter()
    interpreter.setGlobal("figure", .object(TestFigureObject()))
    interpreter.setGlobal("table", .object(TestTableObject()))
    return interpreter
}

/// What a notebook command printed and returned.
struct CommandOutcome {
    let status: Int32
    let output: String
    let errors: String
}

func runCommand(_ path: String, _ settings: RunSettings = RunSettings()) -> CommandOutcome {
    runOnLargeStack {
        let console = BufferConsole()
        let status = NotebookCommand.run(path: path, settings: settings, console: console, makeInterpreter: makeTestInterpreter)
        return CommandOutcome(status: status, output: console.output, errors: console.errors)
    }
}

func checkCommand(_ paths: [String], timeout: Double? = nil) -> CommandOutcome {
    runOnLargeStack {
        let console = BufferConsole()
        let status = NotebookCommand.check(
            paths: paths, timeout: timeout, console: console, makeInterpreter: makeTestInterpreter, figures: PixelComparer())
        return CommandOutcome(status: status, output: console.output, errors: console.errors)
    }
}

/// Runs a notebook's cells and gives their results.
func runCells(_ text: String, options: NotebookRunner.Options = .init(), name: String = "nb.md") throws -> [CellResult] {
    let path = try writeNotebook(text, name: name)
    let notebook = try NotebookFile.read(path)
    return try runOnLargeStack { () -> Result<[CellResult], Error> in
        do {
            let runner = NotebookRunner(notebook: notebook, interpreter: try makeTestInterpreter(), options: options)
            return .success(runner.run())
        } catch {
            return .failure(error)
        }
    }.get()
}

/// A figure that writes a tiny SVG wherever it is asked to.
final class TestFigure: FigureDisplay {
    func write(toPath path: String) throws {
        let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#4477aa"/></svg>"##
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

final class TestFigureObject: NativeObject {
    var typeName: String { "Figure" }
    func displayText() -> String { "<Figure>" }
    func richDisplay() -> RichDisplay? { .figure(TestFigure()) }
}

final class TestTableObject: NativeObject {
    var typeName: String { "DataFrame" }
    func displayText() -> String { "   a  b\n0  1  x" }
    func richDisplay() -> RichDisplay? {
        .html(
            #"<table class="dataframe"><thead><tr><th></th><th>a</th><th>b</th></tr></thead><tbody><tr><th>0</th><td>1</td><td>x</td></tr></tbody></table>"#
        )
    }
}

/// PNG figures compared by pixels as `quire check` compares them (an encoder's bytes may differ
/// for the same pixels), the rest as the notebook library compares them.
struct PixelComparer: FigureComparer {
    func compare(stored: String, fresh: String, tolerance: Double, diffPath: String) -> FigureDifference? {
        guard stored.lowercased().hasSuffix(".png") else {
            return SVGFigureComparer().compare(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath)
        }
        return FigurePixels.difference(stored: stored, fresh: fresh, tolerance: tolerance, diffPath: diffPath)
            .map { FigureDifference(reason: $0.reason, diffImage: $0.diffImage) }
    }
}
