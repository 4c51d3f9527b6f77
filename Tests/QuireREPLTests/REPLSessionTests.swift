import Foundation
import QuireLang
import Testing

@testable import QuireREPL

/// The REPL driven by scripted lines: input handling, commands and their messages.
/// Serialized because each run installs the process's SIGINT handler.
@Suite(.serialized) struct REPLSessionTests {
    @Test func multiLineInputRunsWhenComplete() throws {
        let session = try CapturedREPL()
        let reader = ScriptedReader([.line("fn double(a) {"), .line("a * 2"), .line("}"), .line("y = double(4);")])
        #expect(session.repl.run(reader: reader) == 0)
        #expect(session.errors == "")
        #expect(Printer.repr(try #require(session.repl.interpreter.global("y"))) == "8")
        #expect(reader.prompts == [REPL.prompt, REPL.continuationPrompt, REPL.continuationPrompt, REPL.prompt, REPL.prompt])
    }

    @Test func pastedPromptsAreStrippedBeforeRunningAndRemembering() throws {
        let session = try CapturedREPL()
        let reader = ScriptedReader([.line(">>> z = [1,"), .line("...  2]"), .line("In [4]: n = len(z)")])
        #expect(session.repl.run(reader: reader) == 0)
        #expect(session.errors == "")
        #expect(Printer.repr(try #require(session.repl.interpreter.global("n"))) == "2")
        #expect(reader.remembered == ["z = [1,", " 2]", "n = len(z)"])
    }

    @Test func errorsAreReportedAndTheSessionGoesOn() throws {
        let session = try CapturedREPL()
        session.run(["nope + 1", "1 / 0", "w = 1"])
        #expect(session.errors.contains("error:"))
        #expect(session.errors.contains("<repl>:1:1"))
        #expect(session.repl.interpreter.global("w") != nil)
    }

    @Test func ctrlCAtAContinuationDropsTheOpenInput() throws {
        let session = try CapturedREPL()
        let reader = ScriptedReader([.line("xs = [1,"), .interrupted, .line("v = 2")])
        #expect(session.repl.run(reader: reader) == 0)
        #expect(session.errors == "")
        #expect(session.repl.interpreter.global("xs") == nil)
        #expect(session.repl.interpreter.global("v") != nil)
        #expect(reader.prompts == [REPL.prompt, REPL.continuationPrompt, REPL.prompt, REPL.prompt])
    }

    @Test func quitStopsReading() throws {
        let session = try CapturedREPL()
        let reader = ScriptedReader([.line(":quit"), .line("after = 1")])
        #expect(session.repl.run(reader: reader) == 0)
        #expect(session.repl.interpreter.global("after") == nil)
        #expect(reader.lines.count == 1)
    }

    @Test func varsListsSessionVariablesButNotTheStandardLibrary() throws {
        let session = try CapturedREPL()
        let initial = session.repl.initialGlobals.map(\.name)
        #expect(!initial.isEmpty)
        session.run([":vars"])
        #expect(session.said.contains("no variables yet"))
        session.said = ""
        session.run(["count = 42", "label = \"a long text \" * 10", "fn add(a, b) { a + b }", ":vars"])
        let lines = session.said.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("count ") && $0.contains("int") && $0.hasSuffix("42") })
        #expect(lines.contains { $0.hasPrefix("add ") && $0.contains("fn add(a, b)") })
        let label = try #require(lines.first { $0.hasPrefix("label ") })
        #expect(label.hasSuffix("..."))
        #expect(label.count < 100)
        for name in initial { #expect(!lines.contains { $0.hasPrefix(name + " ") }) }
    }

    @Test func resetRemovesVariablesAndKeepsTheStandardLibrary() throws {
        let session = try CapturedREPL()
        session.run(["w = 1", ":reset"])
        #expect(session.repl.interpreter.global("w") == nil)
        for (name, _) in session.repl.initialGlobals { #expect(session.repl.interpreter.global(name) != nil) }
        #expect(session.said.contains("reset"))
    }

    @Test func timePrintsTheElapsedTime() throws {
        let session = try CapturedREPL()
        session.run([":time t = sum(range(1000))"])
        #expect(session.said.hasPrefix("time: "))
        #expect(Printer.repr(try #require(session.repl.interpreter.global("t"))) == "499500")
        session.said = ""
        session.run([":time 1 / 0"])
        #expect(!session.said.contains("time:"))
        #expect(session.errors.contains("error:"))
    }

    @Test func durationsAreWrittenInAReadableUnit() {
        #expect(REPL.format(.microseconds(12)) == "12.0 µs")
        #expect(REPL.format(.milliseconds(5)) == "5.00 ms")
        #expect(REPL.format(.seconds(2)) == "2.000 s")
    }

    @Test func helpOnCommandsBuiltinsAndVariables() throws {
        let session = try CapturedREPL()
        let interpreter = session.repl.interpreter
        session.run([":help"])
        #expect(session.said.contains("Commands:"))
        #expect(session.said.contains(":time CODE"))
        #expect(session.said.contains("len"))
        session.said = ""
        session.run([":help len"])
        #expect(session.said.hasPrefix(try #require(interpreter.registry.functions["len"]).signature))
        session.said = ""
        session.run([":help :time", ":help vars"])
        #expect(session.said.contains(":time CODE\n"))
        #expect(session.said.contains(":vars\n"))
        session.said = ""
        session.run(["fn add(a, b) { a + b }", "xs = [1]", ":help add", ":help xs.append"])
        #expect(session.said.contains("fn add(a, b)"))
        #expect(session.said.contains(try #require(interpreter.registry.method("append", on: "list")).signature))
        session.said = ""
        session.run([":help lenn"])
        #expect(session.said.contains("did you mean \"len\""))
    }

    @Test func unknownAndMisusedCommandsAreErrors() throws {
        let session = try CapturedREPL()
        session.run([":hlep", ":time"])
        #expect(session.errors.contains("there is no command :hlep"))
        #expect(session.errors.contains("did you mean :help?"))
        #expect(session.errors.contains("usage: :time CODE"))
    }

    @Test func saveHandsOverTheInputsThatRanWithTheirOutput() throws {
        let session = try CapturedREPL()
        var saved: (path: String, entries: [SavedInput])?
        session.repl.saveNotebook = { path, entries in saved = (path, entries) }
        session.run(["print(\"hi\")", "1 + 2", "q = [1,", "2];", "nope", "xs = [1, 2]", "xs", ":save out.md"])
        let result = try #require(saved)
        #expect(result.path.hasPrefix("/") && result.path.hasSuffix("/out.md"))
        #expect(result.entries.map(\.input) == ["print(\"hi\")", "1 + 2", "q = [1,\n2];", "xs = [1, 2]", "xs"])
        #expect(result.entries.map(\.output) == ["hi\n", "3\n", "", "", "[1, 2]\n"])
        #expect(session.said.contains("saved 5 inputs"))
        #expect(result.entries.allSatisfy { !$0.interrupted && $0.figures.isEmpty })
    }

    @Test func saveKeepsFiguresAsFiguresNotAsText() throws {
        let session = try CapturedREPL()
        var saved: [SavedInput] = []
        session.repl.saveNotebook = { _, entries in saved = entries }
        session.run(["bar([\"a\", \"b\"], [1, 2])", ":save out.md"])
        #expect(saved.count == 1)
        #expect(saved.first?.figures.count == 1)
        #expect(saved.first?.output == "")
    }

    @Test func saveRefusesWhatItCannotDo() throws {
        let session = try CapturedREPL()
        session.run(["x = 1", ":save out.md"])
        #expect(session.errors.contains("notebooks cannot be saved here"))
        session.repl.saveNotebook = { _, _ in throw CocoaError(.fileWriteNoPermission) }
        session.errors = ""
        session.run([":save notes.txt"])
        #expect(session.errors.contains("ending in .md"))
        session.errors = ""
        session.run([":save out.md"])
        #expect(session.errors.contains("cannot save out.md"))
        let empty = try CapturedREPL()
        empty.repl.saveNotebook = { _, _ in Issue.record("nothing should be saved") }
        empty.run([":save out.md"])
        #expect(empty.said.contains("nothing to save"))
    }

    @Test func loadRunsAScriptIntoTheSession() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quire-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("helpers.qr")
        try "fn triple(v) { v * 3 }\nloaded = triple(5)\n".write(to: script, atomically: true, encoding: .utf8)
        let broken = directory.appendingPathComponent("broken.qr")
        try "x = (\n".write(to: broken, atomically: true, encoding: .utf8)
        let session = try CapturedREPL()
        session.run([":load \(script.path)", "t = triple(2)"])
        #expect(session.errors == "")
        #expect(Printer.repr(try #require(session.repl.interpreter.global("loaded"))) == "15")
        #expect(Printer.repr(try #require(session.repl.interpreter.global("t"))) == "6")
        session.run([":load \(broken.path)"])
        #expect(session.errors.contains("broken.qr"))
    }

    @Test func loadExplainsWhatItCannotLoad() throws {
        let session = try CapturedREPL()
        session.run([":load /no/such/file.qr"])
        #expect(session.errors.contains("no such file: /no/such/file.qr"))
        session.errors = ""
        session.run([":load notes.md"])
        #expect(session.errors.contains("notebooks cannot be loaded here"))
        session.errors = ""
        session.run([":load data.csv"])
        #expect(session.errors.contains(".qr scripts and .md notebooks"))
    }

    @Test func loadHandsNotebooksToTheNotebookRunner() throws {
        let session = try CapturedREPL()
        var loaded: [String] = []
        session.repl.loadNotebook = { path in
            loaded.append(path)
            if path.hasSuffix("bad.md") { throw QuireError(.io, "the notebook is broken") }
        }
        session.run([":load lesson.md", ":load bad.md"])
        #expect(loaded.count == 2)
        #expect(loaded[0].hasPrefix("/") && loaded[0].hasSuffix("/lesson.md"))
        #expect(session.errors.contains("the notebook is broken"))
    }

    @Test func completionSeesTheEarlierLinesAndCommands() throws {
        let session = try CapturedREPL()
        session.run(["fn fit(model, epochs=1) { model }"])
        session.repl.pending = ["fit(m,"]
        #expect(session.repl.complete("  ep").candidates == ["epochs="])
        session.repl.pending = []
        #expect(session.repl.complete(":he").candidates == [":help"])
        #expect(session.repl.complete(":help le").candidates == ["learning_curve", "len"])
        #expect(session.repl.complete(":load he").candidates.isEmpty)
    }
}
