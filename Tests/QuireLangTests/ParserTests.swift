import QuireLang
import Testing

@Suite("parse errors")
struct ParserTests {
    func parseError(_ code: String) -> QuireError? {
        failure(code)
    }

    @Test func errorsPointAtTheSpot() throws {
        let e = try #require(parseError("x = 1\ny = (2 +\n"))
        #expect(e.kind == .incompleteInput)
        #expect(try #require(parseError("x = (1 +)\ny = 2\n")).kind == .syntax)
        #expect(Interpreter.isComplete("x = (1 +)\n"))
        #expect(!Interpreter.isComplete("f(1,\n"))
        #expect(!Interpreter.isComplete("if x {\n"))
        #expect(!Interpreter.isComplete("s = \"\"\"abc\n"))
        let e2 = try #require(parseError("x = 5 $ 3"))
        #expect(e2.span?.column == 7)
        #expect(e2.render().contains("^"))
    }

    @Test func pythonHabitsGetHints() throws {
        #expect(parseError("if x > 1:\n  y")?.hint?.contains("braces") == true)
        #expect(parseError("def f(x) { x }")?.message.contains("\"def\" is Python") == true)
        #expect(parseError("x = True")?.hint == "Quire writes \"true\"")
    }

    @Test func renderedErrorShowsLineAndCaret() throws {
        let e = try #require(parseError("count = 1\nprint(cuont)"))
        let text = e.render()
        #expect(text.contains("error: name \"cuont\" is not defined"))
        #expect(text.contains("--> test.qr:2:7"))
        #expect(text.contains("2 | print(cuont)"))
        #expect(text.contains("^^^^^ did you mean \"count\"?"))
    }
}
