import QuireBuiltins
import QuireLang
import Testing

/// A call with positional arguments only, to a builtin without variadic parameters, binds
/// through a shorter path (`bindLeading`) than one with keywords: both must give the same values
/// and the same errors, in the same parameter order.
@Suite("binding builtin arguments")
struct BindingTests {
    /// The value of the program's last expression, or the error's message and hint.
    func outcome(_ code: String) -> String {
        do {
            let interpreter = try Builtins.makeInterpreter()
            let value = try interpreter.run(Source(name: "<test>", text: code))
            return value.map(Printer.repr) ?? "none"
        } catch {
            return "error: \(error.message) | \(error.hint ?? "")"
        }
    }

    @Test func positionalAndKeywordCallsAgree() {
        let pairs: [(String, String)] = [
            ("round(2.567, 2)", "round(2.567, ndigits=2)"),
            ("round(2.567)", "round(x=2.567)"),
            ("\"banana\".find(\"n\")", "\"banana\".find(sub=\"n\")"),
            ("range(2, 9, 3)", "range(2, stop=9, step=3)"),
            // A wrong type, a missing argument, a value outside the choices.
            ("\"abc\".find(1)", "\"abc\".find(sub=1)"),
            ("range()", "range(step=2)"),
            ("round(1.5, \"2\")", "round(1.5, ndigits=\"2\")"),
            ("svc(1.0, \"rbff\")", "svc(C=1.0, kernel=\"rbff\")"),
        ]
        for (positional, named) in pairs {
            #expect(outcome(positional) == outcome(named), "\(positional) / \(named)")
        }
        #expect(outcome("round(2.567, 2)") == "2.57")
        #expect(outcome("\"abc\".find(1)").hasPrefix("error: bad argument \"sub\" to str.find: expected a string"))
        #expect(outcome("range()").hasPrefix("error: missing argument \"start\" to range"))
        #expect(outcome("svc(1.0, \"rbff\")").contains("did you mean \"rbf\"?"))
    }

    @Test func tooManyPositionalArgumentsTakeTheGeneralPath() {
        #expect(outcome("round(1.5, 2, 3)").hasPrefix("error: round takes at most 2 arguments, but 3 were given"))
    }

    @Test func defaultsFillTheParametersAfterTheGivenOnes() {
        #expect(outcome("round(2.5)") == outcome("round(2.5, none)"))
        #expect(outcome("[3, 1, 2].index(1)") == "1")
    }
}
