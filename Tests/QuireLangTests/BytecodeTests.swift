import Foundation
import QuireLang
import Testing

/// The register VM (Sources/QuireLang/Runtime/VM): what it compiles, and that its results and
/// errors are those of the closure compiler it replaces for function bodies and top-level loops.
@Suite struct BytecodeTests {
    func interpreter() -> (Interpreter, Capture) {
        let capture = Capture()
        return (Interpreter(registry: testRegistry, sink: capture), capture)
    }

    func disassembly(_ code: String) throws -> String {
        try interpreter().0.disassemble(Source(name: "t.qr", text: code))
    }

    @Test func aLoopAndAFunctionCompileToRegisterCode() throws {
        let text = try disassembly("""
            fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
            total = 0
            i = 0
            while i < 10 { total += i % 7 * 2; i = i + 1 }
            """)
        // The comparison with a constant and the branch are one instruction; int constants are
        // operands, not loads.
        #expect(text.contains("fib: 1 local"))
        #expect(text.contains("jumpUnless r0(n) < 2"))
        #expect(text.contains("subtractInt r1 = r0(n) - 1"))
        // A global function called with arguments that run no code is read in its global; its
        // argument is computed where its result goes, and the sum's left operand is computed
        // where the sum goes, so the body needs no other temporaries.
        #expect(text.contains("callGlobal r1 = fib(r1)"))
        #expect(text.contains("callGlobal r2 = fib(r2)"))
        #expect(text.contains("add r1 = r1 + r2"))
        #expect(!text.contains("getGlobal"))
        #expect(text.contains("fib: 1 local, 3 registers"))
        // The loop calls nothing, so its globals live in registers while it runs.
        #expect(text.contains("promote globals i, total"))
        #expect(text.contains("moduloInt"))
        #expect(text.contains("demote globals i, total"))
        #expect(!text.contains("tree"))
    }

    @Test func aCallWhoseArgumentsRunCodeReadsTheCalleeFirst() throws {
        let text = try disassembly("fn g(x) { x }\nfn f(x) { g(g(x)) }")
        // The inner call could give g another value: the outer call holds g in a register.
        #expect(text.contains("getGlobal r1 = g"))
        #expect(text.contains("callGlobal r2 = g(r2)"))
        #expect(text.contains("call r1 = r1(r2)"))
        #expect(try run("fn g(x) { x + 1 }\nfn f(x) { g(g(x)) }\nf(1)").value == "3")
    }

    @Test func anUndefinedCalleeIsReportedBeforeItsArguments() throws {
        // As Python does: the name error, not the type error of the argument.
        let e = try #require(failure("fn g(n) { missing(n - \"a\") }\ng(1)"))
        #expect(e.message == "name \"missing\" is not defined")
        #expect(e.stack.map(\.function) == ["g"])
        #expect(e.span?.column == 11)
        #expect(failure("fn g() { missing(other) }\ng()")?.message == "name \"missing\" is not defined")
        #expect(failure("fn g() { if false { x = 1 }\n missing(x + 1) }\ng()")?.message == "name \"missing\" is not defined")
        // Defined, the callee is called; an argument's error is then the error.
        #expect(failure("fn g(n) { 1 }\nfn f(n) { g(n - \"a\") }\nf(1)")?.message == "cannot apply - to an int and a string")
        // A builtin's name called by a function is the builtin until a global takes the name.
        #expect(try run("fn g(x) { print(x) }\ng(5)").output == "5\n")
        #expect(try run("fn g(x) { print(x) }\nfn print(x) { 10 }\ng(5)").value == "10")
    }

    @Test func aFunctionThatLosesItsGlobalWhileItRunsFinishes() throws {
        let (interp, _) = interpreter()
        let code = """
            fn f(n) {
                global f
                if n == 0 {
                    f = none
                    return 7
                }
                r = f(n - 1)
                r + 1
            }
            """
        try interp.run(Source(name: "t", text: code))
        #expect(try interp.disassemble(Source(name: "t", text: code)).contains("callGlobal"))
        weak var seen: Function?
        if case .function(let fn) = try #require(interp.global("f")) { seen = fn }
        #expect(seen != nil)
        #expect(try interp.run(Source(name: "t", text: "f(3)")).map(Printer.repr) == "10")
        #expect(interp.global("f").map(Printer.repr) == "none")
        // Kept while its calls ran, released once they had returned.
        #expect(seen == nil)
    }

    @Test func whatTheVMDoesNotCompileRunsAsClosures() throws {
        let text = try disassembly("fn f(xs) { [x * 2 for x in xs] }\nfor k in range(3) { print(k) }")
        #expect(text.contains("tree"))
        // A loop that calls a function keeps its globals where they are.
        #expect(!text.contains("promote"))
        #expect(text.contains("getGlobal"))
    }

    @Test func disassemblingRunsNothing() throws {
        let (interp, capture) = interpreter()
        _ = try interp.disassemble(Source(name: "t.qr", text: "print(1)\nfor i in range(2) { print(i) }"))
        #expect(capture.text.isEmpty)
        #expect(interp.global("i") == nil)
        #expect(try interp.disassemble(Source(name: "t.qr", text: "x = 1")).contains("nothing runs as bytecode"))
    }

    @Test func aSyntaxErrorIsReportedWhenDisassembling() {
        #expect(throws: QuireError.self) { try disassembly("fn f( {") }
    }

    @Test func globalsInRegistersAreWrittenBackAfterTheLoop() throws {
        #expect(try run("i = 0\ntotal = 0\nwhile i < 100 { total += i; i += 1 }\n(i, total)").value == "(100, 4950)")
        #expect(try run("n = 0\nfor k in [0, 1, 2, 3, 4, 5] { if k == 4 { break }\n n += k }\n(k, n)").value == "(4, 6)")
        // A loop that never runs leaves its variable unassigned, as before.
        #expect(failure("for k in [] { }\nk")?.message == "name \"k\" is not defined")
    }

    @Test func globalsInRegistersAreWrittenBackWhenTheLoopFails() throws {
        let (interp, _) = interpreter()
        let e = try #require(throws: QuireError.self) {
            try interp.run(Source(name: "t", text: "i = 0\nacc = 0\nwhile true { acc += 10 // (5 - i); i += 1 }"))
        }
        #expect(e.message.contains("division by zero"))
        #expect(e.span?.line == 3)
        #expect(interp.global("i").map(Printer.repr) == "5")
        // 10 // 5 + 10 // 4 + 10 // 3 + 10 // 2 + 10 // 1
        #expect(interp.global("acc").map(Printer.repr) == "22")
    }

    @Test func anUndefinedNameInALoopIsNotALocal() throws {
        let e = try #require(failure("i = 0\nwhile i < 3 { i = i + missing }"))
        #expect(e.message == "name \"missing\" is not defined")
        let local = try #require(failure("fn f() { if false { y = 1 }\n y + 1 }\nf()"))
        #expect(local.message == "local variable \"y\" is used before it is assigned")
        #expect(local.span?.line == 2)
    }

    @Test func anUnassignedLocalIsReportedBeforeTheRightSideRuns() throws {
        let (interp, capture) = interpreter()
        let e = try #require(throws: QuireError.self) {
            try interp.run(Source(name: "t", text: "fn f() { if false { y = 1 }\n y + print(\"right side\") }\nf()"))
        }
        #expect(e.message.contains("\"y\" is used before it is assigned"))
        #expect(capture.text.isEmpty)
    }

    @Test func errorsInFramelessCallsKeepTheirCallStack() throws {
        let e = try #require(failure("fn inner(x) { 1 // x }\nfn outer(x) { inner(x - 1) }\nouter(1)"))
        #expect(e.message.contains("division by zero"))
        #expect(e.stack.map(\.function) == ["inner", "outer"])
        #expect(e.stack.map(\.span.line) == [2, 3])
        #expect(e.span?.line == 1)
    }

    @Test func deepFramelessRecursionIsStoppedAtTheLimit() throws {
        let result: (QuireError?, String?) = runOnLargeStack {
            (failure("fn f(n) { f(n + 1) }\nf(0)"), (try? run("fn d(n) { if n == 0 { 0 } else { 1 + d(n - 1) } }\nd(9000)"))?.value)
        }
        #expect(result.0?.kind == .recursion)
        #expect(result.1 == "9000")
    }

    @Test func returnLeavesLoopsAndNestedCalls() throws {
        let code = """
            fn first_over(xs, k) { for x in xs { if x > k { return x } }
             none }
            fn twice(x) { return first_over([1, 5, 9], x) * 2 }
            (twice(3), twice(7), first_over([1], 4))
            """
        #expect(try run(code).value == "(10, 18, none)")
    }

    @Test func pythonArithmeticOnTheFastPaths() throws {
        #expect(try run("fn m(a, b) { (a % b, a // b) }\n[m(-7, 3), m(7, -3), m(7, 3), m(-7, -3)]").value == "[(2, -3), (-2, -3), (1, 2), (-1, 2)]")
        #expect(try run("fn f(x) { x % 4 }\n(f(-5), f(5.5))").value == "(3, 1.5)")
        #expect(failure("fn f(x) { x + 1 }\nf(9223372036854775807)")?.kind == .overflow)
        #expect(failure("fn f(x) { x % 0 }\nf(3)")?.message.contains("division by zero") == true)
    }

    @Test func interruptStopsAFramelessRecursionAndARegisterLoop() throws {
        for code in ["fn spin(n) { spin(n) + 1 }\nspin(0)", "fn spin() { while true { } }\nspin()", "i = 0\nwhile true { i += 1 }"] {
            let (interp, _) = interpreter()
            Thread { Thread.sleep(forTimeInterval: 0.2); interp.interrupt() }.start()
            let e: QuireError? = runOnLargeStack { () -> QuireError? in
                do {
                    try interp.run(Source(name: "t", text: code))
                    return nil
                } catch let e as QuireError { return e } catch { return nil }
            }
            // The recursion may reach its limit before the interrupt arrives.
            #expect(e?.kind == .interrupted || e?.kind == .recursion, "\(code)")
        }
        // The loop's counter was written back when the interrupt stopped it.
        let (interp, _) = interpreter()
        Thread { Thread.sleep(forTimeInterval: 0.2); interp.interrupt() }.start()
        #expect(throws: QuireError.self) { try interp.run(Source(name: "t", text: "i = 0\nwhile true { i += 1 }")) }
        guard case .int(let i) = try #require(interp.global("i")) else {
            Issue.record("i is not an int")
            return
        }
        #expect(i > 0)
    }

    @Test func objectsInRegistersAreReleased() throws {
        weak var seen: ListBox?
        let (interp, _) = interpreter()
        try interp.run(Source(name: "t", text: "fn make(n) { xs = [n, n]\n len(xs) }\nfn len(xs) { 2 }\nmake(1)"))
        do {
            let box = ListBox([.int(1)])
            seen = box
            interp.setGlobal("held", .list(box))
            try interp.run(Source(name: "t", text: "fn pass(x) { x }\ny = pass(held)\ny = none\nheld = none"))
        }
        #expect(seen == nil)
    }

    @Test func aWindowUsedAgainStartsWithItsVariablesUnassigned() throws {
        // Both calls of f run in the same window of the register stack; the first leaves x = 1 there.
        let code = "fn f(flag) { if flag { x = 1 }\n x }\nfn g() { a = f(true)\n f(false) }\ng()"
        let e = try #require(failure(code))
        #expect(e.message.contains("\"x\" is used before it is assigned"))
        #expect(e.stack.map(\.function) == ["f", "g"])
        #expect(try run("fn f(flag) { if flag { x = 1 } else { x = 2 }\n x }\nfn g() { (f(true), f(false)) }\ng()").value == "(1, 2)")
    }

    @Test func objectsInCallWindowsAreReleasedOnReturnAndOnError() throws {
        for (code, fails) in [
            ("fn pass(x) { y = x\n y }\nfn twice(x) { pass(x)\n pass(x)\n 1 }\ntwice(held)", false),
            ("fn bad(x) { y = x\n 1 // 0 }\nfn outer(x) { bad(x) }\nouter(held)", true),
        ] {
            weak var seen: ListBox?
            let (interp, _) = interpreter()
            do {
                let box = ListBox([.int(1)])
                seen = box
                interp.setGlobal("held", .list(box))
                #expect((try? interp.run(Source(name: "t", text: code))) == nil ? fails : !fails, "\(code)")
                try interp.run(Source(name: "t", text: "held = none"))
            }
            #expect(seen == nil, "\(code)")
        }
    }
}
