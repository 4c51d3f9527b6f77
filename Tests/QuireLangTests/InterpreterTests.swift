import Foundation
import QuireLang
import Testing

@Suite("interpreter")
struct InterpreterTests {
    @Test func lastExpressionIsDisplayedUnlessSemicolon() throws {
        #expect(try run("1 + 2").value == "3")
        #expect(try run("1 + 2;").value == nil)
        #expect(try run("x = 5").value == nil)
        #expect(try run("fn f() { 1 }").value == nil)
    }

    @Test func environmentPersistsAcrossRuns() throws {
        let interpreter = Interpreter(registry: testRegistry, sink: Capture())
        try interpreter.run(Source(name: "a", text: "x = 40\nfn add(n) { x + n }"))
        let v = try interpreter.run(Source(name: "b", text: "add(2)"))
        #expect(v.map(Printer.repr) == "42")
        #expect(interpreter.globalNames.contains("x"))
        #expect(interpreter.global("x").map(Printer.repr) == "40")
        interpreter.reset()
        #expect(interpreter.global("x") == nil)
    }

    @Test func completenessForTheREPL() {
        #expect(Interpreter.isComplete("x = 1"))
        #expect(!Interpreter.isComplete("fn f(x) {"))
        #expect(!Interpreter.isComplete("xs = [1,"))
        #expect(!Interpreter.isComplete("s = \"\"\"abc"))
        #expect(!Interpreter.isComplete("print(1 +"))
        #expect(Interpreter.isComplete("x = )"))  // an error, reported when run
        #expect(Interpreter.isComplete("if true {\n  1\n}"))
    }

    @Test func keywordArgumentsToBuiltins() throws {
        #expect(try run("split(3, test_size=0.5)").value == "(3, 0.5, none)")
        #expect(try run("split(x=1, seed=7)").value == "(1, 0.25, 7)")
    }

    @Test func sharedArgumentWording() throws {
        let e = try #require(failure("split(3, test_size=\"0.2\")"))
        #expect(e.message == "bad argument \"test_size\" to split: expected a number, got \"0.2\" (a string)")
        // The error points at the argument, not at the whole call.
        #expect(e.span?.column == 10)
        let range = try #require(failure("split(3, test_size=2)"))
        #expect(range.message == "bad argument \"test_size\" to split: expected a number between 0 and 1, got 2 (an int)")
        let unknown = try #require(failure("split(3, tset_size=0.1)"))
        #expect(unknown.message == "unknown argument \"tset_size\" to split")
        #expect(unknown.hint == "did you mean \"test_size\"?")
    }

    @Test func interruptStopsALoop() throws {
        let interpreter = Interpreter(registry: testRegistry, sink: Capture())
        // A thread of its own: the test's own thread spins, and dispatch queues may have no
        // free worker while every core does.
        Thread { Thread.sleep(forTimeInterval: 0.2); interpreter.interrupt() }.start()
        #expect(throws: QuireError.self) { try interpreter.run(Source(name: "t", text: "while true { }")) }
        // The environment survives an interrupt.
        try interpreter.run(Source(name: "t", text: "y = 1"))
        #expect(interpreter.global("y") != nil)
    }

    @Test func timeoutIsItsOwnKind() throws {
        let interpreter = Interpreter(registry: testRegistry, sink: Capture())
        Thread { Thread.sleep(forTimeInterval: 0.1); interpreter.interrupt(timeout: true) }.start()
        do {
            try interpreter.run(Source(name: "t", text: "fn spin() { while true { } }\nspin()"))
            Issue.record("the loop was not stopped")
        } catch {
            #expect(error.kind == .timeout)
        }
    }

    @Test func notebookCellReportsNotebookLines() throws {
        let interpreter = Interpreter(registry: testRegistry, sink: Capture())
        do {
            try interpreter.run(Source(name: "nb.md", text: "x = 1\ny = nope", lineOffset: 20, cell: 3))
            Issue.record("no error")
        } catch {
            #expect(error.span?.line == 22)
            #expect(error.render().contains("nb.md:22:5 (cell 3)"))
        }
    }

    @Test func deepRecursionIsAnErrorNotACrash() {
        let result: QuireError? = runOnLargeStack {
            failure("fn f(n) { f(n + 1) }\nf(0)")
        }
        #expect(result?.kind == .recursion)
    }

    @Test func printGoesToTheSink() throws {
        #expect(try run("print(\"a\", 1, 2.5, none, true)").output == "a 1 2.5 none true\n")
    }
}

@Suite("printing and formatting")
struct PrinterTests {
    @Test(arguments: [
        (0.1, "0.1"), (3.5, "3.5"), (2.0, "2.0"), (1e-7, "1e-07"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
        (123.456, "123.456"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5e-10, "-2.5e-10"), (1.0 / 3.0, "0.3333333333333333"),
        (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func floatsPrintAsPython(_ pair: (Double, String)) {
        #expect(Printer.formatDouble(pair.0) == pair.1)
    }

    @Test func formatSpecs() throws {
        #expect(try Format.apply(".2f", to: .double(3.14159)) == "3.14")
        #expect(try Format.apply(">8.3f", to: .double(2.5)) == "   2.500")
        #expect(try Format.apply(",", to: .int(1234567)) == "1,234,567")
        #expect(try Format.apply(".1%", to: .double(0.25)) == "25.0%")
        #expect(try Format.apply("e", to: .double(1234.5)) == "1.234500e+03")
        #expect(try Format.apply("g", to: .double(1e-5)) == "1e-05")
        #expect(try Format.apply(".3g", to: .double(1234.5)) == "1.23e+03")
        #expect(try Format.apply("^7", to: .string("ab")) == "  ab   ")
        #expect(try Format.apply("08.2f", to: .double(-1.5)) == "-0001.50")
        #expect(try Format.apply(".4", to: .double(3.14159)) == "3.142")
        #expect(throws: QuireError.self) { try Format.apply("z9", to: .int(1)) }
    }

    @Test func reprOfContainers() throws {
        let d = DictBox()
        try d.set(.string("a"), .list(ListBox([.int(1), .string("x")])))
        #expect(Printer.repr(.dict(d)) == "{\"a\": [1, \"x\"]}")
        #expect(Printer.repr(.tuple([.int(1)])) == "(1,)")
        #expect(Printer.str(.string("plain")) == "plain")
        #expect(Printer.repr(.string("q\"\n")) == "\"q\\\"\\n\"")
    }
}

@Suite("did you mean")
struct SuggestTests {
    @Test func closeNamesAreSuggested() {
        #expect(Suggest.closest(to: "sc_ww", in: ["sc_w", "sc_h", "ram"]) == "sc_w")
        #expect(Suggest.closest(to: "tset_size", in: ["test_size", "train_size"]) == "test_size")
        #expect(Suggest.closest(to: "lenght", in: ["length", "len"]) == "length")
        #expect(Suggest.closest(to: "zzz", in: ["alpha", "beta"]) == nil)
    }

    @Test func distanceCountsTranspositionsOnce() {
        #expect(Suggest.distance("ab", "ba") == 1)
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.distance("", "abc") == 3)
    }
}
