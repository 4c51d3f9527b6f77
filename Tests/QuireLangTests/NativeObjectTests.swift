import QuireLang
import Testing

@Suite("native objects")
struct NativeObjectTests {
    @Test func operatorsAreElementWise() throws {
        #expect(try run("v = vec([1, 2]); v + v").value == "Vec(2.0, 4.0)")
        #expect(try run("v = vec([1, 2]); v * 3").value == "Vec(3.0, 6.0)")
        #expect(try run("v = vec([1, 2]); 3 * v").value == "Vec(3.0, 6.0)")
        #expect(try run("-vec([1, 2])").value == "Vec(-1.0, -2.0)")
    }

    @Test func reflectedComparison() throws {
        #expect(try run("v = vec([1, 5]); v > 2").value == "[false, true]")
        #expect(try run("v = vec([1, 5]); 2 > v").value == "[true, false]")
    }

    @Test func membersMethodsAndDidYouMean() throws {
        #expect(try run("vec([1, 2]).size").value == "2")
        #expect(try run("vec([1, 2]).total()").value == "3.0")
        let error = try #require(failure("v = vec([1])\nv.sise"))
        #expect(error.message == "a Vec has no member \"sise\"")
        #expect(error.hint == "did you mean \"size\"?")
        #expect(error.span?.line == 2)
        #expect(error.span?.column == 3)
    }

    @Test func methodOnValueFromRegistryIsBound() throws {
        #expect(try run("v = vec([4, 5]); t = v.total; t()").value == "9.0")
    }

    @Test func setMemberAndIndex() throws {
        #expect(try run("v = vec([1, 2]); v.first = 7; v[1] = 9; v").value == "Vec(7.0, 9.0)")
        #expect(failure("v = vec([1]); v.size = 3")?.message == "cannot set \"size\" on a Vec")
    }

    @Test func iterationAndLength() throws {
        #expect(try run("t = 0\nfor x in vec([1, 2, 3]) { t = t + x }\nt").value == "6.0")
        #expect(try run("a, b = vec([1, 2]); a + b").value == "3.0")
    }

    @Test func truthIsAskedOfTheObject() throws {
        let error = try #require(failure("if vec([1]) { 1 }"))
        #expect(error.message == "the truth of a Vec is ambiguous")
        #expect(error.hint == "use .any() or .all()")
        #expect(error.span != nil)
    }

    @Test func unsupportedOperatorIsATypeError() throws {
        #expect(failure("vec([1]) - 1")?.message == "cannot apply - to a Vec and an int")
    }

    @Test func displayTextAndRichDisplay() throws {
        let capture = Capture()
        let interpreter = Interpreter(registry: testRegistry, sink: capture)
        let value = try #require(try interpreter.run(Source(name: "t", text: "vec([1.5])")))
        guard case .object(let o) = value else {
            Issue.record("not an object")
            return
        }
        #expect(o.displayText() == "Vec(1.5)")
        if case .html(let html)? = o.richDisplay() { #expect(html == "<b>vec</b>") } else { Issue.record("no html") }
    }
}
