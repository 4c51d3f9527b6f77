import Foundation
import QuireBuiltins
import QuireLang
import Testing

@testable import QuireNotebook

/// Collects what the REPL would print.
final class CollectingSink: OutputSink {
    var text = ""
    func write(_ text: String) { self.text += text }
    func display(_ value: Value) { text += Printer.repr(value) + "\n" }
}

@Suite struct REPLNotebookTests {
    @Test func loadRunsCellsIntoTheREPLsEnvironment() throws {
        let path = try writeNotebook("```quire\nx = 20\nprint(\"loaded\")\n```\n\n```quire\nx + 1\n```\n")
        let (names, printed, sinkRestored) = try runOnLargeStack { () -> Result<(Value?, String, Bool), Error> in
            do {
                let sink = CollectingSink()
                let interpreter = try Builtins.makeInterpreter(sink: sink)
                try loadNotebook(path: path, into: interpreter)
                return .success((interpreter.global("x"), sink.text, interpreter.sink === sink))
            } catch { return .failure(error) }
        }.get()
        #expect(names.map(Printer.repr) == "20")
        #expect(printed.contains("loaded\n"))
        #expect(printed.contains("21\n"))
        #expect(sinkRestored)
    }

    @Test func loadThrowsAtAFailingCellKeepingEarlierNames() throws {
        let path = try writeNotebook("```quire\nkept = 1\n```\n\n```quire\nnope\n```\n", name: "load.md")
        let outcome = runOnLargeStack { () -> (String?, Bool) in
            let interpreter = try! Builtins.makeInterpreter(sink: CollectingSink())
            do {
                try loadNotebook(path: path, into: interpreter)
                return (nil, false)
            } catch {
                return ("\(error)", interpreter.global("kept") != nil)
            }
        }
        #expect(outcome.0?.contains("load.md:6:1 (cell 2)") == true)
        #expect(outcome.1)
    }

    @Test func loadOfAMissingNotebookThrows() {
        let message = runOnLargeStack { () -> String in
            let interpreter = try! Builtins.makeInterpreter(sink: CollectingSink())
            do {
                try loadNotebook(path: "/no/such/nb.md", into: interpreter)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message.contains("no such notebook"))
    }

    @Test func saveWritesANotebookThatChecks() throws {
        let path = try makeTemporaryFolder() + "/session.md"
        try saveNotebook(path: path, entries: [SavedInput(input: "x = 3", output: ""), SavedInput(input: "print(x)\nx * 2", output: "3\n6\n")])
        let text = read(path)
        #expect(text.contains("```quire\nx = 3\n```\n"))
        #expect(text.contains("```quire\nprint(x)\nx * 2\n```\n\n```output\n3\n6\n```\n"))
        #expect(checkCommand([path]).status == 0)
    }

    @Test func saveWritesAndLinksFiguresAsUpdateDoes() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/session.md"
        try saveNotebook(
            path: path,
            entries: [
                SavedInput(input: "print(1)\nfigure", output: "1\n", figures: [TestFigure()]),
                SavedInput(input: "while true { }", output: "", interrupted: true),
                SavedInput(input: "2", output: "2\n"),
            ])
        let text = read(path)
        #expect(text.contains("```quire\nprint(1)\nfigure\n```\n\n```output\n1\n```\n\n![cell 1](session.out/cell-1-1.svg)\n"))
        #expect(text.contains("```quire\n#| skip: stopped with Ctrl-C in the REPL\nwhile true { }\n```\n"))
        #expect(FileManager.default.fileExists(atPath: folder + "/session.out/cell-1-1.svg"))
        let check = checkCommand([path])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        // The saved notebook is what `quire run --update` would write: the update changes nothing.
        #expect(runCommand(path, RunSettings(update: true)).output.contains("is up to date"))
    }
}

@Suite struct StepperTests {
    /// Presents a notebook with scripted key presses; gives the exit status and the screen.
    func present(_ text: String, keys: [String]) throws -> (Int32, String) {
        let path = try writeNotebook(text, name: "talk.md")
        let notebook = try NotebookFile.read(path)
        return runOnLargeStack {
            var remaining = keys
            let console = BufferConsole()
            let stepper = NotebookStepper(
                notebook: notebook, interpreter: try! makeTestInterpreter(), console: console,
                readLine: { remaining.isEmpty ? nil : remaining.removeFirst() })
            return (stepper.run(), console.output)
        }
    }

    let talk = "# Talk\n\nFirst we set x.\n\n```quire\nx = 5\nx\n```\n\nThen we double it.\n\n```quire\nx * 2\n```\n"

    @Test func enterRunsEachCellInTurn() throws {
        let (status, screen) = try present(talk, keys: ["", "", "", ""])
        #expect(status == 0)
        #expect(screen.contains("First we set x."))
        #expect(screen.contains("cell 1 of 2 (line 6)"))
        #expect(screen.contains("   6 │ x = 5"))
        #expect(screen.contains("5\n"))
        #expect(screen.contains("10\n"))
        #expect(screen.contains("end of"))
    }

    @Test func editReplacesTheCodeAndRunsIt() throws {
        let (_, screen) = try present(talk, keys: ["", "e", "x = 7", "x + 1", "", "q"])
        #expect(screen.contains("Type the new code"))
        #expect(screen.contains("8\n"))
        #expect(screen.contains("stopped at cell 1 of 2"))
    }

    @Test func skipAndQuit() throws {
        let (status, screen) = try present(talk, keys: ["s", "q"])
        #expect(status == 0)
        #expect(!screen.contains("── cell 1"))
        #expect(screen.contains("stopped at cell 2 of 2"))
    }

    @Test func endOfInputQuits() throws {
        let (_, screen) = try present(talk, keys: [])
        #expect(screen.contains("stopped at cell 1 of 2"))
    }

    @Test func aFailingCellIsShownAndTheWalkGoesOn() throws {
        let (status, screen) = try present("```quire\nnope\n```\n\n```quire\n1 + 1\n```\n", keys: ["", "", "", ""])
        #expect(status == 1)
        #expect(screen.contains("2\n"))
    }
}

@Suite struct ProjectNotebooksTests {
    /// The repository root: the folder holding Package.swift, above this file.
    static func root() -> URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    static func notebooks() -> [String] {
        let folder = root().appendingPathComponent("notebooks").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
    }

    @Test func theTourExists() {
        #expect(Self.notebooks().contains { $0.hasSuffix("/00-tour.md") })
    }

    @Test(arguments: notebooks())
    func everyNotebookMatchesItsStoredOutputs(_ path: String) {
        let outcome = checkCommand([path])
        #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
    }
}

@Suite struct REPLFigureTests {
    @Test func loadWritesFiguresAsPNGAndSVG() throws {
        let path = try writeNotebook("```quire\nfigure\n```\n", name: "figs.md")
        let printed = try runOnLargeStack { () -> Result<String, Error> in
            do {
                let sink = CollectingSink()
                let interpreter = try makeTestInterpreter()
                interpreter.sink = sink
                try loadNotebook(path: path, into: interpreter)
                return .success(sink.text)
            } catch { return .failure(error) }
        }.get()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(FileManager.default.fileExists(atPath: folder + "/figs.out/cell-1-1.png"))
        #expect(FileManager.default.fileExists(atPath: folder + "/figs.out/cell-1-1.svg"))
        #expect(printed.contains("figs.out/cell-1-1.png]"))
    }
}
