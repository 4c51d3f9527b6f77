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

    @Test func everyOperatorIsReadWhole() throws {
        // The longest operator wins: `//=` before `//` before `/=` before `/`, with no spaces.
        let code = "a=7;a//=2;b=3;b**=2;c=10;c/=4;d=5;d%=3;e=1;e+=1;e-=3;f=2;f*=3\n"
            + "[a,b,c,d,e,f,7//2,2**3,7/2,7%3,1<2,2<=2,3>2,3>=4,1==1,1!=1,-a,{1:2}[1],(1,2)[0]]"
        #expect(try run(code).value == "[3, 9, 2.5, 2, -1, 6, 3, 8, 3.5, 1, true, true, true, false, true, false, -3, 2, 1]")
        #expect(parseError("fn f(x) -> int { x }")?.message == "expected \"{\" to start a block, found \"->\"")
        #expect(parseError("x = 1 ! 2")?.hint == "use `not` for negation and `!=` for inequality")
        #expect(parseError("x = 1 !")?.message == "unexpected character \"!\"")
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

@Suite struct ErrorRenderingTests {
    func error(_ text: String) -> QuireError {
        guard let e = failure(text) else {
            Issue.record("no error for \(text.prefix(40))")
            return QuireError(.runtime, "none")
        }
        return e
    }

    @Test func longLineIsShownAsAWindowAroundTheColumn() {
        let line = "x = [" + String(repeating: "1, ", count: 60_000) + "+ ]"
        let rendered = error(line).render()
        // A screenful, not five megabytes: the line is cut around the error with ellipses.
        #expect(rendered.utf8.count < 1_000)
        let lines = rendered.components(separatedBy: "\n")
        let shown = lines.first { $0.hasPrefix("1 | ") }!
        #expect(shown.hasPrefix("1 | ..."))
        #expect(shown.hasSuffix("+ ]"))
        // The caret still points at the "]" under the window.
        let caret = lines.first { $0.contains("^") }!
        let caretColumn = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!)
        let shownColumn = shown.distance(from: shown.startIndex, to: shown.lastIndex(of: "]")!)
        #expect(caretColumn == shownColumn)
    }

    @Test func shortLineIsShownWhole() {
        let rendered = error("x = (1 +").render()
        #expect(rendered.contains("1 | x = (1 +\n"))
        #expect(!rendered.contains("..."))
    }

    @Test func loneCarriageReturnsAreNamed() {
        let rendered = error("x = 1\ry = (2 +\r").render()
        #expect(rendered.contains("lone carriage return"))
        // The line is shown with spaces for the carriage returns, which would move the cursor.
        #expect(!rendered.contains("\r"))
        let crlf = error("x = 1\r\ny = (2 +\r\n").render()
        #expect(!crlf.contains("carriage return"))
        // One stray carriage return among ordinary lines is not a line-ending style.
        let stray = error("x = 1\ry = 2\nz = 3\nw = (4 +\n").render()
        #expect(!stray.contains("carriage return"))
    }
}
